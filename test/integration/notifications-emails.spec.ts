import ICAL from 'ical.js';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { Clock } from 'src/common/clock';
import { EmailOutbox } from 'src/notifications/email-outbox';
import { EmailRenderer } from 'src/notifications/email-renderer';
import { OutboxWorker } from 'src/notifications/outbox-worker';
import { expectError } from '../support/expect-error';
import { assign, createEvent, HOUR, transition } from '../support/planning';
import { ReceivedMail, TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const DAY = 24 * HOUR;
const OUTBOX = `query ($status: [EmailStatus!], $first: Int, $after: String) {
  emailOutbox(status: $status, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes { id template to subject status attempts lastError createdAt sentAt }
  }
}`;

/** The parsed VEVENT of a message's iCalendar part, with the calendar's METHOD. */
function calendarOf(mail: ReceivedMail): { method: string; event: ICAL.Event } {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no text/calendar part in "${mail.parsed.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  return { method: String(calendar.getFirstPropertyValue('method')), event: new ICAL.Event(calendar.getFirstSubcomponent('vevent') as ICAL.Component) };
}

let people = 0;

describe(`event emails (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let staff: string;
  let zh: { id: string; email: string };
  let en: { id: string; email: string };

  /** A person at 东岗网点 with a deliverable address and the given locale. */
  async function person(locale: 'zh-CN' | 'en', role = 'VOLUNTEER', name = locale === 'en' ? 'Alex Volunteer' : '王志愿'): Promise<{ id: string; email: string }> {
    const email = `p${++people}.${locale.toLowerCase()}.${Date.now()}@example.com`;
    const res = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name, password: DEMO_PASSWORD, role, orgUnitId: UNITS.lanzhouDonggang, locale } },
      admin,
    );
    if (!res.data?.createUser) throw new Error(JSON.stringify(res.errors));
    return { id: res.data.createUser.id, email };
  }

  /** An event at 东岗网点 `days` from now, with people assigned (as given), still a DRAFT. */
  async function draft(days: number, assignees: [string, string][], title = '防范电信网络诈骗进社区'): Promise<{ id: string; startsAt: string; endsAt: string }> {
    const start = new Date(Math.floor((Date.now() + days * DAY) / HOUR) * HOUR);
    const event = await createEvent(t, staff, {
      title,
      orgUnitId: UNITS.lanzhouDonggang,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      targetGroups: ['ELDERLY', 'NEW_CITIZEN'],
    });
    for (const [userId, role] of assignees) {
      const res = await assign(t, staff, event.id, userId, role);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    return event;
  }

  async function schedule(id: string): Promise<void> {
    const res = await transition(t, staff, 'scheduleEvent', id);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }

  const drain = () => t.app.get(OutboxWorker).drain();

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://outreach.bank.example', OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETRY_BASE_MS: '60000' } });
    [admin, staff] = await Promise.all([t.login(USERS.admin.email), t.login(USERS.lanzhouStaff.email)]);
    [zh, en] = [await person('zh-CN'), await person('en')];
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('invites everyone assigned when an event is scheduled, each in their language, with an .ics that starts at the event', async () => {
    const event = await draft(10, [
      [zh.id, 'VOLUNTEER'],
      [en.id, 'LEAD'],
    ]);
    await drain();
    expect(smtp.to(zh.email)).toHaveLength(0); // a draft announces nothing

    await schedule(event.id);
    expect((await drain()).sent).toBe(2);

    const [chinese] = smtp.to(zh.email);
    expect(chinese.parsed.subject).toMatch(/^活动安排：防范电信网络诈骗进社区（\d{4}年\d{1,2}月\d{1,2}日/);
    expect(chinese.parsed.text).toContain('王志愿，您好：');
    expect(chinese.parsed.text).toContain('担任志愿者');
    expect(chinese.parsed.text).toContain('宣传对象：老年人、新市民');
    expect(chinese.parsed.html).toContain('<table role="presentation"');

    const [english] = smtp.to(en.email);
    expect(english.parsed.subject).toMatch(/^Event scheduled: 防范电信网络诈骗进社区 \(\w{3}, \d{1,2} \w{3} \d{4}\)$/);
    expect(english.parsed.text).toContain('Dear Alex Volunteer,');
    expect(english.parsed.text).toContain('as lead');
    expect(english.parsed.text).toContain('For: Elderly, New city residents');
    // A real text part, not the HTML with its tags stripped.
    expect(english.parsed.text).not.toMatch(/<[a-z]/i);
    expect(english.parsed.text).toContain('Open the check-in page: https://outreach.bank.example/checkin');

    for (const mail of [chinese, english]) {
      const { method, event: vevent } = calendarOf(mail);
      expect(method).toBe('REQUEST');
      expect(vevent.uid).toBe(`event-${event.id}@outreach.bank.example`);
      expect(vevent.startDate.toJSDate().toISOString()).toBe(event.startsAt);
      expect(vevent.endDate.toJSDate().toISOString()).toBe(event.endsAt);
      expect(vevent.summary).toBe('防范电信网络诈骗进社区');
      expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@outreach\.bank\.example>$/);
      expect(mail.parsed.from?.text).toContain('no-reply@localhost');
    }
    // The local time in the body is the event's start in APP_TIMEZONE (Asia/Shanghai, UTC+8).
    const local = new Date(new Date(event.startsAt).getTime() + 8 * HOUR);
    const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
    expect(chinese.parsed.text).toContain(`${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`);
    expect(chinese.parsed.text).toContain(`${hhmm}–`);
  });

  it('re-sends the invitation with the same UID and a higher SEQUENCE when a scheduled event moves, and only to those on it', async () => {
    const event = await draft(12, [[zh.id, 'STAFF']], '反假货币宣传进校园');
    await schedule(event.id);
    await drain();
    const first = calendarOf(smtp.to(zh.email).at(-1) as ReceivedMail).event;

    // A minute later (the SEQUENCE counts seconds since the event was created).
    const clock = t.app.get(Clock);
    const later = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 60_000));
    try {
      const startsAt = new Date(new Date(event.startsAt).getTime() + 3 * HOUR).toISOString();
      const endsAt = new Date(new Date(event.endsAt).getTime() + 3 * HOUR).toISOString();
      const res = await t.gql(`mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`, { id: event.id, input: { startsAt, endsAt } }, staff);
      expect(res.errors).toBeUndefined();
      await drain();
      const moved = smtp.to(zh.email).at(-1) as ReceivedMail;
      expect(moved.parsed.subject).toMatch(/^活动变更：反假货币宣传进校园/);
      const second = calendarOf(moved);
      expect(second.method).toBe('REQUEST');
      expect(second.event.uid).toBe(first.uid);
      expect(second.event.sequence).toBeGreaterThan(first.sequence);
      expect(second.event.startDate.toJSDate().toISOString()).toBe(startsAt);

      // A change of capacity alone does not move anyone's calendar.
      const before = smtp.messages.length;
      await t.gql(`mutation ($id: ID!) { updateEvent(id: $id, input: { capacity: 80 }) { id } }`, { id: event.id }, staff);
      await drain();
      expect(smtp.messages.length).toBe(before);
    } finally {
      later.mockRestore();
    }
  });

  it('invites someone assigned to an event that is already scheduled, and nobody else again', async () => {
    const event = await draft(14, [[zh.id, 'VOLUNTEER']]);
    await schedule(event.id);
    await drain();
    const before = smtp.to(zh.email).length;
    const res = await assign(t, staff, event.id, en.id, 'STAFF');
    expect(res.errors).toBeUndefined();
    await drain();
    expect(smtp.to(zh.email)).toHaveLength(before);
    const invitation = smtp.to(en.email).at(-1) as ReceivedMail;
    expect(calendarOf(invitation).event.uid).toContain(event.id);
    expect(invitation.parsed.text).toContain('as staff');
  });

  it('tells everyone assigned of a cancellation, with the reason and a CANCEL for the same UID', async () => {
    const event = await draft(16, [
      [zh.id, 'VOLUNTEER'],
      [en.id, 'LEAD'],
    ]);
    await schedule(event.id);
    await drain();
    const invited = calendarOf(smtp.to(en.email).at(-1) as ReceivedMail).event;
    const clock = t.app.get(Clock);
    const later = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 120_000));
    try {
      const res = await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "大风天气，活动延期") { id } }`, { id: event.id }, staff);
      expect(res.errors).toBeUndefined();
      await drain();
    } finally {
      later.mockRestore();
    }
    const english = smtp.to(en.email).at(-1) as ReceivedMail;
    expect(english.parsed.subject).toMatch(/^Event cancelled: /);
    expect(english.parsed.text).toContain('Reason: 大风天气，活动延期');
    const cancel = calendarOf(english);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(invited.uid);
    expect(cancel.event.sequence).toBeGreaterThan(invited.sequence);
    expect(cancel.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect((smtp.to(zh.email).at(-1) as ReceivedMail).parsed.subject).toMatch(/^活动取消：/);
  });

  it('cancels a draft without telling anyone: it was never announced', async () => {
    const event = await draft(18, [[zh.id, 'VOLUNTEER']]);
    const before = smtp.messages.length;
    expect((await transition(t, staff, 'cancelEvent', event.id)).errors).toBeUndefined();
    await drain();
    expect(smtp.messages.length).toBe(before);
  });

  it('writes no email when the change fails, and no change when the email cannot be written', async () => {
    const event = await draft(20, [[zh.id, 'VOLUNTEER']]);
    const outbox = t.app.get(EmailOutbox);
    const broken = jest.spyOn(outbox, 'enqueue').mockRejectedValueOnce(new Error('disk full'));
    try {
      expectError(await transition(t, staff, 'scheduleEvent', event.id), 'INTERNAL_SERVER_ERROR');
    } finally {
      broken.mockRestore();
    }
    const read = await t.gql(`query ($id: ID!) { event(id: $id) { status } }`, { id: event.id }, staff);
    expect(read.data.event.status).toBe('DRAFT');
    const rows = await t.dataSource.query(`SELECT COUNT(*) AS n FROM email_outbox WHERE template = 'event-scheduled' AND model LIKE ?`, [`%${event.id}%`]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('still schedules an event whose email cannot be rendered, and records that email FAILED with the reason', async () => {
    const event = await draft(21, [[en.id, 'VOLUNTEER']]);
    const renderer = t.app.get(EmailRenderer);
    const broken = jest.spyOn(renderer, 'render').mockImplementationOnce(() => {
      throw new Error('Email template "event-scheduled" uses the message "missing"');
    });
    try {
      await schedule(event.id);
    } finally {
      broken.mockRestore();
    }
    await drain();
    const failed = await t.gql(OUTBOX, { status: ['FAILED'], first: 200 }, admin);
    const row = failed.data.emailOutbox.nodes.find((n: any) => n.to === en.email);
    expect(row).toMatchObject({ template: 'event-scheduled', status: 'FAILED', attempts: 0 });
    expect(row.lastError).toMatch(/^Could not render: .*"missing"/);
  });

  it('records a recipient without a usable address as skipped and sends to the others', async () => {
    const event = await draft(22, [[zh.id, 'VOLUNTEER']]);
    // A volunteer who joins by a check-in link has a placeholder address that can never receive mail.
    const link = await t.gql(`mutation ($id: ID!) { createCheckInLink(eventId: $id) { token } }`, { id: event.id }, staff);
    const joined = await t.gql(`mutation ($token: String!) { joinEvent(token: $token, name: "路人志愿者") { user { id email } } }`, { token: link.data.createCheckInLink.token });
    const placeholder: string = joined.data.joinEvent.user.email;
    expect(placeholder).toMatch(/\.invalid$/);

    await schedule(event.id);
    await drain();
    expect(smtp.to(zh.email).at(-1)?.parsed.subject).toMatch(/^活动安排：/);
    expect(smtp.to(placeholder)).toHaveLength(0);

    const failed = await t.gql(OUTBOX, { status: ['FAILED'], first: 200 }, admin);
    const skipped = failed.data.emailOutbox.nodes.find((n: any) => n.to === placeholder);
    expect(skipped).toMatchObject({ template: 'event-scheduled', status: 'FAILED', attempts: 0, sentAt: null });
    expect(skipped.lastError).toMatch(/cannot receive mail/);
  });

  it('marks an email the server refuses for good FAILED with the reason, and sends the rest', async () => {
    const refused = await person('zh-CN', 'VOLUNTEER', '退信测试');
    smtp.rejectRecipient(refused.email, 'No such mailbox here');
    const event = await draft(24, [
      [refused.id, 'VOLUNTEER'],
      [zh.id, 'STAFF'],
      [en.id, 'LEAD'],
    ]);
    await schedule(event.id);
    const result = await drain();
    expect(result).toMatchObject({ sent: 2, failed: 1 });
    expect(smtp.to(refused.email)).toHaveLength(0);
    expect(smtp.to(zh.email).at(-1)?.parsed.subject).toMatch(/^活动安排：/);
    expect(smtp.to(en.email).at(-1)?.parsed.subject).toMatch(/^Event scheduled: /);

    const failed = await t.gql(OUTBOX, { status: ['FAILED'] }, admin);
    const row = failed.data.emailOutbox.nodes.find((n: any) => n.to === refused.email);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.lastError).toMatch(/550.*No such mailbox here/);
  });

  it('retries a deferred email with exponential backoff and marks it FAILED after the last try', async () => {
    const deferred = await person('en', 'VOLUNTEER', 'Deferred Person');
    smtp.deferRecipient(deferred.email, 'Greylisted, try later');
    const event = await draft(26, [[deferred.id, 'VOLUNTEER']]);
    await schedule(event.id);
    const clock = t.app.get(Clock);
    const start = Date.now();
    const at = (ms: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(start + ms));
    const rowOf = async () => (await t.gql(OUTBOX, { first: 50 }, admin)).data.emailOutbox.nodes.find((n: any) => n.to === deferred.email);
    try {
      at(0);
      await drain();
      expect(await rowOf()).toMatchObject({ status: 'PENDING', attempts: 1 });
      at(59_000); // the first retry waits 1 minute
      await drain();
      expect((await rowOf()).attempts).toBe(1);
      at(61_000);
      await drain();
      expect(await rowOf()).toMatchObject({ status: 'PENDING', attempts: 2 });
      at(61_000 + 119_000); // the second waits 2 minutes
      await drain();
      expect((await rowOf()).attempts).toBe(2);
      at(61_000 + 121_000);
      await drain();
      const last = await rowOf();
      expect(last).toMatchObject({ status: 'FAILED', attempts: 3 }); // OUTBOX_MAX_ATTEMPTS=3
      expect(last.lastError).toMatch(/451.*Greylisted/);
    } finally {
      jest.restoreAllMocks();
    }
    expect(smtp.to(deferred.email)).toHaveLength(0);
  });

  it('lists the outbox to ADMIN only, newest first, filtered by status and paged', async () => {
    const manager = await t.login(USERS.lanzhouManager.email);
    expectError(await t.gql(OUTBOX, {}, manager), 'FORBIDDEN');
    expectError(await t.gql(OUTBOX, {}), 'UNAUTHENTICATED');

    const all = await t.gql(OUTBOX, { first: 200 }, admin);
    expect(all.errors).toBeUndefined();
    const nodes = all.data.emailOutbox.nodes;
    expect(all.data.emailOutbox.totalCount).toBe(nodes.length);
    const times = nodes.map((n: any) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(nodes.some((n: any) => n.status === 'SENT' && n.sentAt && n.attempts === 1)).toBe(true);

    const sent = await t.gql(OUTBOX, { status: ['SENT'], first: 200 }, admin);
    expect(sent.data.emailOutbox.nodes.every((n: any) => n.status === 'SENT')).toBe(true);
    expect(sent.data.emailOutbox.totalCount).toBe(nodes.filter((n: any) => n.status === 'SENT').length);

    const page1 = await t.gql(OUTBOX, { first: 3 }, admin);
    const page2 = await t.gql(OUTBOX, { first: 3, after: page1.data.emailOutbox.pageInfo.endCursor }, admin);
    expect(page1.data.emailOutbox.pageInfo.hasNextPage).toBe(true);
    expect([...page1.data.emailOutbox.nodes, ...page2.data.emailOutbox.nodes].map((n: any) => n.id)).toEqual(nodes.slice(0, 6).map((n: any) => n.id));
    expectError(await t.gql(OUTBOX, { after: 'bm90LWEtY3Vyc29y' }, admin), 'BAD_USER_INPUT');
  });
});
