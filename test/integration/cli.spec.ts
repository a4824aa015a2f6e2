import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_UNITS, DEMO_USERS, UNITS, USERS } from 'seeds/demo-bank';
import { UserEntity } from 'src/auth/user.entity';
import { OrgUnitEntity } from 'src/org/org-unit.entity';
import { ReachFolder } from 'src/reach/reach-folder';
import { reach } from '../support/reach';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TEST_APP_SECRET } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command of the project in a real child process, as an operator would. */
function run(command: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const npmRun = (script: string, args: string[], env: Record<string, string>) => run('npm', ['run', '--silent', script, '--', ...args], env);

/** No stack frames: operator errors are one readable message. */
const expectNoStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('npm run create-admin', () => {
  let db: TestDatabase;
  let varDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    varDir = mkdtempSync(join(tmpdir(), 'finreach-cli-'));
    env = { DATABASE_URL: db.url, VAR_DIR: varDir, APP_SECRET: TEST_APP_SECRET, HEAD_OFFICE_NAME: '示范银行总行', NODE_ENV: 'development' };
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(varDir, { recursive: true, force: true });
  });

  it('migrates an empty database, creates the head office and an ADMIN who can log in', async () => {
    const result = await npmRun('create-admin', ['--email', 'Boss@Bank.CN', '--password', 'boss-password-1', '--name', '行长'], env);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created administrator boss@bank.cn');

    // The service started on that database finds the admin and does not seed the demo bank over it.
    const t = await startTestApp({ database: { url: db.url, drop: async () => undefined } });
    try {
      expect(await t.dataSource.getRepository(OrgUnitEntity).count()).toBe(1);
      const token = await t.login('boss@bank.cn', 'boss-password-1');
      const me = await t.gql(`{ me { email name role orgUnit { name level parent { id } } } }`, {}, token);
      expect(me.data.me).toEqual({ email: 'boss@bank.cn', name: '行长', role: 'ADMIN', orgUnit: { name: '示范银行总行', level: 'HEAD_OFFICE', parent: null } });
    } finally {
      await t.close();
    }
  });

  it('refuses an email that is already taken, whatever its case, and writes nothing', async () => {
    const result = await npmRun('create-admin', ['--email', 'BOSS@bank.cn', '--password', 'another-password-1'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('A user with email boss@bank.cn already exists.');
    expectNoStack(result.stderr);
    const t = await startTestApp({ database: { url: db.url, drop: async () => undefined } });
    try {
      expect(await t.dataSource.getRepository(UserEntity).count()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('refuses a weak password with a clear message', async () => {
    const result = await npmRun('create-admin', ['--email', 'weak@bank.cn', '--password', 'short'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('at least 10 characters');
    expectNoStack(result.stderr);
  });

  it('prints its usage when an argument is missing or unknown', async () => {
    const result = await npmRun('create-admin', ['--email', 'x@bank.cn', '--pasword', 'typo-in-flag'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run create-admin -- --email <email> --password');
  });
});

describe('npm run seed', () => {
  let db: TestDatabase;
  let varDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    varDir = mkdtempSync(join(tmpdir(), 'finreach-seed-'));
  });
  afterAll(() => rmSync(varDir, { recursive: true, force: true }));

  it('loads the demo bank into an empty database, and adds nothing the second time', async () => {
    const env = { DATABASE_URL: db.url, VAR_DIR: varDir, APP_SECRET: TEST_APP_SECRET };
    const first = await npmRun('seed', [], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${DEMO_UNITS.length} org units, ${DEMO_USERS.length} users`);
    const second = await npmRun('seed', [], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to add');

    const t = await startTestApp({ database: db, seed: false });
    try {
      expect(await t.dataSource.getRepository(OrgUnitEntity).count()).toBe(DEMO_UNITS.length);
      expect(await t.dataSource.getRepository(UserEntity).count()).toBe(DEMO_USERS.length);
    } finally {
      await t.close();
    }
  });
});

describe('starting the service with bad configuration', () => {
  it('stops with exit code 1 and one line per bad variable', async () => {
    const result = await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/main.ts'],
      { PORT: 'eighty', DATABASE_URL: 'postgres://db/finreach', NODE_ENV: 'production', APP_SECRET: '', TS_NODE_PROJECT: 'tsconfig.json' },
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).map((l) => l.trim().split(' ')[1]).sort()).toEqual(['APP_SECRET', 'DATABASE_URL', 'PORT']);
    expectNoStack(result.stderr);
  });
});

describe('npm run reach:rebuild', () => {
  it('recomputes reach from the domain tables: the same answers after reach_rollup and reach_event were lost', async () => {
    const db = await createTestDatabase();
    const t = await startTestApp({ database: { url: db.url, drop: async () => undefined } });
    try {
      await t.app.get(ReachFolder).foldAll();
      const analyst = await t.login(USERS.analyst.email);
      const before = await reach(t, analyst, { orgUnitId: UNITS.lanzhou }, ['ORG_UNIT']);
      expect(before.totals.attendees).toBeGreaterThan(0);
      await t.dataSource.query('DELETE FROM reach_rollup');
      await t.dataSource.query('DELETE FROM reach_event');
      expect((await reach(t, analyst, { orgUnitId: UNITS.lanzhou }, ['ORG_UNIT'])).totals.attendees).toBe(0);

      const result = await npmRun('reach:rebuild', [], { DATABASE_URL: db.url, APP_SECRET: TEST_APP_SECRET, NODE_ENV: 'development' });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Rebuilt reach of .+ in [\d.]+ s: 1 parts, \d+ events, \d+ rollup rows\./);
      expect(await reach(t, analyst, { orgUnitId: UNITS.lanzhou }, ['ORG_UNIT'])).toEqual({ ...before, asOf: expect.any(String) });
    } finally {
      await t.close();
      await db.drop();
    }
  });

  it('says what is wrong with the configuration, without a stack', async () => {
    const result = await npmRun('reach:rebuild', [], { DATABASE_URL: 'postgres://nowhere/db', APP_SECRET: TEST_APP_SECRET });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
    expectNoStack(result.stderr);
  });
});
