import { DEMO_UNITS, UNITS, USERS } from 'seeds/demo-bank';
import { UserEntity } from 'src/auth/user.entity';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { AccessPolicy } from 'src/org/access-policy';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What every role may and may not do inside and outside its own subtree, for
 * each org-unit and user operation. Each row is one demo user with a unit in
 * its subtree and one outside it (ADMIN and HEAD_OFFICE_ANALYST sit at the head
 * office, so both of theirs are inside: a second branch stands in for
 * "elsewhere"). A denied write must leave the database unchanged.
 */
type Outcome = 'allowed' | 'FORBIDDEN';
type Action = 'read' | 'list the children of' | 'create a user in' | 'create an org unit under';
const ACTIONS: Action[] = ['read', 'list the children of', 'create a user in', 'create an org unit under'];

interface Row {
  user: keyof typeof USERS;
  /** A unit in the caller's subtree, and one elsewhere in the bank. */
  inside: string;
  outside: string;
  /** Per action: the outcome on `inside`, then on `outside`. */
  expect: Record<Action, [inside: Outcome, outside: Outcome]>;
}

const ok = 'allowed' as const;
const no = 'FORBIDDEN' as const;

const MATRIX: Row[] = [
  {
    user: 'admin',
    inside: UNITS.lanzhouChengguan,
    outside: UNITS.qingdaoShinan,
    expect: { 'read': [ok, ok], 'list the children of': [ok, ok], 'create a user in': [ok, ok], 'create an org unit under': [ok, ok] },
  },
  {
    user: 'analyst',
    inside: UNITS.lanzhouChengguan,
    outside: UNITS.qingdaoShinan,
    expect: { 'read': [ok, ok], 'list the children of': [ok, ok], 'create a user in': [no, no], 'create an org unit under': [no, no] },
  },
  {
    user: 'lanzhouManager',
    inside: UNITS.lanzhou,
    outside: UNITS.qingdao,
    expect: { 'read': [ok, no], 'list the children of': [ok, no], 'create a user in': [ok, no], 'create an org unit under': [no, no] },
  },
  {
    user: 'qingdaoManager',
    inside: UNITS.qingdaoShinan,
    outside: UNITS.lanzhouChengguan,
    expect: { 'read': [ok, no], 'list the children of': [ok, no], 'create a user in': [ok, no], 'create an org unit under': [no, no] },
  },
  {
    user: 'lanzhouStaff',
    inside: UNITS.lanzhouChengguan,
    outside: UNITS.lanzhouQilihe,
    expect: { 'read': [ok, no], 'list the children of': [ok, no], 'create a user in': [no, no], 'create an org unit under': [no, no] },
  },
  {
    user: 'lanzhouVolunteer',
    inside: UNITS.lanzhouDonggang,
    outside: UNITS.lanzhouYantan,
    expect: { 'read': [ok, no], 'list the children of': [ok, no], 'create a user in': [no, no], 'create an org unit under': [no, no] },
  },
];

const CASES = MATRIX.flatMap((row) =>
  ACTIONS.flatMap((action) =>
    (['inside', 'outside'] as const).map((where, i) => ({
      row,
      action,
      where,
      unitId: row[where],
      expected: row.expect[action][i],
      title: `${USERS[row.user].role} at ${unitName(USERS[row.user].orgUnitId)} ${row.expect[action][i] === ok ? 'may' : 'may not'} ${action} ${unitName(row[where])} (${isWithin(USERS[row.user].orgUnitId, row[where]) ? 'in' : 'outside'} its subtree)`,
    })),
  ),
);

function unitName(id: string): string {
  return DEMO_UNITS.find((u) => u.id === id)?.name ?? id;
}

function isWithin(ancestorId: string, unitId: string): boolean {
  for (let id: string | undefined = unitId; id; id = DEMO_UNITS.find((u) => u.id === id)?.parent) if (id === ancestorId) return true;
  return false;
}

describe(AccessPolicy.name, () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp();
    for (const key of new Set(MATRIX.map((r) => r.user))) tokens.set(key, await t.login(USERS[key].email));
  });
  afterAll(() => t?.close());

  const counts = async () => ({ users: await t.dataSource.getRepository(UserEntity).count(), units: await t.dataSource.getRepository(OrgUnitEntity).count() });

  /** Runs one action and answers what happened: allowed, or the error code. */
  async function perform(action: Action, token: string, unitId: string): Promise<string> {
    serial += 1;
    let res;
    switch (action) {
      case 'read':
        res = await t.gql(`query ($id: ID!) { orgUnit(id: $id) { id } }`, { id: unitId }, token);
        if (!res.errors) expect(res.data.orgUnit.id).toBe(unitId);
        break;
      case 'list the children of':
        res = await t.gql(`query ($id: ID!) { orgUnits(parentId: $id) { id } }`, { id: unitId }, token);
        break;
      case 'create a user in':
        res = await t.gql(
          `mutation ($input: CreateUserInput!) { createUser(input: $input) { id orgUnit { id } } }`,
          { input: { email: `matrix${serial}@bank.cn`, name: `矩阵 ${serial}`, password: 'matrix-password-1', role: 'VOLUNTEER', orgUnitId: unitId } },
          token,
        );
        if (!res.errors) expect(res.data.createUser.orgUnit.id).toBe(unitId);
        break;
      case 'create an org unit under': {
        // An outlet fits under a sub-branch; under the volunteer's outlet the role check refuses first.
        res = await t.gql(
          `mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id parent { id } } }`,
          { input: { code: `MX-${serial}`, name: `矩阵网点 ${serial}`, level: 'OUTLET', parentId: unitId } },
          token,
        );
        if (!res.errors) expect(res.data.createOrgUnit.parent.id).toBe(unitId);
        break;
      }
    }
    return res.errors ? res.errors.map((e) => e.extensions.code).join(',') : ok;
  }

  it.each(CASES)('$title', async ({ row, action, unitId, expected }) => {
    const before = await counts();
    const outcome = await perform(action, tokens.get(row.user)!, unitId);
    expect(outcome).toBe(expected);
    if (expected === no) expect(await counts()).toEqual(before);
  });

  describe('what each role sees when it lists org units', () => {
    const subtreeOf = (rootId: string) => {
      const ids = new Set([rootId]);
      for (const unit of DEMO_UNITS) if (unit.parent && ids.has(unit.parent)) ids.add(unit.id);
      return ids;
    };
    const demoIds = new Set(DEMO_UNITS.map((u) => u.id));

    it.each([
      ['admin', null],
      ['analyst', null],
      ['lanzhouManager', UNITS.lanzhou],
      ['qingdaoManager', UNITS.qingdao],
      ['lanzhouStaff', UNITS.lanzhouChengguan],
    ] as const)('%s lists exactly its subtree (the whole bank for a null root)', async (user, root) => {
      const res = await t.gql(`{ orgUnits { id } }`, {}, tokens.get(user));
      // Units created by the matrix above are not demo units; compare the demo ones.
      const seen = new Set<string>(res.data.orgUnits.map((u: { id: string }) => u.id).filter((id: string) => demoIds.has(id)));
      expect(seen).toEqual(root ? subtreeOf(root) : demoIds);
    });

    it('a volunteer lists its own unit only and sees no children', async () => {
      const res = await t.gql(`{ orgUnits { id children { id } } }`, {}, tokens.get('lanzhouVolunteer'));
      expect(res.data.orgUnits).toEqual([{ id: UNITS.lanzhouDonggang, children: [] }]);
    });

    it('a manager’s view of a child unit shows only that unit’s own children', async () => {
      const res = await t.gql(`query ($id: ID!) { orgUnit(id: $id) { children { id } } }`, { id: UNITS.lanzhou }, tokens.get('lanzhouManager'));
      const childIds = res.data.orgUnit.children.map((c: { id: string }) => c.id).sort();
      expect(childIds).toEqual(DEMO_UNITS.filter((u) => u.parent === UNITS.lanzhou).map((u) => u.id).sort());
    });
  });
});
