import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { Clock } from 'src/common/clock';
import { EmailStatus } from 'src/notifications/email-outbox.entity';
import { EmailOutboxRepository } from 'src/notifications/email-outbox.repository';
import { OutboxWorker } from 'src/notifications/outbox-worker';
import { assign, createEvent, HOUR, transition } from '../support/planning';
import { TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const DAY = 24 * HOUR;
let seq = 0;

/** `count` people with deliverable addresses at 东岗网点. */
async function people(t: TestApp, admin: string, count: number): Promise<{ id: string; email: string }[]> {
  const made: { id: string; email: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `o${++seq}.${process.pid}.${Date.now()}@example.com`;
    const res = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: `志愿者${seq}`, password: DEMO_PASSWORD, role: 'VOLUNTEER', orgUnitId: UNITS.lanzhouDonggang } },
      admin,
    );
    if (!res.data?.createUser) throw new Error(JSON.stringify(res.errors));
    made.push({ id: res.data.createUser.id, email });
  }
  return made;
}

/** Schedules an event `days` ahead with these people on it; returns its id. */
async function scheduleWith(t: TestApp, staff: string, days: number, userIds: string[]): Promise<string> {
  const start = new Date(Math.floor((Date.now() + days * DAY) / HOUR) * HOUR);
  const event = await createEvent(t, staff, { orgUnitId: UNITS.lanzhouDonggang, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString() });
  for (const id of userIds) expect((await assign(t, staff, event.id, id, 'VOLUNTEER')).errors).toBeUndefined();
  const res = await transition(t, staff, 'scheduleEvent', event.id);
  expect(res.errors).toBeUndefined();
  return event.id;
}

async function rowsOf(t: TestApp, recipients: string[]): Promise<{ recipient: string; status: string; attempts: number; last_error: string | null }[]> {
  const rows = await t.dataSource.query(`SELECT recipient, status, attempts, last_error FROM email_outbox WHERE recipient IN (${recipients.map(() => '?').join(', ')})`, recipients);
  return rows.map((r: any) => ({ ...r, attempts: Number(r.attempts) }));
}

describe(`${OutboxWorker.name} (${TEST_ENGINE})`, () => {
  describe('with an SMTP server that goes down', () => {
    let t: TestApp;
    let smtp: TestSmtpServer;

    beforeAll(async () => {
      smtp = await TestSmtpServer.start();
      t = await startTestApp({ env: { SMTP_URL: smtp.url, OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_RETRY_BASE_MS: '60000' } });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
    });

    it('keeps every email PENDING with its tries counted while SMTP is down, and delivers each exactly once when it is back', async () => {
      const [admin, staff] = [await t.login(USERS.admin.email), await t.login(USERS.lanzhouStaff.email)];
      const team = await people(t, admin, 6);
      const addresses = team.map((p) => p.email);
      await smtp.stop();

      // Events are scheduled while the server is down: the changes succeed, the mail waits.
      const events = [await scheduleWith(t, staff, 30, team.slice(0, 3).map((p) => p.id)), await scheduleWith(t, staff, 31, team.slice(3).map((p) => p.id))];
      const worker = t.app.get(OutboxWorker);
      const clock = t.app.get(Clock);
      const start = Date.now();
      const at = (ms: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(start + ms));
      try {
        at(0);
        expect(await worker.drain()).toMatchObject({ sent: 0, failed: 0 });
        let rows = await rowsOf(t, addresses);
        expect(rows).toHaveLength(6);
        expect(rows.every((r) => r.status === 'PENDING' && r.attempts === 1 && /SMTP server unreachable/.test(r.last_error ?? ''))).toBe(true);

        // Another tick at once tries nothing: the backoff holds every row back.
        expect(await worker.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect((await rowsOf(t, addresses)).every((r) => r.attempts === 1)).toBe(true);

        // Past the backoff, still down: a second try each, and even past OUTBOX_MAX_ATTEMPTS nothing is given up.
        at(61_000);
        await worker.drain();
        at(61_000 + 121_000);
        await worker.drain();
        rows = await rowsOf(t, addresses);
        expect(rows.every((r) => r.status === 'PENDING' && r.attempts === 3)).toBe(true);
        expect(smtp.messages).toHaveLength(0);

        await smtp.restart();
        at(61_000 + 121_000 + 241_000);
        expect(await worker.drain()).toMatchObject({ sent: 6, failed: 0 });
        expect(await worker.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
      } finally {
        jest.restoreAllMocks();
      }
      for (const address of addresses) expect(smtp.to(address)).toHaveLength(1);
      const ids = smtp.messages.map((m) => m.parsed.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect((await rowsOf(t, addresses)).every((r) => r.status === 'SENT' && r.attempts === 4)).toBe(true);
      expect(events).toHaveLength(2);
    });
  });

  describe('with its timer on', () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let closed = false;

    beforeAll(async () => {
      smtp = await TestSmtpServer.start();
      t = await startTestApp({ env: { SMTP_URL: smtp.url, OUTBOX_INTERVAL_MS: '50' } });
    });
    afterAll(async () => {
      if (!closed) await t?.close();
      await smtp?.stop();
    });

    it('sends on its own, and at shutdown sends and records the whole batch in hand', async () => {
      const [admin, staff] = [await t.login(USERS.admin.email), await t.login(USERS.lanzhouStaff.email)];
      const [first, second, third, fourth] = await people(t, admin, 4);
      await scheduleWith(t, staff, 40, [first.id]);
      for (let waited = 0; smtp.to(first.email).length === 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(smtp.to(first.email)).toHaveLength(1);

      // The server now takes a while to accept a message; shut down while one is being sent.
      smtp.dataDelayMs = 400;
      const finish = jest.spyOn(t.app.get(EmailOutboxRepository), 'finish');
      // One event, three invitations: one batch. Time stands still from here, so the three rows and the
      // worker's claim share one instant and no row can be stamped a moment after the claim's cut-off.
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date());
      await scheduleWith(t, staff, 41, [second.id, third.id, fourth.id]);
      for (let waited = 0; smtp.dataStarted < 2 && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(smtp.dataStarted).toBe(2);
      expect(finish).not.toHaveBeenCalled();
      await t.close();
      closed = true;
      for (const person of [second, third, fourth]) expect(smtp.to(person.email)).toHaveLength(1);
      expect(finish).toHaveBeenCalledTimes(3);
      for (const call of finish.mock.calls) expect(call[2]).toEqual(expect.objectContaining({ status: EmailStatus.SENT }));
    });
  });

  describe('without SMTP_URL', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t?.close());

    it('writes each email as an .eml file under VAR_DIR/mail, invitation included', async () => {
      const [admin, staff] = [await t.login(USERS.admin.email), await t.login(USERS.lanzhouStaff.email)];
      const [person] = await people(t, admin, 1);
      await scheduleWith(t, staff, 50, [person.id]);
      expect((await t.app.get(OutboxWorker).drain()).sent).toBeGreaterThanOrEqual(1);
      const dir = join(t.config.varDir, 'mail');
      const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
      const parsed = await Promise.all(files.map((f) => simpleParser(readFileSync(join(dir, f)))));
      const mail = parsed.find((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '').includes(person.email));
      expect(mail?.subject).toMatch(/^活动安排：/);
      expect(mail?.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
      expect(mail?.text).toContain('打开签到页面');
    });
  });
});
