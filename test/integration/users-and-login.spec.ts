import { createHmac } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { AuthService } from 'src/auth/auth.service';
import { LOGIN_LIMITS, LoginThrottle } from 'src/auth/login-throttle';
import { TokenService } from 'src/auth/token.service';
import { LoginFailureEntity, UserEntity } from 'src/auth/user.entity';
import { UserService } from 'src/auth/user.service';
import { Role } from 'src/common/request-context';
import { expectError } from '../support/expect-error';
import { startTestApp, TEST_APP_SECRET, TestApp } from '../support/test-app';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { id email name role locale orgUnit { id code } }
}`;
const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email role } }
}`;
const ME = `{ me { id email role orgUnit { id } } }`;

/** Requests from a client address of their own (the app trusts X-Forwarded-For here), so throttle tests don't share counts. */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

let t: TestApp;
let admin: string;
let manager: string;

beforeAll(async () => {
  t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  admin = await t.login(USERS.admin.email);
  manager = await t.login(USERS.lanzhouManager.email);
});
afterAll(() => t?.close());

const userCount = () => t.dataSource.getRepository(UserEntity).count();
const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: 'new.person@bank.cn',
  name: '新员工',
  password: 'correct-horse-1',
  role: 'OUTREACH_STAFF',
  orgUnitId: UNITS.lanzhouChengguan,
  ...overrides,
});

describe(UserService.name, () => {
  it('creates a user who can then log in and read themselves', async () => {
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'Li.Lei@Bank.CN' }) }, manager);
    expect(res.errors).toBeUndefined();
    expect(res.data.createUser).toMatchObject({
      email: 'li.lei@bank.cn',
      name: '新员工',
      role: 'OUTREACH_STAFF',
      locale: 'zh-CN',
      orgUnit: { id: UNITS.lanzhouChengguan, code: 'LZ-CG' },
    });
    const token = await t.login('LI.LEI@bank.cn', 'correct-horse-1');
    const me = await t.gql(ME, {}, token);
    expect(me.data.me).toEqual({ id: res.data.createUser.id, email: 'li.lei@bank.cn', role: 'OUTREACH_STAFF', orgUnit: { id: UNITS.lanzhouChengguan } });
  });

  it('stores a slow hash, never the password', async () => {
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'hash.check@bank.cn' }) }, admin);
    const row = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: res.data.createUser.id });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct-horse-1');
  });

  it.each([
    ['a password under 10 characters', { password: '123456789' }, 'input.password'],
    ['a malformed email', { email: 'not-an-email' }, 'input.email'],
    ['an unknown locale', { locale: 'fr' }, 'input.locale'],
    ['an empty name', { name: '' }, 'input.name'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await userCount();
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'bad.input@bank.cn', ...overrides }) }, admin);
    expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual([field]);
    expect(await userCount()).toBe(before);
  });

  it('refuses an unknown role sent in variables with BAD_USER_INPUT on input.role', async () => {
    const before = await userCount();
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'boss@bank.cn', role: 'SUPERUSER' }) }, admin);
    expect(res.status).toBe(400);
    expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.role']);
    expect(await userCount()).toBe(before);
  });

  it('refuses an email already taken, ignoring case, with CONFLICT and writes nothing', async () => {
    const before = await userCount();
    const res = await t.gql(CREATE_USER, { input: newUser({ email: USERS.lanzhouStaff.email.toUpperCase() }) }, admin);
    const error = expectError(res, 'CONFLICT');
    expect(error.extensions.reason).toBe('ALREADY_EXISTS');
    expect(error.message).toContain(USERS.lanzhouStaff.email);
    expect(await userCount()).toBe(before);
  });

  it('refuses an unknown org unit with BAD_USER_INPUT on input.orgUnitId', async () => {
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'nowhere@bank.cn', orgUnitId: '10000000-0000-4000-8000-999999999999' }) }, admin);
    expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.orgUnitId']);
  });

  it('answers FORBIDDEN, not "unknown", to a manager naming a unit it cannot see', async () => {
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'nowhere2@bank.cn', orgUnitId: '10000000-0000-4000-8000-999999999999' }) }, manager);
    expectError(res, 'FORBIDDEN');
  });

  it.each([Role.ADMIN, Role.HEAD_OFFICE_ANALYST])('lets only an ADMIN hand out %s: a branch manager gets FORBIDDEN and nothing is written', async (role) => {
    const before = await userCount();
    const res = await t.gql(CREATE_USER, { input: newUser({ email: `grab.${role.toLowerCase()}@bank.cn`, role, orgUnitId: UNITS.lanzhou }) }, manager);
    expectError(res, 'FORBIDDEN');
    expect(await userCount()).toBe(before);
  });

  it('keeps ADMIN and HEAD_OFFICE_ANALYST at the head office', async () => {
    const res = await t.gql(CREATE_USER, { input: newUser({ email: 'analyst.lz@bank.cn', role: 'HEAD_OFFICE_ANALYST', orgUnitId: UNITS.lanzhou }) }, admin);
    expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.orgUnitId']);
    const ok = await t.gql(CREATE_USER, { input: newUser({ email: 'analyst2@bank.cn', role: 'HEAD_OFFICE_ANALYST', orgUnitId: UNITS.headOffice }) }, admin);
    expect(ok.data.createUser.role).toBe('HEAD_OFFICE_ANALYST');
  });

  it('needs a caller', async () => {
    expectError(await t.gql(CREATE_USER, { input: newUser({ email: 'anon@bank.cn' }) }), 'UNAUTHENTICATED');
  });
});

describe(AuthService.name, () => {
  it('logs in with email and password and returns a token that expires within TOKEN_TTL_HOURS', async () => {
    const before = Date.now();
    const res = await t.gql(LOGIN, { email: USERS.qingdaoStaff.email, password: DEMO_PASSWORD }, undefined, from('10.0.0.1'));
    expect(res.errors).toBeUndefined();
    expect(res.data.login.user).toEqual({ id: USERS.qingdaoStaff.id, email: USERS.qingdaoStaff.email, role: 'OUTREACH_STAFF' });
    const expiresAt = Date.parse(res.data.login.expiresAt);
    expect(res.data.login.expiresAt).toMatch(/Z$/);
    expect(expiresAt).toBeGreaterThan(before);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + t.config.tokenTtlHours * 3600_000);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await t.gql(LOGIN, { email: USERS.analyst.email, password: 'not-the-password' }, undefined, from('10.0.0.2'));
    const unknown = await t.gql(LOGIN, { email: 'nobody@bank.cn', password: 'not-the-password' }, undefined, from('10.0.0.2'));
    expect(expectError(wrong, 'UNAUTHENTICATED').message).toBe('Wrong email or password.');
    expect(expectError(unknown, 'UNAUTHENTICATED').message).toBe('Wrong email or password.');
    expect(wrong.data).toBeNull();
  });

  it('answers me for the caller of the token', async () => {
    const res = await t.gql(ME, {}, manager);
    expect(res.data.me).toEqual({ id: USERS.lanzhouManager.id, email: USERS.lanzhouManager.email, role: 'BRANCH_MANAGER', orgUnit: { id: UNITS.lanzhou } });
  });

  it('answers UNAUTHENTICATED to me without a token', async () => {
    expectError(await t.gql(ME), 'UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED to a malformed token', async () => {
    expectError(await t.gql(ME, {}, 'not.a.token'), 'UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED to an expired token, saying so', async () => {
    const { token } = t.app.get(TokenService).issue(
      { userId: USERS.admin.id, role: Role.ADMIN, orgUnitId: UNITS.headOffice },
      new Date(Date.now() - 60_000),
    );
    const error = expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');
    expect(error.message).toContain('expired');
  });

  it('answers UNAUTHENTICATED to a token signed with another key', async () => {
    const claims = { sub: USERS.lanzhouVolunteer.id, role: 'ADMIN', org: UNITS.headOffice, exp: Math.floor(Date.now() / 1000) + 3600 };
    const wrongKey = createHmac('sha256', 'another-secret-0123456789abcdef0123').update('finreach:session-token').digest();
    const forged = jwt.sign(claims, wrongKey, { algorithm: 'HS256', issuer: 'finreach' });
    expectError(await t.gql(ME, {}, forged), 'UNAUTHENTICATED');
    // The raw APP_SECRET is not the signing key either: tokens use a key derived for that purpose.
    const rawKey = jwt.sign(claims, TEST_APP_SECRET, { algorithm: 'HS256', issuer: 'finreach' });
    expectError(await t.gql(ME, {}, rawKey), 'UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED to an unsigned (alg "none") token', async () => {
    const unsigned = jwt.sign({ sub: USERS.admin.id, role: 'ADMIN', org: UNITS.headOffice, iss: 'finreach' }, '', { algorithm: 'none' });
    expectError(await t.gql(ME, {}, unsigned), 'UNAUTHENTICATED');
  });

  it('lets a client with a stale token log in again', async () => {
    const res = await t.gql(LOGIN, { email: USERS.lanzhouStaff.email, password: DEMO_PASSWORD }, 'stale.token.value', from('10.0.0.3'));
    expect(res.errors).toBeUndefined();
    expect(res.data.login.user.email).toBe(USERS.lanzhouStaff.email);
  });
});

describe(LoginThrottle.name, () => {
  const attempt = (email: string, password: string, ip: string, app: TestApp = t) => app.gql(LOGIN, { email, password }, undefined, from(ip));

  it(`allows ${LOGIN_LIMITS.perAccount} failures per account a minute, then RATE_LIMITED even with the right password`, async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      expectError(await attempt(USERS.qingdaoStaff.email, `wrong-${i}`, '10.0.1.1'), 'UNAUTHENTICATED');
    }
    const limited = expectError(await attempt(USERS.qingdaoStaff.email, DEMO_PASSWORD, '10.0.1.1'), 'RATE_LIMITED');
    expect(limited.extensions.retryAfter).toBe(60);
    // The account is held from any address; other accounts at the same address are not.
    expectError(await attempt(USERS.qingdaoStaff.email, DEMO_PASSWORD, '10.0.1.99'), 'RATE_LIMITED');
    expect((await attempt(USERS.lanzhouStaff.email, DEMO_PASSWORD, '10.0.1.1')).data.login.user.email).toBe(USERS.lanzhouStaff.email);
  });

  it('counts the account case-insensitively', async () => {
    const email = USERS.lanzhouStaff.email;
    const spellings = [email, email.toUpperCase(), ` ${email}`, email.replace('staff', 'Staff'), email.toUpperCase()];
    for (const spelling of spellings) expectError(await attempt(spelling, 'wrong', '10.0.2.1'), 'UNAUTHENTICATED');
    expectError(await attempt(email, DEMO_PASSWORD, '10.0.2.1'), 'RATE_LIMITED');
  });

  it(`allows ${LOGIN_LIMITS.perAddress} failures per client address a minute across accounts, then RATE_LIMITED`, async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      expectError(await attempt(`guess${i}@bank.cn`, 'wrong-password', '10.0.3.1'), 'UNAUTHENTICATED');
    }
    // A real account with its right password, from that address: refused.
    expectError(await attempt(USERS.qingdaoManager.email, DEMO_PASSWORD, '10.0.3.1'), 'RATE_LIMITED');
    // The same account from another address: fine, the account itself has no failures.
    expect((await attempt(USERS.qingdaoManager.email, DEMO_PASSWORD, '10.0.3.2')).data.login.user.email).toBe(USERS.qingdaoManager.email);
  });

  it('gives aliases no extra guesses: six aliased login fields are one counted failure, and the rest never run', async () => {
    const email = USERS.lanzhouVolunteer.email;
    const failures = () => t.dataSource.getRepository(LoginFailureEntity).count({ where: { accountKey: email } });
    const fields = Array.from({ length: LOGIN_LIMITS.perAccount + 1 }, (_, i) => `a${i}: login(email: $email, password: $p${i}) { token }`);
    const aliased = `mutation ($email: String!, ${fields.map((_, i) => `$p${i}: String!`).join(', ')}) { ${fields.join(' ')} }`;
    const guesses = Object.fromEntries(fields.map((_, i) => [`p${i}`, `guess-${i}`]));
    for (let round = 1; round <= LOGIN_LIMITS.perAccount; round++) {
      const res = await t.gql(aliased, { email, ...guesses }, undefined, from(`10.0.4.${round}`));
      // Mutation fields run one after another, and a failed non-null login ends the operation.
      expect(res.errors?.map((e: any) => [e.path[0], e.extensions.code])).toEqual([['a0', 'UNAUTHENTICATED']]);
      expect(await failures()).toBe(round);
    }
    const limited = await t.gql(aliased, { email, ...guesses, p0: DEMO_PASSWORD }, undefined, from('10.0.4.99'));
    expect(limited.errors?.map((e: any) => [e.path[0], e.extensions.code])).toEqual([['a0', 'RATE_LIMITED']]);
  });

  it('refuses batched operations, so a batch cannot carry many logins', async () => {
    const batch = [0, 1, 2].map((i) => ({ query: LOGIN, variables: { email: USERS.analyst.email, password: `guess-${i}` } }));
    const res = await t.http().post('/graphql').set('Content-Type', 'application/json').set(from('10.0.7.1')).send(batch);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await t.dataSource.getRepository(LoginFailureEntity).count({ where: { clientIp: '10.0.7.1' } })).toBe(0);
  });

  it('lets no more than the limit through when guesses arrive all at once', async () => {
    const email = USERS.qingdaoManager.email;
    const burst = await Promise.all(Array.from({ length: 2 * LOGIN_LIMITS.perAccount }, (_, i) => attempt(email, `burst-${i}`, `10.0.8.${i + 1}`)));
    const codes = burst.map((res) => res.errors?.[0]?.extensions.code);
    // How many got a password check depends on how the requests interleave; never more than the limit.
    const checked = codes.filter((c) => c === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(codes.length - checked);
    expect(await t.dataSource.getRepository(LoginFailureEntity).count({ where: { accountKey: email } })).toBe(checked);
    // Refused attempts were not counted as failures: the account has exactly its remaining guesses left.
    for (let i = checked; i < LOGIN_LIMITS.perAccount; i++) expectError(await attempt(email, `after-${i}`, '10.0.8.100'), 'UNAUTHENTICATED');
    expectError(await attempt(email, DEMO_PASSWORD, '10.0.8.101'), 'RATE_LIMITED');
  });

  it('is shared by every instance on the same database', async () => {
    const peer = await t.startPeer();
    try {
      const email = USERS.admin.email;
      for (let i = 0; i < 3; i++) expectError(await attempt(email, 'wrong', '10.0.5.1', t), 'UNAUTHENTICATED');
      for (let i = 0; i < 2; i++) expectError(await attempt(email, 'wrong', '10.0.5.2', peer), 'UNAUTHENTICATED');
      // Neither instance saw five failures itself; together they did.
      expectError(await attempt(email, DEMO_PASSWORD, '10.0.5.3', t), 'RATE_LIMITED');
      expectError(await attempt(email, DEMO_PASSWORD, '10.0.5.4', peer), 'RATE_LIMITED');
    } finally {
      await peer.close();
    }
  });

  it('does not count successful logins', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 2; i++) {
      expect((await attempt(USERS.lanzhouManager.email, DEMO_PASSWORD, '10.0.6.1')).errors).toBeUndefined();
    }
  });
});
