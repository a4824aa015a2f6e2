import { USERS } from 'seeds/demo-bank';
import { complexityRule, DEFAULT_COMPLEXITY_LIMITS } from 'src/common/graphql/complexity.rule';
import { formatGraphQLError } from 'src/common/graphql/format-error';
import { expectError, expectNoInternals } from '../support/expect-error';
import { startTestApp, TestApp } from '../support/test-app';

const { maxDepth, maxAliases } = DEFAULT_COMPLEXITY_LIMITS;

/** `{ me { orgUnit { parent { parent … { id } } } } }` nested `depth` levels deep (singular fields, so cost stays low). */
function nestedQuery(depth: number): string {
  const parents = depth - 3; // me, orgUnit and the innermost selection are three levels
  return `{ me { orgUnit { ${'parent { '.repeat(parents)}id${' }'.repeat(parents)} } } }`;
}

/** `{ a0: me { id } a1: me { id } … }` */
function aliasedQuery(aliases: number): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
}

const INTROSPECTION = `{ __schema { queryType { name } types { name } } }`;

describe(complexityRule.name, () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.login(USERS.admin.email);
  });
  afterAll(() => t?.close());

  it(`answers a query ${maxDepth} levels deep`, async () => {
    const res = await t.gql(nestedQuery(maxDepth), {}, token);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.orgUnit).toBeDefined();
  });

  it(`refuses a query ${maxDepth + 1} levels deep with QUERY_TOO_COMPLEX and HTTP 400`, async () => {
    const res = await t.gql(nestedQuery(maxDepth + 1), {}, token);
    expect(res.status).toBe(400);
    expect(expectError(res, 'QUERY_TOO_COMPLEX').message).toContain(`limit is ${maxDepth}`);
    expect(res.data).toBeUndefined();
  });

  it('counts depth through fragments too', async () => {
    const inner = 'parent { '.repeat(maxDepth) + 'id' + ' }'.repeat(maxDepth);
    const res = await t.gql(`{ me { ...U } } fragment U on User { orgUnit { ...P } } fragment P on OrgUnit { ${inner} }`, {}, token);
    expect(res.status).toBe(400);
    expectError(res, 'QUERY_TOO_COMPLEX');
  });

  it(`answers ${maxAliases} aliases and refuses ${maxAliases + 1} with QUERY_TOO_COMPLEX and HTTP 400`, async () => {
    const fine = await t.gql(aliasedQuery(maxAliases), {}, token);
    expect(fine.errors).toBeUndefined();
    expect(Object.keys(fine.data)).toHaveLength(maxAliases);

    const res = await t.gql(aliasedQuery(maxAliases + 1), {}, token);
    expect(res.status).toBe(400);
    expect(expectError(res, 'QUERY_TOO_COMPLEX').message).toContain('aliases');
  });

  it('answers a list nested three deep and refuses one nested four deep as too costly, with HTTP 400', async () => {
    const fine = await t.gql(`{ orgUnits { children { children { children { id } } } } }`, {}, token);
    expect(fine.errors).toBeUndefined();

    const res = await t.gql(`{ orgUnits { children { children { children { children { id } } } } } }`, {}, token);
    expect(res.status).toBe(400);
    expect(expectError(res, 'QUERY_TOO_COMPLEX').message).toMatch(/cost \d+ exceeds/);
  });

  it('refuses before anything runs: a too-complex mutation writes nothing', async () => {
    const tooDeep = `mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { ${'parent { '.repeat(maxDepth)}id${' }'.repeat(maxDepth)} } }`;
    const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM org_unit');
    const res = await t.gql(tooDeep, { input: { code: 'DEEP-01', name: '深', level: 'OUTLET', parentId: USERS.lanzhouStaff.orgUnitId } }, token);
    expect(res.status).toBe(400);
    expectError(res, 'QUERY_TOO_COMPLEX');
    expect(await t.dataSource.query('SELECT COUNT(*) AS n FROM org_unit')).toEqual(before);
  });

  it('offers introspection, GraphiQL and suggestions outside production', async () => {
    const introspection = await t.gql(INTROSPECTION);
    expect(introspection.data.__schema.queryType.name).toBe('Query');
    const page = await t.http().get('/graphql').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('GraphiQL');
    const typo = await t.gql(`{ mee { id } }`, {}, token);
    expect(expectError(typo, 'BAD_USER_INPUT').message).toContain('Did you mean "me"?');
  });
});

describe(formatGraphQLError.name, () => {
  let t: TestApp;
  let prod: TestApp;

  beforeAll(async () => {
    [t, prod] = await Promise.all([startTestApp(), startTestApp({ env: { NODE_ENV: 'production' } })]);
  });
  afterAll(async () => {
    await t?.close();
    await prod?.close();
  });

  describe('with NODE_ENV=production', () => {
    it('refuses introspection', async () => {
      const res = await prod.gql(INTROSPECTION);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(expectError(res, 'BAD_USER_INPUT').message).toMatch(/introspection/i);
      const type = await prod.gql(`{ __type(name: "User") { fields { name } } }`);
      expect(type.data).toBeUndefined();
    });

    it('serves no GraphiQL landing page', async () => {
      const page = await prod.http().get('/graphql').set('Accept', 'text/html');
      expect(page.text).not.toContain('GraphiQL');
      expect(page.text).not.toMatch(/<html/i);
    });

    it('gives no "Did you mean" suggestions for fields, arguments or enum values', async () => {
      const token = await prod.login(USERS.admin.email);
      const field = await prod.gql(`{ mee { id } }`, {}, token);
      const argument = await prod.gql(`{ orgUnits(parentID: "x") { id } }`, {}, token);
      const enumValue = await prod.gql(`query ($level: OrgUnitLevel) { orgUnits(level: $level) { id } }`, { level: 'OUTLT' }, token);
      for (const res of [field, argument, enumValue]) {
        const error = expectError(res, 'BAD_USER_INPUT');
        expect(error.message).not.toMatch(/did you mean/i);
      }
      // The same typo outside production does get a suggestion, so the check above can fail.
      const dev = await t.gql(`query ($level: OrgUnitLevel) { orgUnits(level: $level) { id } }`, { level: 'OUTLT' }, await t.login(USERS.admin.email));
      expect(dev.errors?.[0].message).toMatch(/did you mean/i);
    });
  });

  describe('requests that cannot be read get a JSON answer in the contract shape, with nothing internal', () => {
    const post = (app: () => TestApp, contentType: string, body: string | Buffer) => app().http().post('/graphql').set('Content-Type', contentType).send(body);

    it.each([
      ['broken JSON', 'application/json', '{"query": "{ me { id } }"', 400],
      ['a 2 MB body', 'application/json', JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }), 413],
      ['text/plain', 'text/plain', '{ me { id } }', 400],
      // A type no parser reads: 415 Unsupported Media Type.
      ['application/xml', 'application/xml', '<query>{ me { id } }</query>', 415],
      ['a JSON body without a query', 'application/json', '{"variables": {}}', 400],
      ['a query that is not a string', 'application/json', '{"query": 42}', 400],
    ])('%s', async (_case, contentType, body, status) => {
      for (const app of [() => t, () => prod]) {
        const res = await post(app, contentType, body);
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0]).toEqual({ message: expect.any(String), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });
        expectNoInternals(res.text);
      }
    });

    it('a syntax error', async () => {
      const res = await prod.gql(`{ me { id }`);
      expect(res.status).toBe(400);
      expectError(res, 'BAD_USER_INPUT');
      expectNoInternals(res.body);
    });
  });
});
