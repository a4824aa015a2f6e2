import { randomUUID } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { USERS } from 'seeds/demo-bank';
import { EVENTS } from 'seeds/demo-plan';
import { CheckInEntity } from 'src/checkin/check-in.entity';
import { CheckInRetention, RETENTION_JOB } from 'src/checkin/check-in-retention';
import { Clock } from 'src/common/clock';
import { loadConfig } from 'src/config/app-config';
import { ScheduledRuns } from 'src/database/scheduled-runs';
import { eventInStatus, HOUR } from '../support/planning';
import { fold, reach } from '../support/reach';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const DAY = 24 * HOUR;
/** Every reach grouping the dashboard and exports use, over every demo year. */
const PERIOD = { from: '2025-01-01', to: '2027-12-31' };
const GROUPINGS = [[], ['ORG_UNIT'], ['TARGET_GROUP'], ['VENUE_TYPE'], ['CAMPAIGN'], ['MONTH'], ['DAY'], ['ORG_UNIT', 'TARGET_GROUP'], ['CAMPAIGN', 'VENUE_TYPE', 'WEEK']];
const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome reason } }`;
const PEOPLE = `query ($id: ID!) { checkIns(eventId: $id, first: 200) { nodes { name phoneMasked count } } }`;

describe(CheckInRetention.name, () => {
  let t: TestApp;
  let clock: Clock;
  let retention: CheckInRetention;
  let admin: string;
  let staff: string;
  let openEventId: string;
  const eventIds: string[] = [...Object.values(EVENTS)];

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    retention = t.app.get(CheckInRetention);
    admin = await t.login(USERS.admin.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    // An event running now, with attendees who left a name and phone, a few without, and tallies.
    const now = Date.now();
    openEventId = (await eventInStatus(t, staff, 'IN_PROGRESS', { startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString(), targetGroups: ['ELDERLY', 'YOUTH'] })).id;
    eventIds.push(openEventId);
    const item = (extra: Record<string, unknown>) => ({ clientId: randomUUID(), eventId: openEventId, targetGroup: 'ELDERLY', ...extra });
    const items = [
      ...['13800000001', '13800000002', '13800000003', '13900000004', '13900000005', '15000000006'].map((phone, i) => item({ name: `参会者${i}`, phone, targetGroup: i % 2 ? 'YOUTH' : 'ELDERLY' })),
      item({ name: '只留姓名' }),
      item({ phone: '18600000007' }),
      item({ count: 12 }),
      item({ count: 5, targetGroup: 'YOUTH' }),
      item({}),
      item({ targetGroup: 'YOUTH' }),
    ];
    const res = await t.gql(SYNC, { items }, staff);
    expect(res.data.syncCheckIns.map((r: { outcome: string }) => r.outcome)).toEqual(items.map(() => 'ACCEPTED'));
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  /** Reach in every grouping, and each event's attendance and number of check-ins, as head office sees them. */
  async function figures() {
    const reports = [];
    for (const groupBy of GROUPINGS) {
      const { asOf: _asOf, ...report } = await reach(t, admin, PERIOD, groupBy);
      reports.push(report);
    }
    const events = [];
    for (const id of eventIds) {
      const res = await t.gql(`query ($id: ID!) { event(id: $id) { attendance { total byTargetGroup { targetGroup count } } } checkIns(eventId: $id) { totalCount } }`, { id }, admin);
      events.push({ id, attendance: res.data.event.attendance, checkIns: res.data.checkIns.totalCount });
    }
    return { reports, events };
  }

  /** Stored check-ins, all or those made before `before`. */
  const rows = (before?: Date): Promise<CheckInEntity[]> => {
    const query = t.dataSource.getRepository(CheckInEntity).createQueryBuilder('c');
    if (before) query.where('c.checked_in_at < :before', { before });
    return query.getMany();
  };
  const hasPersonalData = (r: CheckInEntity) => r.name !== null || r.phoneHmac !== null || r.phoneMasked !== null;

  it('erases names and phones older than PII_RETENTION_DAYS while every count and reach figure stays the same', async () => {
    await fold(t);
    const before = await figures();
    const namedBefore = (await rows()).filter(hasPersonalData).length;
    expect(namedBefore).toBeGreaterThan(8);
    // Sanity: the figures are not all zero, so "unchanged" means something.
    expect(before.reports[0].totals.attendees).toBeGreaterThan(100);

    // Today's run: the demo's 2025 check-ins are more than 180 days old, the open event's are not.
    const now = clock.now();
    const cutoff = new Date(now.getTime() - 180 * DAY);
    expect(await retention.runDue()).toBe(true);
    const old = await rows(cutoff);
    expect(old.length).toBeGreaterThan(100);
    expect(old.filter(hasPersonalData)).toEqual([]);
    expect(old.every((r) => r.piiErasedAt !== null)).toBe(true);
    const people = (await t.gql(PEOPLE, { id: openEventId }, admin)).data.checkIns.nodes;
    expect(people.filter((p: { phoneMasked: string | null }) => p.phoneMasked)).toHaveLength(7);
    expect(people.filter((p: { name: string | null }) => p.name)).toHaveLength(7);
    // The same day again, on this or any instance: nothing to do.
    expect(await retention.runDue()).toBe(false);

    // 181 days later the open event's attendees are erased too.
    jest.spyOn(clock, 'now').mockReturnValue(new Date(now.getTime() + 181 * DAY));
    expect(await retention.runDue()).toBe(true);
    expect((await rows()).filter(hasPersonalData)).toEqual([]);
    const erased = (await t.gql(PEOPLE, { id: openEventId }, admin)).data.checkIns.nodes;
    expect(erased).toHaveLength(12);
    expect(erased.every((p: { name: string | null; phoneMasked: string | null }) => p.name === null && p.phoneMasked === null)).toBe(true);
    // The unique key (event, phone HMAC) holds many NULLs at one event on both engines.
    const nullPhones = await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE event_id = ? AND phone_hmac IS NULL', [openEventId]);
    expect(Number(nullPhones[0].n)).toBe(12);

    // Erasing marks nothing for the reach folder: no event dirty, no check-in to fold again.
    expect(await fold(t)).toEqual({ events: 0, checkIns: 0 });
    expect(await figures()).toEqual(before);
  });

  it('erases in batches of short statements, only rows before the cutoff, and stamps rows without personal data too', async () => {
    const insert = async (checkedInAt: Date, name: string | null, count = 1) =>
      t.dataSource
        .createQueryBuilder()
        .insert()
        .into('check_in')
        .values({ eventId: EVENTS.lanzhou315Community, clientId: randomUUID(), targetGroup: 'ELDERLY', count, checkedInAt, receivedAt: checkedInAt, recordedById: USERS.lanzhouStaff.id, batchId: randomUUID(), name, phoneHmac: null, phoneMasked: null, piiErasedAt: null })
        .execute();
    const cutoff = new Date('2031-06-01T00:00:00.000Z');
    for (let i = 0; i < 10; i++) await insert(new Date(cutoff.getTime() - (i + 1) * HOUR), i < 7 ? `旧参会者${i}` : null, i < 7 ? 1 : 3);
    for (let i = 0; i < 3; i++) await insert(new Date(cutoff.getTime() + i * HOUR), `新参会者${i}`);

    const updates = await statementsMatching(/^\s*UPDATE/i, () => retention.eraseOlderThan(cutoff, 4));
    expect(updates.result).toBe(10);
    // 10 rows in batches of 4: three UPDATE statements, none holding more than 4 rows.
    expect(updates.count).toBe(3);
    const left = await t.dataSource.query("SELECT name FROM check_in WHERE name LIKE '新参会者%' OR name LIKE '旧参会者%' ORDER BY name");
    expect(left.map((r: { name: string }) => r.name)).toEqual(['新参会者0', '新参会者1', '新参会者2']);
    // Stamped rows leave the job's queue: a second pass finds nothing.
    expect(await retention.eraseOlderThan(cutoff, 4)).toBe(0);
  });

  (TEST_ENGINE === 'mysql' ? it : it.skip)('runs a day once across instances racing for it (MySQL/MariaDB)', async () => {
    const peer = await t.startPeer();
    try {
      const day = new Date(Date.now() + 400 * DAY);
      jest.spyOn(clock, 'now').mockReturnValue(day);
      jest.spyOn(peer.app.get(Clock), 'now').mockReturnValue(day);
      const ran = await Promise.all([retention.runDue(), peer.app.get(CheckInRetention).runDue(), retention.runDue(), peer.app.get(CheckInRetention).runDue()]);
      expect(ran.filter(Boolean)).toHaveLength(1);
      const slot = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.appTimezone }).format(day);
      expect(await t.app.get(ScheduledRuns).isFinished(RETENTION_JOB, slot)).toBe(true);
    } finally {
      await peer.close();
    }
  });

  it('runs from its timer when RETENTION_INTERVAL_MS is set (off under NODE_ENV=test by default)', async () => {
    expect(t.config.retentionIntervalMs).toBe(0);
    expect(loadConfig({ APP_SECRET: 's'.repeat(40) }, '/srv/finreach').retentionIntervalMs).toBe(600_000);
    const timed = await startTestApp({ seed: false, env: { RETENTION_INTERVAL_MS: '50' } });
    try {
      const slot = new Intl.DateTimeFormat('en-CA', { timeZone: timed.config.appTimezone }).format(new Date());
      const runs = timed.app.get(ScheduledRuns);
      for (let i = 0; i < 100 && !(await runs.isFinished(RETENTION_JOB, slot)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await runs.isFinished(RETENTION_JOB, slot)).toBe(true);
    } finally {
      await timed.close();
    }
  });

  /** Runs `work` and counts the SQL statements matching `pattern` it sent, at the driver's query runner. */
  async function statementsMatching<T>(pattern: RegExp, work: () => Promise<T>): Promise<{ result: T; count: number }> {
    const runner: QueryRunner = t.dataSource.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as QueryRunner;
    await runner.release();
    const spy = jest.spyOn(proto, 'query');
    try {
      const result = await work();
      return { result, count: spy.mock.calls.filter(([sql]) => pattern.test(String(sql))).length };
    } finally {
      spy.mockRestore();
    }
  }
});
