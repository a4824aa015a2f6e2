import { DEMO_UNITS, UNITS, USERS } from 'seeds/demo-bank';
import { OrgUnitClosureEntity, OrgUnitEntity } from 'src/org/org-unit.entity';
import { OrgService } from 'src/org/org.service';
import { expectError } from '../support/expect-error';
import { startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation ($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { id code name level parent { id code } children { id } }
}`;
const UNIT = `query ($id: ID!) { orgUnit(id: $id) { id code level parent { id code } children { code } } }`;
const UNITS_QUERY = `query ($parentId: ID, $level: OrgUnitLevel) { orgUnits(parentId: $parentId, level: $level) { id code level } }`;

const lanzhouUnits = () => {
  const inLanzhou = new Set<string>([UNITS.lanzhou]);
  // DEMO_UNITS lists parents before children.
  for (const unit of DEMO_UNITS) if (unit.parent && inLanzhou.has(unit.parent)) inLanzhou.add(unit.id);
  return DEMO_UNITS.filter((u) => inLanzhou.has(u.id));
};

describe(OrgService.name, () => {
  let t: TestApp;
  let admin: string;
  let manager: string;

  /** Rows in the unit and closure tables: a refused request must leave both unchanged. */
  const rowCounts = async () => ({
    units: await t.dataSource.getRepository(OrgUnitEntity).count(),
    closure: await t.dataSource.getRepository(OrgUnitClosureEntity).count(),
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    manager = await t.login(USERS.lanzhouManager.email);
  });
  afterAll(() => t?.close());

  describe('createOrgUnit', () => {
    it('creates a unit under its parent, visible through parent and children', async () => {
      const res = await t.gql(CREATE, { input: { code: 'HB-XN', name: '武汉新区支行', level: 'SUB_BRANCH', parentId: UNITS.hubei } }, admin);
      expect(res.errors).toBeUndefined();
      const created = res.data.createOrgUnit;
      expect(created).toMatchObject({ code: 'HB-XN', name: '武汉新区支行', level: 'SUB_BRANCH', parent: { id: UNITS.hubei, code: 'HB' }, children: [] });

      const parent = await t.gql(UNIT, { id: UNITS.hubei }, admin);
      expect(parent.data.orgUnit.children.map((c: { code: string }) => c.code)).toContain('HB-XN');
    });

    it('writes closure rows to every ancestor, so subtree look-ups include the new unit', async () => {
      const sub = await t.gql(CREATE, { input: { code: 'HB-GG', name: '光谷支行', level: 'SUB_BRANCH', parentId: UNITS.hubei } }, admin);
      const outlet = await t.gql(CREATE, { input: { code: 'HB-GG-01', name: '光谷广场网点', level: 'OUTLET', parentId: sub.data.createOrgUnit.id } }, admin);
      const id = outlet.data.createOrgUnit.id;
      const rows = await t.dataSource.getRepository(OrgUnitClosureEntity).find({ where: { descendantId: id }, order: { depth: 'ASC' } });
      expect(rows.map((r) => [r.ancestorId, r.depth])).toEqual([
        [id, 0],
        [sub.data.createOrgUnit.id, 1],
        [UNITS.hubei, 2],
        [UNITS.headOffice, 3],
      ]);
      const outlets = await t.gql(UNITS_QUERY, { level: 'OUTLET' }, admin);
      expect(outlets.data.orgUnits.map((u: { id: string }) => u.id)).toContain(id);
    });

    it('refuses a second head office with CONFLICT ROOT_EXISTS and writes nothing', async () => {
      const before = await rowCounts();
      const res = await t.gql(CREATE, { input: { code: 'HO2', name: '第二总行', level: 'HEAD_OFFICE' } }, admin);
      expect(expectError(res, 'CONFLICT').extensions.reason).toBe('ROOT_EXISTS');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a head office with a parent', async () => {
      const res = await t.gql(CREATE, { input: { code: 'HO3', name: '总行', level: 'HEAD_OFFICE', parentId: UNITS.headOffice } }, admin);
      expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.parentId']);
    });

    it('refuses an unknown parent with BAD_USER_INPUT on input.parentId and writes nothing', async () => {
      const before = await rowCounts();
      const res = await t.gql(CREATE, { input: { code: 'NOPE-01', name: '无上级网点', level: 'OUTLET', parentId: '10000000-0000-4000-8000-999999999999' } }, admin);
      const error = expectError(res, 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual(['input.parentId']);
      expect(error.message).toContain('Unknown parent');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a unit other than the head office without a parent', async () => {
      const res = await t.gql(CREATE, { input: { code: 'ORPHAN', name: '孤儿分行', level: 'BRANCH' } }, admin);
      expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.parentId']);
    });

    it.each([
      ['a BRANCH under a SUB_BRANCH', 'BRANCH', UNITS.lanzhouChengguan],
      ['a SUB_BRANCH under a SUB_BRANCH', 'SUB_BRANCH', UNITS.lanzhouChengguan],
      ['an OUTLET under an OUTLET', 'OUTLET', UNITS.lanzhouDonggang],
    ])('refuses %s (a child must be deeper than its parent) and writes nothing', async (_case, level, parentId) => {
      const before = await rowCounts();
      const res = await t.gql(CREATE, { input: { code: `DEEP-${level}`, name: '层级错误', level, parentId } }, admin);
      const error = expectError(res, 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual(['input.level']);
      expect(error.message).toContain('deeper than its parent');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a duplicate code, whatever its case, with CONFLICT and writes nothing', async () => {
      const before = await rowCounts();
      for (const code of ['LZ-CG-01', 'lz-cg-01']) {
        const res = await t.gql(CREATE, { input: { code, name: '重复网点', level: 'OUTLET', parentId: UNITS.lanzhouChengguan } }, admin);
        const error = expectError(res, 'CONFLICT');
        expect(error.extensions.reason).toBe('ALREADY_EXISTS');
        expect(error.message).toContain('LZ-CG-01');
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('stores codes upper-case', async () => {
      const res = await t.gql(CREATE, { input: { code: 'sjz-xh-01', name: '新华路网点', level: 'OUTLET', parentId: '10000000-0000-4000-8000-000000000330' } }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.createOrgUnit.code).toBe('SJZ-XH-01');
    });

    it('refuses a malformed code with BAD_USER_INPUT on input.code', async () => {
      const res = await t.gql(CREATE, { input: { code: 'has space', name: '坏代码', level: 'OUTLET', parentId: UNITS.lanzhouChengguan } }, admin);
      expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.code']);
    });

    it('is FORBIDDEN to a branch manager, even inside its own subtree, and writes nothing', async () => {
      const before = await rowCounts();
      const res = await t.gql(CREATE, { input: { code: 'LZ-CG-09', name: '新网点', level: 'OUTLET', parentId: UNITS.lanzhouChengguan } }, manager);
      expectError(res, 'FORBIDDEN');
      expect(await rowCounts()).toEqual(before);
    });

    it('needs a caller', async () => {
      const res = await t.gql(CREATE, { input: { code: 'ANON', name: '匿名', level: 'OUTLET', parentId: UNITS.lanzhouChengguan } });
      expectError(res, 'UNAUTHENTICATED');
    });
  });

  describe('orgUnit / orgUnits', () => {
    it('reads a unit with its parent and its children in code order', async () => {
      const res = await t.gql(UNIT, { id: UNITS.lanzhouChengguan }, manager);
      expect(res.errors).toBeUndefined();
      expect(res.data.orgUnit).toMatchObject({ code: 'LZ-CG', level: 'SUB_BRANCH', parent: { id: UNITS.lanzhou, code: 'LZ' } });
      expect(res.data.orgUnit.children.map((c: { code: string }) => c.code)).toEqual(['LZ-CG-01', 'LZ-CG-02', 'LZ-CG-03', 'LZ-CG-04']);
    });

    it('answers null for an unknown id to a caller who reads the whole bank', async () => {
      const res = await t.gql(UNIT, { id: '10000000-0000-4000-8000-999999999999' }, admin);
      expect(res.errors).toBeUndefined();
      expect(res.data.orgUnit).toBeNull();
    });

    it('lists the whole subtree of the caller and nothing outside it', async () => {
      const res = await t.gql(UNITS_QUERY, {}, manager);
      const codes = res.data.orgUnits.map((u: { code: string }) => u.code);
      expect(codes).toEqual(lanzhouUnits().map((u) => u.code).sort());
      expect(codes).toHaveLength(18);
    });

    it('filters the subtree by level: the 13 outlets of 兰州分行', async () => {
      const res = await t.gql(UNITS_QUERY, { level: 'OUTLET' }, manager);
      expect(res.data.orgUnits).toHaveLength(13);
      expect(res.data.orgUnits.every((u: { level: string; code: string }) => u.level === 'OUTLET' && u.code.startsWith('LZ-'))).toBe(true);
    });

    it('lists the direct children of parentId, optionally of one level', async () => {
      const children = await t.gql(UNITS_QUERY, { parentId: UNITS.lanzhou }, manager);
      expect(children.data.orgUnits.map((u: { code: string }) => u.code)).toEqual(['LZ-AN', 'LZ-CG', 'LZ-QLH', 'LZ-XG']);
      const outlets = await t.gql(UNITS_QUERY, { parentId: UNITS.lanzhou, level: 'OUTLET' }, manager);
      expect(outlets.data.orgUnits).toEqual([]);
      const branches = await t.gql(UNITS_QUERY, { parentId: UNITS.headOffice, level: 'BRANCH' }, admin);
      expect(branches.data.orgUnits.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining(['LZ', 'QD', 'SJZ', 'HB']));
    });

    it('is FORBIDDEN for a parentId outside the caller’s subtree', async () => {
      expectError(await t.gql(UNITS_QUERY, { parentId: UNITS.qingdao }, manager), 'FORBIDDEN');
    });

    it('shows no children of a unit above the caller’s scope reached through parent', async () => {
      const res = await t.gql(`{ me { orgUnit { code parent { code children { code } } } } }`, {}, manager);
      expect(res.errors).toBeUndefined();
      expect(res.data.me.orgUnit).toEqual({ code: 'LZ', parent: { code: 'HO', children: [] } });
    });
  });
});
