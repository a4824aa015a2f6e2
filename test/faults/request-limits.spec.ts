import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { MAX_BODY_BYTES } from 'src/bootstrap';
import { DOCUMENT_LIMITS } from 'src/common/graphql/document-limits';
import { MAX_QUERY_TOKENS } from 'src/common/graphql/graphql-options';
import { rateLimitPlugin } from 'src/common/graphql/rate-limit.plugin';
import { expectError, expectNoInternals } from '../support/expect-error';
import { createEvent } from '../support/events';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

/**
 * The request limits, each answered with the contract's code: the body size
 * (413), per-client rates on syncCheckIns and on sign-in (RATE_LIMITED, 429,
 * Retry-After), and the query limits that stop costly documents before they run.
 */
describe(`request limits (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  /** Fresh sessions (volunteers), each with an untouched syncCheckIns allowance. */
  let sessions: string[];
  /** Outreach staff at 城关支行, who may check people in at its events without being assigned. */
  let checkers: string[];
  let eventId: string;
  let seq = 0;

  /** A new user, logged in from an address of its own so sign-ins do not use up the limit tested below. */
  const newUser = async (role: string, orgUnitId: string) => {
    const email = `limits.${++seq}.${Date.now()}@test.invalid`;
    const created = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: `用户 ${seq}`, password: DEMO_PASSWORD, role, orgUnitId } },
      admin,
    );
    if (!created.data?.createUser) throw new Error(JSON.stringify(created.errors));
    return (await t.gql(LOGIN, { email, password: DEMO_PASSWORD }, undefined, from(`10.9.1.${seq}`))).data.login.token as string;
  };

  beforeAll(async () => {
    // Tiny limits so the tests reach them quickly; the defaults are in README.md.
    t = await startTestApp({ env: { SYNC_RATE_LIMIT: '1', LOGIN_RATE_LIMIT: '3', TRUST_PROXY: 'true' } });
    const login = async (email: string, ip: string) => (await t.gql(LOGIN, { email, password: DEMO_PASSWORD }, undefined, from(ip))).data.login.token as string;
    admin = await login(USERS.admin.email, '10.9.0.1');
    staff = await login(USERS.lanzhouStaff.email, '10.9.0.2');
    sessions = [];
    for (let i = 0; i < 13; i++) sessions.push(await newUser('VOLUNTEER', UNITS.lanzhouDonggang));
    checkers = [await newUser('OUTREACH_STAFF', UNITS.lanzhouChengguan), await newUser('OUTREACH_STAFF', UNITS.lanzhouChengguan)];
    eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
  });
  afterAll(() => t?.close());

  describe('body size', () => {
    it(`answers a body over ${MAX_BODY_BYTES} with 413 and a clean BAD_USER_INPUT`, async () => {
      const body = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(1024 * 1024) } });
      const res = await t.http().post('/graphql').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ errors: [{ message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
      expectNoInternals(res.text);
    });
  });

  describe(`${rateLimitPlugin.name}: syncCheckIns`, () => {
    it('allows a session its calls, then answers RATE_LIMITED with HTTP 429, Retry-After and retryAfter', async () => {
      const first = await t.gql(SYNC, { items: [] }, sessions[0], from('10.1.0.1'));
      expect(first.errors).toBeUndefined();
      const second = await t.gql(SYNC, { items: [] }, sessions[0], from('10.1.0.1'));
      expect(second.status).toBe(429);
      const error = expectError(second, 'RATE_LIMITED');
      // SYNC_RATE_LIMIT=1: one call a minute, so the next one is a minute away.
      expect(error.extensions.retryAfter).toBe(60);
      expect(second.data).toBeUndefined();
      const raw = await t.http().post('/graphql').set('Content-Type', 'application/json').set('Authorization', `Bearer ${sessions[0]}`).set(from('10.1.0.1')).send({ query: SYNC, variables: { items: [] } });
      expect(raw.headers['retry-after']).toBe('60');
    });

    it('counts per session: another session from the same address is still served', async () => {
      const other = await t.gql(SYNC, { items: [] }, sessions[1], from('10.1.0.1'));
      expect(other.errors).toBeUndefined();
    });

    it('counts per address too (ten times the session limit), so many sessions from one address are held back', async () => {
      const answers = [];
      for (const token of sessions.slice(2, 12)) answers.push(await t.gql(SYNC, { items: [] }, token, from('10.2.0.1')));
      // Ten fresh sessions of one call each: all served, and the address has used its ten.
      expect(answers.map((a) => a.errors?.[0]?.extensions.code ?? 'OK')).toEqual(Array(10).fill('OK'));
      const limited = await t.gql(SYNC, { items: [] }, sessions[12], from('10.2.0.1'));
      expect(expectError(limited, 'RATE_LIMITED').message).toMatch(/address/);
    });

    it('counts every aliased call, and refuses the whole operation before any of it runs', async () => {
      const item = { clientId: randomUUID(), eventId, targetGroup: 'ELDERLY' };
      const twice = `mutation ($items: [CheckInInput!]!) { a: syncCheckIns(items: $items) { outcome } b: syncCheckIns(items: $items) { outcome } }`;
      const res = await t.gql(twice, { items: [item] }, checkers[0], from('10.3.0.1'));
      expectError(res, 'RATE_LIMITED');
      const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE client_id = ?', [item.clientId]);
      expect(Number(rows[0].n)).toBe(0);
    });

    it('never limits the single checkIn mutation (its path gets no extra work)', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await t.gql(
          `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`,
          { input: { clientId: randomUUID(), eventId, targetGroup: 'YOUTH' } },
          checkers[1],
          from('10.4.0.1'),
        );
        expect(res.data.checkIn.outcome).toBe('ACCEPTED');
      }
    });
  });

  describe(`${rateLimitPlugin.name}: sign-in`, () => {
    it('allows LOGIN_RATE_LIMIT sign-ins a minute per address, then RATE_LIMITED even with the right password', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await t.gql(LOGIN, { email: USERS.lanzhouStaff.email, password: DEMO_PASSWORD }, undefined, from('10.5.0.1'));
        expect(res.data.login.token).toEqual(expect.any(String));
      }
      const limited = await t.gql(LOGIN, { email: USERS.lanzhouStaff.email, password: DEMO_PASSWORD }, undefined, from('10.5.0.1'));
      expect(limited.status).toBe(429);
      // Three a minute: one more every 20 s, less the time the three sign-ins took.
      const retryAfter = expectError(limited, 'RATE_LIMITED').extensions.retryAfter as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(20);
      // Another address is not held back.
      expect((await t.gql(LOGIN, { email: USERS.lanzhouStaff.email, password: DEMO_PASSWORD }, undefined, from('10.5.0.2'))).data.login.token).toEqual(expect.any(String));
    });

    it('counts joinEvent with login', async () => {
      for (let i = 0; i < 3; i++) await t.gql(LOGIN, { email: 'nobody@example.com', password: 'wrong-password' }, undefined, from('10.6.0.1'));
      const res = await t.gql(`mutation { joinEvent(token: "x", name: "张三") { token } }`, {}, undefined, from('10.6.0.1'));
      expectError(res, 'RATE_LIMITED');
    });
  });

  describe('query limits', () => {
    it(`refuses a document over ${MAX_QUERY_TOKENS} tokens with QUERY_TOO_COMPLEX`, async () => {
      const res = await t.gql(`{ me { ${'id '.repeat(MAX_QUERY_TOKENS)} } }`, {}, admin);
      expect(res.status).toBe(400);
      expectError(res, 'QUERY_TOO_COMPLEX');
    });

    it(`refuses a field repeated more than ${DOCUMENT_LIMITS.maxRepeats} times in one selection, before graphql validates it`, async () => {
      const fine = await t.gql(`{ ${'me { id } '.repeat(DOCUMENT_LIMITS.maxRepeats)} }`, {}, admin);
      expect(fine.errors).toBeUndefined();
      const res = await t.gql(`{ ${'me { id } '.repeat(DOCUMENT_LIMITS.maxRepeats + 1)} }`, {}, admin);
      expect(res.status).toBe(400);
      expect(expectError(res, 'QUERY_TOO_COMPLEX').message).toContain(`"me" ${DOCUMENT_LIMITS.maxRepeats + 1} times`);
      const inline = await t.gql(`{ me { ${'... on User { id } '.repeat(DOCUMENT_LIMITS.maxRepeats + 1)} } }`, {}, admin);
      expectError(inline, 'QUERY_TOO_COMPLEX');
    });

    it(`refuses more than ${DOCUMENT_LIMITS.maxFragments} fragments`, async () => {
      const n = DOCUMENT_LIMITS.maxFragments + 1;
      const query = `{ ${Array.from({ length: n }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { me { id } }`).join(' ')}`;
      expectError(await t.gql(query, {}, admin), 'QUERY_TOO_COMPLEX');
    });

    it('measures fragments once: a chain that doubles 25 times is refused at once as too costly', async () => {
      const chain = Array.from({ length: 25 }, (_, i) => `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`).join(' ');
      const started = Date.now();
      const res = await t.gql(`{ me { ...F0 } } ${chain} fragment F25 on User { orgUnit { children { id } } }`, {}, admin);
      expect(expectError(res, 'QUERY_TOO_COMPLEX').message).toMatch(/cost/);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('answers a subscription operation (the API has none) with BAD_USER_INPUT, not a server error', async () => {
      const res = await t.gql(`subscription { me { id } }`, {}, admin);
      expect(expectError(res, 'BAD_USER_INPUT').message).toContain('no subscription operations');
    });

    it('answers text that is not valid Unicode (a lone surrogate) with BAD_USER_INPUT naming the field', async () => {
      const res = await t.gql(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email: 'a\ud800@example.com', name: 'x', password: 'correct-horse-1', role: 'VOLUNTEER', orgUnitId: USERS.lanzhouVolunteer.orgUnitId } },
        admin,
      );
      expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.email']);
    });
  });
});
