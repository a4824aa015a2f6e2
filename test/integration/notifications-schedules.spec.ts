import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { CAMPAIGNS } from 'seeds/demo-plan';
import { Clock } from 'src/common/clock';
import { addDays, localDateOf, localTimeToInstant } from 'src/common/local-time';
import { OutboxWorker } from 'src/notifications/outbox-worker';
import { NotificationScheduler } from 'src/notifications/schedules/notification-scheduler';
import { isoWeekOf } from 'src/reach/reach-periods';
import { createMaterial, noticesOf, receive, WRITE_OFF, ISSUE, DISTRIBUTE } from '../support/materials';
import { assign, createEvent, HOUR, transition } from '../support/planning';
import { reach } from '../support/reach';
import { ReceivedMail, TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const DAY = 24 * HOUR;
const ZONE = 'Asia/Shanghai';

/** "Events: 12 (week before: 7, +5)" / "活动场次：12（前一周 7，+5）" → { current: 12, previous: 7 } per label. */
function digestFigures(text: string): Map<string, { current: number; previous: number }> {
  const figures = new Map<string, { current: number; previous: number }>();
  for (const match of text.matchAll(/^(.+?)(?:: |：)([\d,]+)(?: \(week before: |（前一周 )([\d,]+)/gm)) {
    figures.set(match[1], { current: Number(match[2].replace(/,/g, '')), previous: Number(match[3].replace(/,/g, '')) });
  }
  return figures;
}

describe(`notification schedules (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let staff: string;
  let clock: Clock;
  let scheduler: NotificationScheduler;
  let seq = 0;

  const drain = () => t.app.get(OutboxWorker).drain();
  /** Runs a scheduler tick and sends what it wrote, at `at`. */
  async function tickAt(at: Date) {
    jest.spyOn(clock, 'now').mockReturnValue(at);
    try {
      const result = await scheduler.tick();
      await drain();
      return result;
    } finally {
      jest.restoreAllMocks();
    }
  }

  async function person(locale: 'zh-CN' | 'en', role = 'VOLUNTEER', unit: string = UNITS.lanzhouDonggang): Promise<{ id: string; email: string }> {
    const email = `s${++seq}.${Date.now()}@example.com`;
    const res = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: locale === 'en' ? `Person ${seq}` : `志愿者${seq}`, password: DEMO_PASSWORD, role, orgUnitId: unit, locale } },
      admin,
    );
    if (!res.data?.createUser) throw new Error(JSON.stringify(res.errors));
    return { id: res.data.createUser.id, email };
  }

  async function scheduledEvent(startsAt: Date, assignees: [string, string][]): Promise<{ id: string; startsAt: string }> {
    const event = await createEvent(t, staff, {
      title: '老年人防诈骗讲座',
      orgUnitId: UNITS.lanzhouDonggang,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
    });
    for (const [userId, role] of assignees) expect((await assign(t, staff, event.id, userId, role)).errors).toBeUndefined();
    expect((await transition(t, staff, 'scheduleEvent', event.id)).errors).toBeUndefined();
    return event;
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://outreach.bank.example' } });
    [admin, staff] = await Promise.all([t.login(USERS.admin.email), t.login(USERS.lanzhouStaff.email)]);
    clock = t.app.get(Clock);
    scheduler = t.app.get(NotificationScheduler);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  // First: the digest tests move the clock weeks ahead, and a digest slot, once sent, stays sent.
  describe('weekly-digest', () => {
    /** The next Monday 09:00 in Asia/Shanghai after the real now, and that Monday's day. */
    function nextMonday(): { monday: string; at: Date } {
      const today = localDateOf(new Date(), ZONE);
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;
      const monday = addDays(today, 8 - weekday);
      return { monday, at: localTimeToInstant(monday, 9, 0, ZONE) };
    }
    const digestsTo = (email: string) => smtp.to(email).filter((m) => m.parsed.headers.get('x-finreach-template') === 'weekly-digest');

    it('goes out on Monday at 09:00 once, with the reach query\'s figures, to each manager in their language', async () => {
      const { monday, at } = nextMonday();
      const from = addDays(monday, -7);
      const to = addDays(monday, -1);
      // A held event at 香港中路网点 with check-ins, so Qingdao's figures are not all zero.
      const qingdaoStaff = await t.login(USERS.qingdaoStaff.email);
      const held = await createEvent(t, qingdaoStaff, {
        title: '校园金融知识课堂',
        orgUnitId: UNITS.qingdaoXianggangRoad,
        venueType: 'SCHOOL',
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        endsAt: new Date(Date.now() + HOUR).toISOString(),
        targetGroups: ['YOUTH'],
      });
      for (const action of ['scheduleEvent', 'startEvent'] as const) expect((await transition(t, qingdaoStaff, action, held.id)).errors).toBeUndefined();
      const checkIn = await t.gql(`mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`, { input: { clientId: randomUUID(), eventId: held.id, targetGroup: 'YOUTH', count: 37 } }, qingdaoStaff);
      expect(checkIn.data.checkIn.outcome).toBe('ACCEPTED');
      // The first tick may catch up on this week's digest; what counts is what the next Monday adds.
      await tickAt(new Date(at.getTime() - 60_000));
      const before = digestsTo(USERS.qingdaoManager.email).length;
      await tickAt(new Date(at.getTime() - 30_000));
      expect(digestsTo(USERS.qingdaoManager.email)).toHaveLength(before);

      jest.spyOn(clock, 'now').mockReturnValue(new Date(at.getTime() + 60_000));
      const result = await scheduler.tick();
      await drain();
      expect(result.digest).toBe(true);
      // The figures as the managers themselves see them through `reach`, at the same moment.
      const [qingdao, lanzhou] = [await t.login(USERS.qingdaoManager.email), await t.login(USERS.lanzhouManager.email)];
      const expected = {
        qingdao: [await reach(t, qingdao, { orgUnitId: UNITS.qingdao, from, to }), await reach(t, qingdao, { orgUnitId: UNITS.qingdao, from: addDays(from, -7), to: addDays(to, -7) })],
        lanzhou: [await reach(t, lanzhou, { orgUnitId: UNITS.lanzhou, from, to }), await reach(t, lanzhou, { orgUnitId: UNITS.lanzhou, from: addDays(from, -7), to: addDays(to, -7) })],
      };
      const progress = await t.gql(`query ($id: ID!) { campaign(id: $id) { name progress { metric targetGroup goal actual } } }`, { id: CAMPAIGNS.yearRound }, qingdao);
      jest.restoreAllMocks();

      const english = digestsTo(USERS.qingdaoManager.email);
      expect(english).toHaveLength(before + 1);
      const mail = english[english.length - 1];
      expect(mail.parsed.subject).toBe(`Weekly outreach digest: 青岛分行, ${isoWeekOf(from)}`);
      const figures = digestFigures(mail.parsed.text ?? '');
      const [current, previous] = expected.qingdao.map((r) => r.totals);
      expect(current.attendees + previous.attendees).toBeGreaterThanOrEqual(37);
      const labels = { events: 'Events', attendees: 'Attendees', onlineViews: 'Online views', peopleReached: 'People reached', leafletsDistributed: 'Leaflets distributed', staffParticipations: 'Staff participations' };
      for (const [field, label] of Object.entries(labels)) {
        expect({ field, ...figures.get(label) }).toEqual({ field, current: current[field] ?? 0, previous: previous[field] ?? 0 });
      }
      // Campaign progress as the campaign's own `progress` field gives it.
      expect(mail.parsed.text).toContain(progress.data.campaign.name);
      const events = progress.data.campaign.progress.find((p: any) => p.metric === 'EVENTS' && p.targetGroup === null);
      expect(mail.parsed.text).toContain(`  - Events: ${events.actual.toLocaleString('en-GB')} / ${events.goal.toLocaleString('en-GB')} (`);

      const chinese = digestsTo(USERS.lanzhouManager.email).at(-1) as ReceivedMail;
      expect(chinese.parsed.subject).toBe(`每周宣传简报：兰州分行（${isoWeekOf(from)}）`);
      const zh = digestFigures(chinese.parsed.text ?? '');
      const [lzCurrent, lzPrevious] = expected.lanzhou.map((r) => r.totals);
      expect(zh.get('活动场次')).toEqual({ current: lzCurrent.events, previous: lzPrevious.events });
      expect(zh.get('现场参与人数')).toEqual({ current: lzCurrent.attendees, previous: lzPrevious.attendees });
      expect(zh.get('触及人数')).toEqual({ current: lzCurrent.peopleReached, previous: lzPrevious.peopleReached });
      expect(zh.get('发放宣传折页')).toEqual({ current: lzCurrent.leafletsDistributed, previous: lzPrevious.leafletsDistributed });
      // The analyst's covers the whole bank.
      expect((digestsTo(USERS.analyst.email).at(-1) as ReceivedMail).parsed.subject).toBe(`每周宣传简报：总行（${isoWeekOf(from)}）`);

      await tickAt(new Date(at.getTime() + 5 * 60_000));
      expect(digestsTo(USERS.qingdaoManager.email)).toHaveLength(before + 1);
    });

    it('sends the latest missed digest once when the service comes back after a Monday', async () => {
      const { at } = nextMonday();
      const weekLater = new Date(at.getTime() + 7 * DAY);
      const before = digestsTo(USERS.qingdaoManager.email).length;
      // Down from before the following Monday until Wednesday of the week after it.
      await tickAt(new Date(weekLater.getTime() + 9 * DAY));
      await tickAt(new Date(weekLater.getTime() + 9 * DAY + HOUR));
      const after = digestsTo(USERS.qingdaoManager.email);
      expect(after).toHaveLength(before + 1);
      const reported = isoWeekOf(addDays(localDateOf(new Date(weekLater.getTime() + 7 * DAY), ZONE), -7));
      expect(after[after.length - 1].parsed.subject).toBe(`Weekly outreach digest: 青岛分行, ${reported}`);
    });
  });

  describe('event-reminder', () => {
    it('reminds each person once, 24 hours before the start: not earlier, and not again on later ticks', async () => {
      const [lead, volunteer] = [await person('en', 'OUTREACH_STAFF'), await person('zh-CN')];
      const startsAt = new Date(Math.floor((Date.now() + 3 * DAY) / HOUR) * HOUR);
      const event = await scheduledEvent(startsAt, [
        [lead.id, 'LEAD'],
        [volunteer.id, 'VOLUNTEER'],
      ]);
      await drain();
      const reminders = (email: string) => smtp.to(email).filter((m) => m.parsed.headers.get('x-finreach-template') === 'event-reminder');

      await tickAt(new Date(startsAt.getTime() - DAY - 60_000));
      expect(reminders(lead.email)).toHaveLength(0);

      await tickAt(new Date(startsAt.getTime() - DAY + 60_000));
      expect(reminders(lead.email)).toHaveLength(1);
      expect(reminders(volunteer.email)).toHaveLength(1);
      const [english] = reminders(lead.email);
      expect(english.parsed.subject).toMatch(/^Reminder: 老年人防诈骗讲座 starts \w{3}, \d{1,2} \w{3} \d{4} at \d{2}:\d{2}$/);
      expect(english.parsed.text).toContain('you are its lead');
      expect(reminders(volunteer.email)[0].parsed.subject).toMatch(/^活动提醒：老年人防诈骗讲座将于 /);

      await tickAt(new Date(startsAt.getTime() - DAY + 120_000));
      await tickAt(new Date(startsAt.getTime() - HOUR));
      expect(reminders(lead.email)).toHaveLength(1);
      expect(reminders(volunteer.email)).toHaveLength(1);
      expect(event.id).toBeDefined();
    });

    it('sends a reminder that fell due while the service was down at the first tick after, but none once the event has begun', async () => {
      const [early, late] = [await person('zh-CN'), await person('zh-CN')];
      const soon = new Date(Math.floor((Date.now() + 5 * DAY) / HOUR) * HOUR);
      await scheduledEvent(soon, [[early.id, 'VOLUNTEER']]);
      const gone = new Date(soon.getTime() + 30 * HOUR);
      await scheduledEvent(gone, [[late.id, 'VOLUNTEER']]);
      await drain();
      // Down from before the first reminder was due; then again from before the second one was due until its event began.
      await tickAt(new Date(soon.getTime() - 2 * HOUR));
      expect(smtp.to(early.email).filter((m) => m.parsed.subject?.startsWith('活动提醒'))).toHaveLength(1);
      await tickAt(new Date(gone.getTime() + 60_000));
      expect(smtp.to(late.email).filter((m) => m.parsed.subject?.startsWith('活动提醒'))).toHaveLength(0);
    });

    it('gives no reminder to someone invited inside the last 24 hours, and a new one when the event moves', async () => {
      const [first, newcomer] = [await person('zh-CN'), await person('zh-CN')];
      const startsAt = new Date(Math.floor((Date.now() + 7 * DAY) / HOUR) * HOUR);
      const event = await scheduledEvent(startsAt, [[first.id, 'VOLUNTEER']]);
      // Assigned 10 hours before the start: the invitation arrives then, and says the same.
      jest.spyOn(clock, 'now').mockReturnValue(new Date(startsAt.getTime() - 10 * HOUR));
      expect((await assign(t, staff, event.id, newcomer.id, 'VOLUNTEER')).errors).toBeUndefined();
      jest.restoreAllMocks();
      await tickAt(new Date(startsAt.getTime() - 9 * HOUR));
      const remindersOf = (email: string) => smtp.to(email).filter((m) => m.parsed.subject?.startsWith('活动提醒'));
      expect(remindersOf(first.email)).toHaveLength(1);
      expect(remindersOf(newcomer.email)).toHaveLength(0);
      expect(smtp.to(newcomer.email).filter((m) => m.parsed.subject?.startsWith('活动安排'))).toHaveLength(1);

      // Moved two days later (announced a day before the new reminder window): a reminder for the new start.
      const moved = new Date(startsAt.getTime() + 2 * DAY);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(startsAt.getTime() - 8 * HOUR));
      const res = await t.gql(`mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`, {
        id: event.id,
        input: { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() },
      }, staff);
      expect(res.errors).toBeUndefined();
      jest.restoreAllMocks();
      await tickAt(new Date(moved.getTime() - 20 * HOUR));
      expect(remindersOf(first.email)).toHaveLength(2);
    });
  });

  describe('event-summary', () => {
    it('sends the lead and the branch managers above the figures of a completed event, once', async () => {
      const lead = await person('en', 'OUTREACH_STAFF');
      const now = Date.now();
      const event = await createEvent(t, staff, {
        title: '新市民金融知识讲座',
        orgUnitId: UNITS.lanzhouDonggang,
        startsAt: new Date(now - HOUR).toISOString(),
        endsAt: new Date(now + HOUR).toISOString(),
        targetGroups: ['NEW_CITIZEN', 'ELDERLY'],
      });
      expect((await assign(t, staff, event.id, lead.id, 'LEAD')).errors).toBeUndefined();
      // A volunteer of its own: the demo volunteer's event today may overlap this one.
      const volunteer = await person('zh-CN');
      expect((await assign(t, staff, event.id, volunteer.id, 'VOLUNTEER')).errors).toBeUndefined();
      for (const action of ['scheduleEvent', 'startEvent'] as const) expect((await transition(t, staff, action, event.id)).errors).toBeUndefined();
      const checkIn = (targetGroup: string, count: number) =>
        t.gql(`mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`, { input: { clientId: randomUUID(), eventId: event.id, targetGroup, count } }, staff);
      for (const [group, count] of [['NEW_CITIZEN', 12], ['ELDERLY', 30], ['NEW_CITIZEN', 3]] as const) expect((await checkIn(group, count)).data.checkIn.outcome).toBe('ACCEPTED');
      const material = await createMaterial(t, admin);
      await receive(t, admin, UNITS.lanzhouDonggang, material, 200);
      expect((await t.gql(ISSUE, { input: { eventId: event.id, materialId: material, quantity: 100 } }, staff)).errors).toBeUndefined();
      expect((await t.gql(DISTRIBUTE, { input: { eventId: event.id, materialId: material, distributed: 64, returned: 36 } }, staff)).errors).toBeUndefined();
      const done = await t.gql(`mutation ($id: ID!) { completeEvent(id: $id, input: { mediaReports: 2, notes: "现场气氛热烈" }) { id } }`, { id: event.id }, staff);
      expect(done.errors).toBeUndefined();

      await tickAt(new Date());
      const summaries = smtp.ofTemplate('event-summary').filter((m) => m.parsed.text?.includes('新市民金融知识讲座'));
      expect(summaries.flatMap((m) => m.to).sort()).toEqual([lead.email, USERS.lanzhouManager.email].sort());

      const english = smtp.to(lead.email).find((m) => m.parsed.headers.get('x-finreach-template') === 'event-summary') as ReceivedMail;
      const read = await t.gql(`query ($id: ID!) { event(id: $id) { attendance { total byTargetGroup { targetGroup count } } leafletsDistributed } }`, { id: event.id }, admin);
      const { attendance, leafletsDistributed } = read.data.event;
      expect(attendance.total).toBe(45);
      expect(english.parsed.subject).toMatch(/^Event summary: 新市民金融知识讲座/);
      expect(english.parsed.text).toContain(`Attendees: ${attendance.total}`);
      expect(english.parsed.text).toContain('  - Elderly: 30');
      expect(english.parsed.text).toContain('  - New city residents: 15');
      expect(english.parsed.text).toContain(`People reached: ${attendance.total}`);
      expect(english.parsed.text).toContain(`Leaflets distributed: ${leafletsDistributed}`);
      expect(leafletsDistributed).toBe(64);
      expect(english.parsed.text).toContain('Staff participations: 2');
      expect(english.parsed.text).toContain('Media reports: 2');
      const chinese = smtp.to(USERS.lanzhouManager.email).find((m) => m.parsed.text?.includes('新市民金融知识讲座') && m.parsed.subject?.startsWith('活动总结')) as ReceivedMail;
      expect(chinese.parsed.text).toContain('现场参与人数：45');

      await tickAt(new Date(Date.now() + 60_000));
      expect(smtp.ofTemplate('event-summary').filter((m) => m.parsed.text?.includes('新市民金融知识讲座'))).toHaveLength(2);
    });
  });

  describe('low-stock', () => {
    it('tells the people who manage stock at the unit and above once when stock falls below the threshold', async () => {
      const material = await createMaterial(t, admin, { title: '防范非法集资折页', lowStockThreshold: 100 });
      // 雁滩网点: its stock is managed by 城关支行's outreach staff and 兰州分行's manager.
      await receive(t, admin, UNITS.lanzhouYantan, material, 150);
      const off = await t.gql(WRITE_OFF, { input: { orgUnitId: UNITS.lanzhouYantan, materialId: material, quantity: 60, note: '受潮' } }, staff);
      expect(off.errors).toBeUndefined();
      expect(await noticesOf(t, UNITS.lanzhouYantan, material)).toEqual([{ level: 90, threshold: 100, status: 'PENDING' }]);

      const result = await tickAt(new Date());
      expect(result.lowStock).toBe(2);
      const mails = smtp.ofTemplate('low-stock').filter((m) => m.parsed.subject?.includes('防范非法集资折页'));
      expect(mails.flatMap((m) => m.to).sort()).toEqual([USERS.lanzhouManager.email, USERS.lanzhouStaff.email].sort());
      expect(mails[0].parsed.subject).toBe('库存预警：雁滩网点的防范非法集资折页低于预警线');
      expect(mails[0].parsed.text).toContain('当前库存：90');
      expect(mails[0].parsed.text).toContain('预警线：100');
      expect(await noticesOf(t, UNITS.lanzhouYantan, material)).toEqual([{ level: 90, threshold: 100, status: 'NOTIFIED' }]);

      await tickAt(new Date());
      expect(smtp.ofTemplate('low-stock').filter((m) => m.parsed.subject?.includes('防范非法集资折页'))).toHaveLength(2);
    });
  });

});
