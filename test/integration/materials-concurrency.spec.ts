import { UNITS, USERS } from 'seeds/demo-bank';
import { StockService } from 'src/materials/stock.service';
import { createEvent } from '../support/events';
import { createMaterial, DISTRIBUTE, ISSUE, ledgerSum, levelOf, noticesOf, receive, RECEIVE, TRANSFER, WRITE_OFF } from '../support/materials';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const { lanzhouChengguan, lanzhouDonggang, lanzhouYantan } = UNITS;

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions: { code: string; reason?: string } }[] } };

/**
 * Many requests at once, over real HTTP connections, each in its own
 * transaction. On MariaDB this is where the level row locks, their fixed order
 * and the deadlock retry are proven; SQLite runs it too, serialised by its single writer.
 */
describe(`${StockService.name} under concurrency (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  let staff: string;

  const post = async (query: string, variables: Record<string, unknown>, token = staff): Promise<Answer> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const reasons = (answers: Answer[]) => answers.filter((a) => a.body.errors).map((a) => `${a.body.errors?.[0].extensions.code} ${a.body.errors?.[0].extensions.reason}`);
  const movementCount = async (materialId: string, kind: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM stock_movement WHERE material_id = ? AND kind = ?', [materialId, kind]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = await t.login(USERS.admin.email);
    staff = await t.login(USERS.lanzhouStaff.email);
  });
  afterAll(() => t?.close());

  it('lets 20 concurrent issues that together exceed the stock take only what is there: losers get INSUFFICIENT_STOCK, the level equals the ledger', async () => {
    const material = await createMaterial(t, admin, { lowStockThreshold: 50 });
    await receive(t, staff, lanzhouDonggang, material, 100);
    const eventIds = await Promise.all(Array.from({ length: 4 }, () => createEvent(t, staff, {}, 'IN_PROGRESS')));

    // 20 × 7 = 140 asked for, 100 there: exactly 14 fit.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(ISSUE, { input: { eventId: eventIds[i % 4], materialId: material, quantity: 7 } })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const won = answers.filter((a) => a.body.data?.issueToEvent);
    expect(won).toHaveLength(14);
    expect(reasons(answers)).toEqual(Array(6).fill('CONFLICT INSUFFICIENT_STOCK'));
    // Each winner saw a distinct level: the row lock serialised them.
    expect(new Set(won.map((a) => a.body.data.issueToEvent.onHand)).size).toBe(14);

    expect(await levelOf(t, lanzhouDonggang, material)).toBe(2);
    expect(await ledgerSum(t, lanzhouDonggang, material)).toBe(2);
    expect(await movementCount(material, 'ISSUE_TO_EVENT')).toBe(14);
    // 100 → 2 crossed 50 once, however the requests interleaved.
    expect(await noticesOf(t, lanzhouDonggang, material)).toEqual([{ level: expect.any(Number), threshold: 50, status: 'PENDING' }]);
    const [notice] = await noticesOf(t, lanzhouDonggang, material);
    expect(notice.level).toBeLessThan(50);
    expect(notice.level).toBeGreaterThanOrEqual(43);
  });

  it('runs transfers in both directions between two units at once without deadlock or lost copies', async () => {
    const material = await createMaterial(t, admin);
    await receive(t, staff, lanzhouChengguan, material, 500);
    await receive(t, staff, lanzhouDonggang, material, 500);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(TRANSFER, {
          input: i % 2 ? { fromOrgUnitId: lanzhouChengguan, toOrgUnitId: lanzhouDonggang, materialId: material, quantity: 10 } : { fromOrgUnitId: lanzhouDonggang, toOrgUnitId: lanzhouChengguan, materialId: material, quantity: 10 },
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200 || a.body.errors).map((a) => a.body.errors)).toEqual([]);
    for (const unit of [lanzhouChengguan, lanzhouDonggang]) {
      expect(await levelOf(t, unit, material)).toBe(500);
      expect(await ledgerSum(t, unit, material)).toBe(500);
    }
    expect(await movementCount(material, 'TRANSFER_OUT')).toBe(30);
    expect(await movementCount(material, 'TRANSFER_IN')).toBe(30);
  });

  it('counts every one of 10 concurrent first receipts at a unit that had no level row', async () => {
    const material = await createMaterial(t, admin);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(RECEIVE, { input: { orgUnitId: lanzhouYantan, materialId: material, quantity: 10 } })));
    expect(answers.filter((a) => a.body.errors).map((a) => a.body.errors)).toEqual([]);
    expect(await levelOf(t, lanzhouYantan, material)).toBe(100);
    expect(await ledgerSum(t, lanzhouYantan, material)).toBe(100);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM stock_level WHERE material_id = ?', [material]))[0].n)).toBe(1);
  });

  it('never lets concurrent distribution reports add up to more than was issued', async () => {
    const material = await createMaterial(t, admin);
    await receive(t, staff, lanzhouDonggang, material, 100);
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    const issued = await post(ISSUE, { input: { eventId, materialId: material, quantity: 50 } });
    expect(issued.body.errors).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(DISTRIBUTE, { input: { eventId, materialId: material, distributed: i % 2 ? 10 : 5, returned: i % 2 ? 0 : 5 } })));
    expect(answers.filter((a) => a.body.data?.recordDistribution)).toHaveLength(5);
    expect(reasons(answers)).toEqual(Array(5).fill('CONFLICT EXCEEDS_ISSUED'));
    const totals = await t.dataSource.query(`SELECT kind, SUM(quantity) AS n FROM stock_movement WHERE event_id = ? GROUP BY kind`, [eventId]);
    const sum = (kind: string) => Number(totals.find((r: { kind: string }) => r.kind === kind)?.n ?? 0);
    expect(sum('DISTRIBUTE') + sum('RETURN_FROM_EVENT')).toBe(50);
    expect(await levelOf(t, lanzhouDonggang, material)).toBe(50 + sum('RETURN_FROM_EVENT'));
    expect(await ledgerSum(t, lanzhouDonggang, material)).toBe(await levelOf(t, lanzhouDonggang, material));
  });

  it('records one low-stock notice when concurrent write-offs cross the threshold together', async () => {
    const material = await createMaterial(t, admin, { lowStockThreshold: 50 });
    await receive(t, staff, lanzhouChengguan, material, 60);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(WRITE_OFF, { input: { orgUnitId: lanzhouChengguan, materialId: material, quantity: 2, note: '盘点短少' } })));
    expect(answers.filter((a) => a.body.errors)).toEqual([]);
    expect(await levelOf(t, lanzhouChengguan, material)).toBe(40);
    expect(await noticesOf(t, lanzhouChengguan, material)).toEqual([{ level: 48, threshold: 50, status: 'PENDING' }]);
  });
});
