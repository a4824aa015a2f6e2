import { UNITS, USERS } from 'seeds/demo-bank';
import { StockService } from 'src/materials/stock.service';
import { createEvent } from '../support/events';
import { expectError } from '../support/expect-error';
import { createMaterial, DISTRIBUTE, ISSUE, ledgerSum, levelOf, receive, stockRowCounts } from '../support/materials';
import { countStatements } from '../support/planning';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const LEAFLETS = `query ($id: ID!) { event(id: $id) { leafletsDistributed } }`;
const EVENT_MOVEMENTS = `query ($e: ID!) { stockMovements(filter: { eventId: $e }, first: 50) { totalCount nodes { kind quantity orgUnit { id } event { id } material { id } } } }`;

const { lanzhouDonggang, lanzhouChengguan } = UNITS;

describe(`${StockService.name}: stock at events (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let qingdaoStaff: string;
  let volunteer: string;
  let leaflet: string;
  let braille: string;

  const issue = (eventId: string, materialId: string, quantity: number, token = staff) => t.gql(ISSUE, { input: { eventId, materialId, quantity } }, token);
  const report = (eventId: string, materialId: string, distributed: number, returned: number, token = staff) =>
    t.gql(DISTRIBUTE, { input: { eventId, materialId, distributed, returned } }, token);
  const leafletsOf = async (eventId: string) => (await t.gql(LEAFLETS, { id: eventId }, staff)).data.event.leafletsDistributed as number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    qingdaoStaff = await t.login(USERS.qingdaoStaff.email);
    volunteer = await t.login(USERS.lanzhouVolunteer.email);
    leaflet = await createMaterial(t, admin, { title: '防范电信网络诈骗折页（活动测试）', format: 'LEAFLET' });
    braille = await createMaterial(t, admin, { title: '防范电信网络诈骗（盲文版，活动测试）', format: 'BRAILLE' });
    // createEvent plans at 东岗网点: its stock feeds the events below.
    await receive(t, staff, lanzhouDonggang, leaflet, 2000);
    await receive(t, staff, lanzhouDonggang, braille, 100);
  });
  afterAll(() => t?.close());

  it('issues from the event’s own org unit to a scheduled or in-progress event', async () => {
    for (const status of ['SCHEDULED', 'IN_PROGRESS'] as const) {
      const eventId = await createEvent(t, staff, {}, status);
      const before = await levelOf(t, lanzhouDonggang, leaflet);
      const res = await issue(eventId, leaflet, 120);
      expect(res.errors).toBeUndefined();
      expect(res.data.issueToEvent).toEqual({ onHand: (before as number) - 120, orgUnit: { id: lanzhouDonggang } });
      const moves = await t.gql(EVENT_MOVEMENTS, { e: eventId }, staff);
      expect(moves.data.stockMovements.nodes).toEqual([{ kind: 'ISSUE_TO_EVENT', quantity: 120, orgUnit: { id: lanzhouDonggang }, event: { id: eventId }, material: { id: leaflet } }]);
    }
    expect(await levelOf(t, lanzhouDonggang, leaflet)).toBe(await ledgerSum(t, lanzhouDonggang, leaflet));
  });

  it('refuses to issue to a draft (EVENT_NOT_OPEN), a completed or a cancelled event (EVENT_CLOSED), writing nothing', async () => {
    const draft = await createEvent(t, staff, {}, 'DRAFT');
    const completed = await createEvent(t, staff, {}, 'COMPLETED');
    const cancelled = await createEvent(t, staff, {}, 'CANCELLED');
    const before = await stockRowCounts(t);
    expect(expectError(await issue(draft, leaflet, 10), 'CONFLICT').extensions.reason).toBe('EVENT_NOT_OPEN');
    expect(expectError(await issue(completed, leaflet, 10), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    expect(expectError(await issue(cancelled, leaflet, 10), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    expect(await stockRowCounts(t)).toEqual(before);
  });

  it('refuses an unknown event or material naming the field, a caller without stock rights there, and more than the unit holds', async () => {
    const eventId = await createEvent(t, staff, {}, 'SCHEDULED');
    const before = await stockRowCounts(t);
    expect(expectError(await issue('00000000-0000-4000-8000-000000000000', leaflet, 5, admin), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.eventId']);
    // To anyone who does not see the whole bank, an unknown event looks like someone else's.
    expectError(await issue('00000000-0000-4000-8000-000000000000', leaflet, 5), 'FORBIDDEN');
    expect(expectError(await issue(eventId, '00000000-0000-4000-8000-000000000000', 5), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.materialId']);
    expect(expectError(await issue(eventId, leaflet, 0), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.quantity']);
    expectError(await issue(eventId, leaflet, 5, qingdaoStaff), 'FORBIDDEN');
    expectError(await issue(eventId, leaflet, 5, volunteer), 'FORBIDDEN');
    expect(expectError(await issue(eventId, braille, 101), 'CONFLICT').extensions.reason).toBe('INSUFFICIENT_STOCK');
    expect(await stockRowCounts(t)).toEqual(before);
  });

  it('records copies handed out and brought back; returns go back on the event unit’s shelf', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, leaflet, 100);
    const start = (await levelOf(t, lanzhouDonggang, leaflet)) as number;

    const first = await report(eventId, leaflet, 60, 10);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordDistribution).toEqual({ onHand: start + 10, orgUnit: { id: lanzhouDonggang } });
    // Reported in two goes, e.g. a second table at the same event.
    const second = await report(eventId, leaflet, 30, 0);
    expect(second.data.recordDistribution.onHand).toBe(start + 10);
    expect(await leafletsOf(eventId)).toBe(90);
    const moves = await t.gql(EVENT_MOVEMENTS, { e: eventId }, staff);
    // Lines written by one request share their time, so only the set is compared.
    expect(moves.data.stockMovements.nodes.map((m: { kind: string; quantity: number }) => `${m.kind} ${m.quantity}`).sort()).toEqual([
      'DISTRIBUTE 30',
      'DISTRIBUTE 60',
      'ISSUE_TO_EVENT 100',
      'RETURN_FROM_EVENT 10',
    ]);
    expect(await levelOf(t, lanzhouDonggang, leaflet)).toBe(await ledgerSum(t, lanzhouDonggang, leaflet));
  });

  it('never records more handed out and returned than is outstanding from what was issued, writing nothing', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, leaflet, 50);
    expect((await report(eventId, leaflet, 40, 0)).errors).toBeUndefined();
    const before = await stockRowCounts(t);
    const level = await levelOf(t, lanzhouDonggang, leaflet);
    const tooMany = await report(eventId, leaflet, 5, 6);
    expect(expectError(tooMany, 'CONFLICT').extensions.reason).toBe('EXCEEDS_ISSUED');
    expect(tooMany.errors?.[0].message).toMatch(/Only 10 of the 50 copies/);
    expect(expectError(await report(eventId, leaflet, 0, 11), 'CONFLICT').extensions.reason).toBe('EXCEEDS_ISSUED');
    // Nothing of this material went to the event at all.
    expect(expectError(await report(eventId, braille, 1, 0), 'CONFLICT').extensions.reason).toBe('EXCEEDS_ISSUED');
    expect(await stockRowCounts(t)).toEqual(before);
    expect(await levelOf(t, lanzhouDonggang, leaflet)).toBe(level);
    // The exact remainder is fine.
    expect((await report(eventId, leaflet, 4, 6)).errors).toBeUndefined();
    expect(await leafletsOf(eventId)).toBe(44);
  });

  it('refuses zero on both sides and negative figures, naming the fields', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, leaflet, 10);
    const before = await stockRowCounts(t);
    expect(expectError(await report(eventId, leaflet, 0, 0), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.distributed', 'input.returned']);
    expect(expectError(await report(eventId, leaflet, -1, 5), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.distributed']);
    expect(expectError(await report(eventId, leaflet, 5, -1), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.returned']);
    expect(expectError(await report('00000000-0000-4000-8000-000000000000', leaflet, 1, 0, admin), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.eventId']);
    expect(expectError(await report(eventId, 'unknown', 1, 0), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.materialId']);
    expect(await stockRowCounts(t)).toEqual(before);
  });

  it('takes distribution figures after the event is completed', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, braille, 12);
    const done = await t.gql(`mutation ($id: ID!) { completeEvent(id: $id, input: {}) { status } }`, { id: eventId }, staff);
    expect(done.data.completeEvent.status).toBe('COMPLETED');
    expect((await report(eventId, braille, 9, 3)).errors).toBeUndefined();
    expect(await leafletsOf(eventId)).toBe(9);
  });

  it('refuses distributing at a cancelled event but takes back the copies issued to it', async () => {
    const eventId = await createEvent(t, staff, {}, 'SCHEDULED');
    const start = (await levelOf(t, lanzhouDonggang, leaflet)) as number;
    await issue(eventId, leaflet, 80);
    const cancelled = await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "暴雨预警") { status } }`, { id: eventId }, staff);
    expect(cancelled.data.cancelEvent.status).toBe('CANCELLED');
    const before = await stockRowCounts(t);
    expect(expectError(await report(eventId, leaflet, 10, 70), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    expect(await stockRowCounts(t)).toEqual(before);
    const back = await report(eventId, leaflet, 0, 80);
    expect(back.data.recordDistribution.onHand).toBe(start);
    expect(await leafletsOf(eventId)).toBe(0);
  });

  it('refuses recording for a draft event', async () => {
    const draft = await createEvent(t, staff, {}, 'DRAFT');
    const before = await stockRowCounts(t);
    expect(expectError(await report(draft, leaflet, 1, 0), 'CONFLICT').extensions.reason).toBe('EVENT_NOT_OPEN');
    expect(await stockRowCounts(t)).toEqual(before);
  });

  it('sums every printed format into Event.leafletsDistributed, and 0 for an event without any', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, leaflet, 40);
    await issue(eventId, braille, 5);
    await report(eventId, leaflet, 33, 0);
    await report(eventId, braille, 4, 1);
    expect(await leafletsOf(eventId)).toBe(37);
    expect(await leafletsOf(await createEvent(t, staff, {}, 'SCHEDULED'))).toBe(0);
    // Returns and issues do not count as handed out.
    expect(Number((await t.dataSource.query(`SELECT SUM(quantity) AS n FROM stock_movement WHERE event_id = ? AND kind = 'DISTRIBUTE'`, [eventId]))[0].n)).toBe(37);
  });

  it('lists an event’s movements to those who may read the event, and keeps others out', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    await issue(eventId, leaflet, 7);
    const analyst = await t.login(USERS.analyst.email);
    expect((await t.gql(EVENT_MOVEMENTS, { e: eventId }, analyst)).data.stockMovements.totalCount).toBe(1);
    expectError(await t.gql(EVENT_MOVEMENTS, { e: eventId }, qingdaoStaff), 'FORBIDDEN');
    // 城关支行's view of its subtree includes the outlet's event issue.
    const subtree = await t.gql(`query ($u: ID!, $m: ID!) { stockMovements(filter: { orgUnitId: $u, materialId: $m }, first: 200) { nodes { event { id } } } }`, { u: lanzhouChengguan, m: leaflet }, staff);
    expect(subtree.data.stockMovements.nodes.some((n: { event: { id: string } | null }) => n.event?.id === eventId)).toBe(true);
  });

  it('batches leafletsDistributed: a page of 40 events costs no more statements than a page of 5', async () => {
    const page = `query ($first: Int!) { events(first: $first) { nodes { id leafletsDistributed } } }`;
    const statements = async (first: number) => {
      const counts: number[] = [];
      for (let run = 0; run < 3; run++) {
        counts.push(
          await countStatements(t, async () => {
            const res = await t.gql(page, { first }, admin);
            if (res.errors) throw new Error(JSON.stringify(res.errors));
            expect(res.data.events.nodes).toHaveLength(first);
          }),
        );
      }
      return Math.min(...counts);
    };
    expect(await statements(40)).toBe(await statements(5));
  });
});
