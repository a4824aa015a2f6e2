import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { Clock } from 'src/common/clock';
import { OutboxWorker } from 'src/notifications/outbox-worker';
import { NotificationScheduler } from 'src/notifications/schedules/notification-scheduler';
import { createMaterial, receive, WRITE_OFF } from '../support/materials';
import { assign, createEvent, HOUR, transition } from '../support/planning';
import { TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const DAY = 24 * HOUR;
const describeOnMysql = TEST_ENGINE === 'mysql' ? describe : describe.skip;

/**
 * Two instances of the service on one MariaDB database and one SMTP server, as
 * behind a load balancer: both workers and both schedulers run at the same
 * moments, and still every email arrives once. (SQLite serves one process.)
 */
describeOnMysql('notifications on two instances (MariaDB)', () => {
  let a: TestApp;
  let b: TestApp;
  let smtp: TestSmtpServer;
  let team: { id: string; email: string }[];
  let events: { id: string; startsAt: string }[];

  const templateOf = (m: TestSmtpServer['messages'][number]) => m.parsed.headers.get('x-finreach-template');
  /** Both workers, twice each, all at once. */
  const drainBoth = () => Promise.all([a, b, a, b].map((app) => app.app.get(OutboxWorker).drain()));
  /** Both schedulers, twice each, all at once, with both clocks at `at`. */
  async function tickBoth(at: Date) {
    for (const app of [a, b]) jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(at);
    try {
      await Promise.all([a, b, a, b].map((app) => app.app.get(NotificationScheduler).tick()));
      await drainBoth();
    } finally {
      jest.restoreAllMocks();
    }
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    a = await startTestApp({ env: { SMTP_URL: smtp.url } });
    b = await a.startPeer();
    const admin = await a.login(USERS.admin.email);
    team = [];
    for (let i = 0; i < 8; i++) {
      const email = `twin${i}.${Date.now()}@example.com`;
      const res = await a.gql(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email, name: `志愿者${i}`, password: DEMO_PASSWORD, role: 'VOLUNTEER', orgUnitId: UNITS.lanzhouDonggang, locale: i % 2 ? 'en' : 'zh-CN' } },
        admin,
      );
      team.push({ id: res.data.createUser.id, email });
    }
    // Five events three days ahead, each with four of the team: twenty invitations.
    const [staffA, staffB] = [await a.login(USERS.lanzhouStaff.email), await b.login(USERS.lanzhouStaff.email)];
    const base = Math.floor((Date.now() + 3 * DAY) / HOUR) * HOUR;
    events = [];
    for (let i = 0; i < 5; i++) {
      const [app, token] = i % 2 ? [b, staffB] : [a, staffA];
      const startsAt = new Date(base + i * 3 * HOUR);
      const event = await createEvent(app, token, { orgUnitId: UNITS.lanzhouDonggang, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString() });
      for (const member of team.slice(i % 2 ? 4 : 0, i % 2 ? 8 : 4)) expect((await assign(app, token, event.id, member.id, 'VOLUNTEER')).errors).toBeUndefined();
      expect((await transition(app, token, 'scheduleEvent', event.id)).errors).toBeUndefined();
      events.push(event);
    }
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.stop();
  });

  it('sends each invitation once when both workers drain the outbox at the same time', async () => {
    const results = await drainBoth();
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
    const invitations = smtp.messages.filter((m) => templateOf(m) === 'event-scheduled');
    expect(invitations).toHaveLength(20);
    const perPersonAndEvent = new Set(invitations.map((m) => `${m.to.join()}|${m.parsed.attachments.find((x) => x.contentType.startsWith('text/calendar'))?.content.toString().match(/UID:(.+)/)?.[1]}`));
    expect(perPersonAndEvent.size).toBe(20);
    // Both instances took part, as a load balancer would have them.
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(1);
  });

  it('writes and sends each reminder once when both schedulers tick at the same time, also on later ticks', async () => {
    const last = new Date(events[events.length - 1].startsAt).getTime();
    await tickBoth(new Date(last - DAY + 60_000));
    await tickBoth(new Date(last - DAY + 120_000));
    const ours = new Set(team.map((m) => m.email));
    const reminders = smtp.messages.filter((m) => templateOf(m) === 'event-reminder' && m.to.some((to) => ours.has(to)));
    expect(reminders).toHaveLength(20);
    // The first four are on events 0, 2 and 4; the others on events 1 and 3.
    team.forEach((member, i) => expect(reminders.filter((m) => m.to.includes(member.email))).toHaveLength(i < 4 ? 3 : 2));
  });

  it('sends one weekly digest per manager and one low-stock email per person when both tick at once', async () => {
    const admin = await a.login(USERS.admin.email);
    const material = await createMaterial(a, admin, { lowStockThreshold: 50 });
    await receive(a, admin, UNITS.lanzhouYantan, material, 60);
    expect((await b.gql(WRITE_OFF, { input: { orgUnitId: UNITS.lanzhouYantan, materialId: material, quantity: 20, note: '破损' } }, admin)).errors).toBeUndefined();
    const before = smtp.messages.length;
    // Weeks ahead, so the digest slot is one no earlier tick has used.
    await tickBoth(new Date(Date.now() + 60 * DAY));
    const lowStock = smtp.messages.filter((m) => templateOf(m) === 'low-stock' && m.parsed.text?.includes('测试折页'));
    expect(lowStock.flatMap((m) => m.to).sort()).toEqual([USERS.lanzhouManager.email, USERS.lanzhouStaff.email].sort());
    const digests = smtp.messages.slice(before).filter((m) => templateOf(m) === 'weekly-digest');
    expect(digests.flatMap((m) => m.to).sort()).toEqual([USERS.analyst.email, USERS.lanzhouManager.email, USERS.qingdaoManager.email].sort());
    const ids = smtp.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
