import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { DEMO_MATERIALS, MATERIALS } from 'seeds/demo-materials';
import { EVENTS } from 'seeds/demo-plan';
import { loadDemoMaterials } from 'seeds/load-demo-materials';
import { StockService } from 'src/materials/stock.service';
import { expectError } from '../support/expect-error';
import {
  CREATE_MATERIAL,
  createMaterial,
  ledgerSum,
  levelOf,
  noticesOf,
  receive,
  RECEIVE,
  SIGNED_QUANTITY,
  stockRowCounts,
  TRANSFER,
  WRITE_OFF,
} from '../support/materials';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const MATERIALS_PAGE = `query ($filter: MaterialsFilter, $first: Int!, $after: String) {
  materials(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id code format language } } }`;
const STOCK = `query ($u: ID!, $d: Boolean!) { stock(orgUnitId: $u, includeDescendants: $d) { onHand orgUnit { id code } material { id code } } }`;
const MOVEMENTS = `query ($filter: StockMovementsFilter, $first: Int!, $after: String) {
  stockMovements(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes { id kind quantity note createdAt orgUnit { id } counterpartOrgUnit { id } material { id } event { id } createdBy { id } } } }`;

const { headOffice, lanzhou, lanzhouChengguan, lanzhouDonggang, lanzhouYantan, qingdao } = UNITS;

describe(`${StockService.name}: catalogue and ledger (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let staff: string;
  let volunteer: string;
  let analyst: string;
  let qingdaoManager: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    manager = await t.login(USERS.lanzhouManager.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    volunteer = await t.login(USERS.lanzhouVolunteer.email);
    analyst = await t.login(USERS.analyst.email);
    qingdaoManager = await t.login(USERS.qingdaoManager.email);
  });
  afterAll(() => t?.close());

  describe('catalogue', () => {
    it('lets ADMIN add a material, zh-CN by default, with a code unique ignoring case', async () => {
      const res = await t.gql(CREATE_MATERIAL, { input: { code: 'fz-lf-test', title: ' 防范电信网络诈骗（测试版） ', topic: '防范电信网络诈骗', format: 'LEAFLET', lowStockThreshold: 80 } }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.createMaterial).toMatchObject({ code: 'FZ-LF-TEST', title: '防范电信网络诈骗（测试版）', format: 'LEAFLET', language: 'zh-CN', lowStockThreshold: 80 });
      const uyghur = await t.gql(CREATE_MATERIAL, { input: { code: 'fz-lf-ug', title: '维吾尔文版折页', format: 'LEAFLET', language: 'UG-cn', lowStockThreshold: null } }, admin);
      expect(uyghur.data.createMaterial).toMatchObject({ language: 'ug-CN', lowStockThreshold: null });
      const before = await stockRowCounts(t);
      const again = await t.gql(CREATE_MATERIAL, { input: { code: 'FZ-lf-TEST', title: '重复', format: 'BOOKLET' } }, admin);
      expect(expectError(again, 'CONFLICT').extensions.reason).toBe('ALREADY_EXISTS');
      expect((await stockRowCounts(t)).materials).toBe(before.materials);
    });

    it('lets a stock manager placed at head office add materials, but not branch managers, staff, analysts or volunteers', async () => {
      const email = `ho.stock.${Date.now()}@test.invalid`;
      const created = await t.gql(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email, name: '总行物料管理员', password: DEMO_PASSWORD, role: 'BRANCH_MANAGER', orgUnitId: headOffice } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const headOfficeManager = await t.login(email);
      const ok = await t.gql(CREATE_MATERIAL, { input: { code: `HO-${Date.now()}`, title: '总行自印折页', format: 'POSTER' } }, headOfficeManager);
      expect(ok.errors).toBeUndefined();
      const before = await stockRowCounts(t);
      for (const token of [manager, staff, analyst, volunteer]) {
        expectError(await t.gql(CREATE_MATERIAL, { input: { code: `NO-${Date.now()}`, title: '不允许', format: 'LEAFLET' } }, token), 'FORBIDDEN');
      }
      expect((await stockRowCounts(t)).materials).toBe(before.materials);
    });

    it('refuses a bad code, a blank title, a bad language tag and a threshold below 1, naming the field', async () => {
      const before = await stockRowCounts(t);
      for (const [input, field] of [
        [{ code: 'has space', title: '折页', format: 'LEAFLET' }, 'input.code'],
        [{ code: 'X'.repeat(33), title: '折页', format: 'LEAFLET' }, 'input.code'],
        [{ code: 'OK-1', title: '   ', format: 'LEAFLET' }, 'input.title'],
        [{ code: 'OK-2', title: '折页', format: 'LEAFLET', language: 'Chinese!' }, 'input.language'],
        [{ code: 'OK-3', title: '折页', format: 'LEAFLET', lowStockThreshold: 0 }, 'input.lowStockThreshold'],
      ] as const) {
        const error = expectError(await t.gql(CREATE_MATERIAL, { input }, admin), 'BAD_USER_INPUT');
        expect(error.extensions.fields).toEqual([field]);
      }
      expect((await stockRowCounts(t)).materials).toBe(before.materials);
    });

    it('lists the catalogue by code, filtered and paged, to every signed-in user', async () => {
      const braille = await t.gql(MATERIALS_PAGE, { filter: { format: 'BRAILLE' }, first: 10 }, volunteer);
      expect(braille.data.materials.nodes.map((m: { id: string }) => m.id)).toContain(MATERIALS.antiFraudBraille);
      expect(braille.data.materials.nodes.every((m: { format: string }) => m.format === 'BRAILLE')).toBe(true);
      const english = await t.gql(MATERIALS_PAGE, { filter: { language: 'EN' }, first: 10 }, staff);
      expect(english.data.materials.nodes.map((m: { id: string }) => m.id)).toEqual([MATERIALS.newCitizenLeafletEn]);

      const first = await t.gql(MATERIALS_PAGE, { first: 3 }, staff);
      const second = await t.gql(MATERIALS_PAGE, { first: 3, after: first.data.materials.pageInfo.endCursor }, staff);
      const codes = [...first.data.materials.nodes, ...second.data.materials.nodes].map((m: { code: string }) => m.code);
      expect(codes).toEqual([...codes].sort());
      expect(new Set(codes).size).toBe(6);
      expect(first.data.materials.totalCount).toBeGreaterThanOrEqual(DEMO_MATERIALS.length);
      expectError(await t.gql(MATERIALS_PAGE, { first: 3 }), 'UNAUTHENTICATED');
    });
  });

  describe('receive, transfer, write off', () => {
    let material: string;

    beforeAll(async () => {
      material = await createMaterial(t, admin, { title: '个人养老金折页（测试）' });
    });

    it('receives copies at a unit in the caller’s subtree, and the level equals the ledger', async () => {
      const res = await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: material, quantity: 1000, note: '印刷厂第一批' } }, manager);
      expect(res.errors).toBeUndefined();
      expect(res.data.receiveStock).toEqual({ onHand: 1000, orgUnit: { id: lanzhou }, material: { id: material } });
      expect(await levelOf(t, lanzhou, material)).toBe(1000);
      expect(await ledgerSum(t, lanzhou, material)).toBe(1000);
      const page = await t.gql(MOVEMENTS, { filter: { materialId: material }, first: 10 }, manager);
      expect(page.data.stockMovements.nodes).toEqual([
        expect.objectContaining({ kind: 'RECEIVE', quantity: 1000, note: '印刷厂第一批', orgUnit: { id: lanzhou }, counterpartOrgUnit: null, event: null, createdBy: { id: USERS.lanzhouManager.id } }),
      ]);
    });

    it('transfers down and across inside the caller’s subtree, returning the sending then the receiving level', async () => {
      const down = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhou, toOrgUnitId: lanzhouChengguan, materialId: material, quantity: 400 } }, manager);
      expect(down.errors).toBeUndefined();
      expect(down.data.transferStock.map((l: { onHand: number; orgUnit: { id: string } }) => [l.orgUnit.id, l.onHand])).toEqual([
        [lanzhou, 600],
        [lanzhouChengguan, 400],
      ]);
      // Outreach staff at 城关支行: down to an outlet, then across between two outlets of its subtree.
      expect((await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhouChengguan, toOrgUnitId: lanzhouDonggang, materialId: material, quantity: 150 } }, staff)).errors).toBeUndefined();
      const across = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhouDonggang, toOrgUnitId: lanzhouYantan, materialId: material, quantity: 50, note: '雁滩网点临时调剂' } }, staff);
      expect(across.errors).toBeUndefined();
      expect(across.data.transferStock.map((l: { onHand: number }) => l.onHand)).toEqual([100, 50]);

      for (const [unit, expected] of [[lanzhou, 600], [lanzhouChengguan, 250], [lanzhouDonggang, 100], [lanzhouYantan, 50]] as const) {
        expect(await levelOf(t, unit, material)).toBe(expected);
        expect(await ledgerSum(t, unit, material)).toBe(expected);
      }
      const pair = await t.gql(MOVEMENTS, { filter: { materialId: material, orgUnitId: lanzhouDonggang }, first: 50 }, staff);
      // 东岗 and below: in from 城关, out to 雁滩 (雁滩 is not below 东岗).
      expect(pair.data.stockMovements.nodes.map((m: { kind: string; quantity: number; counterpartOrgUnit: { id: string } }) => `${m.kind} ${m.quantity} ${m.counterpartOrgUnit.id}`).sort()).toEqual([
        `TRANSFER_IN 150 ${lanzhouChengguan}`,
        `TRANSFER_OUT 50 ${lanzhouYantan}`,
      ]);
    });

    it('refuses a transfer to the same unit, above the caller or into another branch, and writes nothing', async () => {
      const before = await stockRowCounts(t);
      const same = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhouChengguan, toOrgUnitId: lanzhouChengguan, materialId: material, quantity: 1 } }, staff);
      expect(expectError(same, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.toOrgUnitId']);
      const up = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhouChengguan, toOrgUnitId: lanzhou, materialId: material, quantity: 1 } }, staff);
      expect(expectError(up, 'FORBIDDEN').message).toMatch(/^input\.toOrgUnitId/);
      const otherBranch = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhou, toOrgUnitId: qingdao, materialId: material, quantity: 1 } }, manager);
      expect(expectError(otherBranch, 'FORBIDDEN').message).toMatch(/^input\.toOrgUnitId/);
      const fromOutside = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhou, toOrgUnitId: lanzhouChengguan, materialId: material, quantity: 1 } }, staff);
      expect(expectError(fromOutside, 'FORBIDDEN').message).toMatch(/^input\.fromOrgUnitId/);
      expect(await stockRowCounts(t)).toEqual(before);
      expect(await levelOf(t, lanzhouChengguan, material)).toBe(250);
    });

    it('refuses zero, negative and oversized quantities, an unknown material and an unknown unit, naming the field and writing nothing', async () => {
      const before = await stockRowCounts(t);
      for (const quantity of [0, -5, 1_000_001]) {
        const res = await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: material, quantity } }, manager);
        expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.quantity']);
        const moved = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhou, toOrgUnitId: lanzhouChengguan, materialId: material, quantity } }, manager);
        expect(expectError(moved, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.quantity']);
      }
      const unknownMaterial = await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: '00000000-0000-4000-8000-000000000000', quantity: 5 } }, manager);
      expect(expectError(unknownMaterial, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.materialId']);
      const unknownUnit = await t.gql(RECEIVE, { input: { orgUnitId: '00000000-0000-4000-8000-000000000000', materialId: material, quantity: 5 } }, admin);
      expect(expectError(unknownUnit, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.orgUnitId']);
      expect(await stockRowCounts(t)).toEqual(before);
    });

    it('refuses to take more than a unit holds with CONFLICT INSUFFICIENT_STOCK and writes nothing', async () => {
      const before = await stockRowCounts(t);
      const transfer = await t.gql(TRANSFER, { input: { fromOrgUnitId: lanzhouYantan, toOrgUnitId: lanzhouDonggang, materialId: material, quantity: 51 } }, staff);
      expect(expectError(transfer, 'CONFLICT').extensions.reason).toBe('INSUFFICIENT_STOCK');
      const writeOff = await t.gql(WRITE_OFF, { input: { orgUnitId: lanzhouYantan, materialId: material, quantity: 51, note: '盘点' } }, staff);
      expect(expectError(writeOff, 'CONFLICT').extensions.reason).toBe('INSUFFICIENT_STOCK');
      // A unit that never held this material: no level row appears either.
      const empty = await t.gql(TRANSFER, { input: { fromOrgUnitId: UNITS.lanzhouQilihe, toOrgUnitId: lanzhouChengguan, materialId: material, quantity: 1 } }, manager);
      expect(expectError(empty, 'CONFLICT').extensions.reason).toBe('INSUFFICIENT_STOCK');
      expect(await stockRowCounts(t)).toEqual(before);
      expect(await levelOf(t, UNITS.lanzhouQilihe, material)).toBeNull();
      expect(await levelOf(t, lanzhouYantan, material)).toBe(50);
    });

    it('writes off copies only with a reason, as a new movement that leaves earlier ones untouched', async () => {
      const earlier = await t.dataSource.query('SELECT * FROM stock_movement WHERE material_id = ? ORDER BY id', [material]);
      const before = await stockRowCounts(t);
      const blank = await t.gql(WRITE_OFF, { input: { orgUnitId: lanzhouYantan, materialId: material, quantity: 5, note: '  ' } }, staff);
      expect(expectError(blank, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.note']);
      expect(await stockRowCounts(t)).toEqual(before);

      const res = await t.gql(WRITE_OFF, { input: { orgUnitId: lanzhouYantan, materialId: material, quantity: 5, note: '受潮损坏' } }, staff);
      expect(res.data.writeOffStock.onHand).toBe(45);
      expect((await stockRowCounts(t)).movements).toBe(before.movements + 1);
      const after = await t.dataSource.query('SELECT * FROM stock_movement WHERE material_id = ? ORDER BY id', [material]);
      expect(after.filter((row: { id: string }) => earlier.some((e: { id: string }) => e.id === row.id))).toEqual(earlier);
      expect(after.find((row: { kind: string }) => row.kind === 'WRITE_OFF')).toMatchObject({ quantity: 5, note: '受潮损坏', org_unit_id: lanzhouYantan });
      expect(await ledgerSum(t, lanzhouYantan, material)).toBe(45);
    });

    it('lets only roles that manage stock, in their subtree, move it', async () => {
      const before = await stockRowCounts(t);
      expectError(await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: material, quantity: 5 } }, analyst), 'FORBIDDEN');
      expectError(await t.gql(RECEIVE, { input: { orgUnitId: lanzhouDonggang, materialId: material, quantity: 5 } }, volunteer), 'FORBIDDEN');
      expectError(await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: material, quantity: 5 } }, qingdaoManager), 'FORBIDDEN');
      expectError(await t.gql(RECEIVE, { input: { orgUnitId: lanzhou, materialId: material, quantity: 5 } }), 'UNAUTHENTICATED');
      expect(await stockRowCounts(t)).toEqual(before);
    });

    it('lists one unit’s stock or its whole subtree, within the caller’s part of the bank', async () => {
      const own = await t.gql(STOCK, { u: lanzhouChengguan, d: false }, staff);
      expect(own.data.stock.filter((l: { material: { id: string } }) => l.material.id === material)).toEqual([
        { onHand: 250, orgUnit: { id: lanzhouChengguan, code: 'LZ-CG' }, material: { id: material, code: expect.any(String) } },
      ]);
      const subtree = await t.gql(STOCK, { u: lanzhouChengguan, d: true }, staff);
      const mine = subtree.data.stock.filter((l: { material: { id: string } }) => l.material.id === material);
      expect(mine.map((l: { orgUnit: { code: string }; onHand: number }) => [l.orgUnit.code, l.onHand])).toEqual([
        ['LZ-CG', 250],
        ['LZ-CG-01', 100],
        ['LZ-CG-02', 45],
      ]);
      expectError(await t.gql(STOCK, { u: lanzhou, d: true }, qingdaoManager), 'FORBIDDEN');
      expectError(await t.gql(STOCK, { u: lanzhou, d: false }, staff), 'FORBIDDEN');
      // A volunteer reads its own unit only, never below it.
      const volunteerView = await t.gql(STOCK, { u: lanzhouDonggang, d: true }, volunteer);
      expect(volunteerView.data.stock.every((l: { orgUnit: { id: string } }) => l.orgUnit.id === lanzhouDonggang)).toBe(true);
      const bank = await t.gql(STOCK, { u: headOffice, d: true }, analyst);
      expect(bank.data.stock.filter((l: { material: { id: string } }) => l.material.id === material)).toHaveLength(4);
    });

    it('pages through the ledger oldest first, filtered by unit subtree and material, within the caller’s scope', async () => {
      const all = await t.gql(MOVEMENTS, { filter: { materialId: material }, first: 200 }, manager);
      const total = all.data.stockMovements.totalCount;
      // RECEIVE, 3 transfers (6 lines), 1 write-off.
      expect(total).toBe(8);
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await t.gql(MOVEMENTS, { filter: { materialId: material }, first: 3, after }, manager);
        ids.push(...page.data.stockMovements.nodes.map((m: { id: string }) => m.id));
        if (!page.data.stockMovements.pageInfo.hasNextPage) break;
        after = page.data.stockMovements.pageInfo.endCursor;
      }
      expect(ids).toEqual(all.data.stockMovements.nodes.map((m: { id: string }) => m.id));
      const times = all.data.stockMovements.nodes.map((m: { createdAt: string }) => m.createdAt);
      expect(times).toEqual([...times].sort());

      const chengguan = await t.gql(MOVEMENTS, { filter: { materialId: material, orgUnitId: lanzhouChengguan }, first: 200 }, staff);
      expect(chengguan.data.stockMovements.totalCount).toBe(6);
      // Without a unit filter, 城关's staff sees its subtree only: not 兰州分行's receipt or its side of the first transfer.
      const staffView = await t.gql(MOVEMENTS, { filter: { materialId: material }, first: 200 }, staff);
      expect(staffView.data.stockMovements.totalCount).toBe(6);
      const qingdaoView = await t.gql(MOVEMENTS, { filter: { materialId: material }, first: 200 }, qingdaoManager);
      expect(qingdaoView.data.stockMovements.totalCount).toBe(0);
      expectError(await t.gql(MOVEMENTS, { filter: { orgUnitId: lanzhou }, first: 5 }, qingdaoManager), 'FORBIDDEN');
      expect(expectError(await t.gql(MOVEMENTS, { filter: { materialId: 'nope' }, first: 5 }, staff), 'BAD_USER_INPUT').extensions.fields).toEqual(['filter.materialId']);
      expect(expectError(await t.gql(MOVEMENTS, { first: 201 }, staff), 'BAD_USER_INPUT').extensions.fields).toEqual(['first']);
    });
  });

  describe('low-stock notices', () => {
    it('records one notice per crossing below the threshold, none while it stays low, and re-arms above it', async () => {
      const material = await createMaterial(t, admin, { lowStockThreshold: 100 });
      const unit = lanzhouChengguan;
      await receive(t, staff, unit, material, 150);
      const writeOff = async (quantity: number) => {
        const res = await t.gql(WRITE_OFF, { input: { orgUnitId: unit, materialId: material, quantity, note: '盘点短少' } }, staff);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      };
      await writeOff(40); // 110: still at or above 100
      expect(await noticesOf(t, unit, material)).toEqual([]);
      await writeOff(10); // 100: exactly the threshold is not low
      expect(await noticesOf(t, unit, material)).toEqual([]);
      await writeOff(1); // 99: crossed
      expect(await noticesOf(t, unit, material)).toEqual([{ level: 99, threshold: 100, status: 'PENDING' }]);
      await writeOff(9); // 90: still low, no second notice
      const issued = await t.gql(TRANSFER, { input: { fromOrgUnitId: unit, toOrgUnitId: lanzhouDonggang, materialId: material, quantity: 20 } }, staff); // 70
      expect(issued.errors).toBeUndefined();
      expect(await noticesOf(t, unit, material)).toHaveLength(1);
      await receive(t, staff, unit, material, 60); // 130: re-armed
      await writeOff(40); // 90: crossed again
      const notices = await noticesOf(t, unit, material);
      expect(notices.map((n) => n.level).sort()).toEqual([90, 99]);
      // 东岗 received 20 from nothing: it never was at the threshold, so it never crossed it.
      expect(await noticesOf(t, lanzhouDonggang, material)).toEqual([]);
      const row = (await t.dataSource.query('SELECT * FROM low_stock_notice WHERE org_unit_id = ? AND material_id = ? AND level = 99', [unit, material]))[0];
      const cause = (await t.dataSource.query('SELECT kind, quantity FROM stock_movement WHERE id = ?', [row.movement_id]))[0];
      expect(cause).toMatchObject({ kind: 'WRITE_OFF', quantity: 1 });
    });

    it('records nothing for a material without a threshold', async () => {
      const material = await createMaterial(t, admin, { lowStockThreshold: null });
      await receive(t, staff, lanzhouChengguan, material, 10);
      await t.gql(WRITE_OFF, { input: { orgUnitId: lanzhouChengguan, materialId: material, quantity: 10, note: '过期' } }, staff);
      expect(await levelOf(t, lanzhouChengguan, material)).toBe(0);
      expect(await noticesOf(t, lanzhouChengguan, material)).toEqual([]);
    });
  });

  describe('demo data', () => {
    it('loads the catalogue and a stock history in which every level equals its ledger and none is negative', async () => {
      const codes = (await t.dataSource.query('SELECT id, format, language FROM material WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?)', DEMO_MATERIALS.map((m) => m.id))) as { format: string; language: string }[];
      expect(codes).toHaveLength(8);
      expect(new Set(codes.map((c) => c.format))).toEqual(new Set(['LEAFLET', 'BOOKLET', 'POSTER', 'LARGE_PRINT', 'BRAILLE']));
      expect(codes.some((c) => c.language === 'en')).toBe(true);

      const mismatched = await t.dataSource.query(
        `SELECT l.org_unit_id, l.material_id, l.on_hand, COALESCE(SUM(${SIGNED_QUANTITY}), 0) AS ledger
           FROM stock_level l LEFT JOIN stock_movement m ON m.org_unit_id = l.org_unit_id AND m.material_id = l.material_id
          GROUP BY l.org_unit_id, l.material_id, l.on_hand
         HAVING l.on_hand <> COALESCE(SUM(${SIGNED_QUANTITY}), 0) OR l.on_hand < 0`,
      );
      expect(mismatched).toEqual([]);
      const demoMovements = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM stock_movement WHERE id LIKE '61000000-%'`))[0].n);
      expect(demoMovements).toBeGreaterThan(100);
      // Every unit of every level row was reached through the ledger from head office's receipts.
      expect(await levelOf(t, lanzhouDonggang, MATERIALS.antiFraudLargePrint)).toBe(25);
      expect(await noticesOf(t, lanzhouDonggang, MATERIALS.antiFraudLargePrint)).toEqual([{ level: 40, threshold: 50, status: 'PENDING' }]);
      // The 2025 history's crossings are not kept as notices: only the recent one would mail anyone.
      expect(Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM low_stock_notice WHERE movement_id LIKE '61000000-%'`))[0].n)).toBe(1);

      const event = await t.gql(`query ($id: ID!) { event(id: $id) { leafletsDistributed } }`, { id: EVENTS.lanzhou315Community }, staff);
      expect(event.data.event.leafletsDistributed).toBe(262 + 71);
      const today = await t.gql(`query ($id: ID!) { event(id: $id) { leafletsDistributed } }`, { id: EVENTS.yantanTodayMarket }, staff);
      expect(today.data.event.leafletsDistributed).toBe(0);
      expect(await levelOf(t, UNITS.lanzhouChengguan, MATERIALS.antiFraudLeaflet)).toBe(await ledgerSum(t, UNITS.lanzhouChengguan, MATERIALS.antiFraudLeaflet));
    });

    it('loads nothing twice when the demo loader runs again', async () => {
      const before = await stockRowCounts(t);
      expect(await loadDemoMaterials(t.dataSource)).toEqual({ materials: 0, movements: 0 });
      expect(await stockRowCounts(t)).toEqual(before);
    });
  });
});
