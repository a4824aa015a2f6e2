import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, redactUrl } from './app-config';

const SECRET = 's'.repeat(40);

/** The problems a bad environment is reported with (one per bad variable), or [] when it loads. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ APP_SECRET: SECRET, ...env }, '/srv/finreach');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe(loadConfig.name, () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({ APP_SECRET: SECRET }, '/srv/finreach');
    expect(config).toMatchObject({
      nodeEnv: 'development',
      isProduction: false,
      port: 3000,
      publicUrl: 'http://localhost:3000',
      database: { type: 'sqlite', database: '/srv/finreach/var/finreach.sqlite' },
      appTimezone: 'Asia/Shanghai',
      mailFrom: 'finreach <no-reply@localhost>',
      seedDemo: true,
      piiRetentionDays: 180,
      headOfficeName: '总行',
      trustProxy: false,
      tokenTtlHours: 12,
      varDir: '/srv/finreach/var',
    });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.adminEmail).toBeUndefined();
  });

  it('derives PUBLIC_URL from PORT and drops a trailing slash from an explicit one', () => {
    expect(loadConfig({ APP_SECRET: SECRET, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ APP_SECRET: SECRET, PUBLIC_URL: 'https://outreach.bank.cn/' }).publicUrl).toBe('https://outreach.bank.cn');
  });

  it('treats variables set to the empty string as unset', () => {
    const config = loadConfig({ APP_SECRET: SECRET, NODE_ENV: '', DATABASE_URL: '', PORT: '', APP_TIMEZONE: '', SEED_DEMO: '', MAIL_FROM: '' }, '/srv/finreach');
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, appTimezone: 'Asia/Shanghai', seedDemo: true, mailFrom: 'finreach <no-reply@localhost>' });
    expect(config.database.database).toBe('/srv/finreach/var/finreach.sqlite');
  });

  it('reads a MySQL URL (also written mariadb://) and names its database', () => {
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'mysql://app:pw@db.internal:3306/finreach' }).database).toEqual({
      type: 'mysql',
      url: 'mysql://app:pw@db.internal:3306/finreach',
      database: 'finreach',
      poolSize: 32,
    });
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'mysql://app@db/x', DATABASE_POOL_SIZE: '64' }).database.poolSize).toBe(64);
    expect(() => loadConfig({ APP_SECRET: SECRET, DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'mariadb://app@db:3306/outreach' }).database).toMatchObject({ type: 'mysql', database: 'outreach' });
  });

  it('resolves a relative SQLite path against the working directory and keeps an absolute one', () => {
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'sqlite:data/app.sqlite' }, '/srv/finreach').database.database).toBe('/srv/finreach/data/app.sqlite');
    expect(loadConfig({ APP_SECRET: SECRET, DATABASE_URL: 'sqlite:///var/lib/finreach.sqlite' }, '/srv/finreach').database.database).toBe('/var/lib/finreach.sqlite');
  });

  it('reports every bad variable at once, one line naming each', () => {
    const env = {
      PORT: 'eighty',
      DATABASE_URL: 'postgres://db/finreach',
      APP_TIMEZONE: 'Mars/Olympus_Mons',
      SEED_DEMO: 'maybe',
      PII_RETENTION_DAYS: '0',
      TRUST_PROXY: 'sometimes',
      TOKEN_TTL_HOURS: '1.5',
      SMTP_URL: 'http://mail.bank.cn',
    };
    let error: unknown;
    try {
      loadConfig({ APP_SECRET: SECRET, ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(Object.keys(env).length);
    const named = problems.map((problem) => problem.split(' ')[0]).sort();
    expect(named).toEqual(Object.keys(env).sort());
    // The printed message: a header, then exactly one line per bad variable.
    expect(message.split('\n')).toHaveLength(1 + problems.length);
  });

  it('never prints the password of a bad URL', () => {
    const [problem] = problemsOf({ SMTP_URL: 'http://mailer:S3cret-pw@mail.bank.cn:25' });
    expect(problem).toContain('http://mailer:***@mail.bank.cn:25');
    expect(problem).not.toContain('S3cret-pw');
  });

  it('refuses to start in production without APP_SECRET', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['APP_SECRET is required when NODE_ENV=production']);
  });

  it('turns the demo seed off by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: SECRET, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('rejects a short APP_SECRET and an unknown NODE_ENV', () => {
    expect(problemsOf({ APP_SECRET: 'short', NODE_ENV: 'staging' })).toEqual([
      'NODE_ENV must be development, production or test, got "staging"',
      'APP_SECRET must be at least 32 characters',
    ]);
  });

  it('checks the first-admin variables', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'boss@bank.cn' })).toEqual(['ADMIN_PASSWORD is required when ADMIN_EMAIL is set']);
    expect(problemsOf({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'short' })).toEqual([
      'ADMIN_EMAIL must be an email address, got "not-an-email"',
      'ADMIN_PASSWORD must be at least 10 characters',
    ]);
    expect(problemsOf({ ADMIN_EMAIL: 'boss@bank.cn', ADMIN_PASSWORD: 'long-enough-1', HEAD_OFFICE_NAME: '中国农业银行总行' })).toEqual([]);
  });

  it('runs one worker by default and a cluster only on MySQL/MariaDB', () => {
    expect(loadConfig({ APP_SECRET: SECRET }, '/srv/finreach').workers).toBe(1);
    expect(loadConfig({ APP_SECRET: SECRET, WEB_CONCURRENCY: '2', DATABASE_URL: 'mysql://root@db:3306/finreach' }, '/srv/finreach').workers).toBe(2);
    expect(problemsOf({ WEB_CONCURRENCY: '2' })).toEqual([expect.stringMatching(/^WEB_CONCURRENCY above 1 needs MySQL\/MariaDB/)]);
    expect(problemsOf({ WEB_CONCURRENCY: '0', DATABASE_URL: 'mysql://root@db:3306/finreach' })).toEqual([expect.stringMatching(/^WEB_CONCURRENCY /)]);
  });

  it('reads TRUST_PROXY as a boolean or a number of hops', () => {
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ APP_SECRET: SECRET, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('reads the mail settings, with the timers off under NODE_ENV=test', () => {
    expect(loadConfig({ APP_SECRET: SECRET }).mail).toEqual({ outboxIntervalMs: 5000, maxAttempts: 8, retryBaseMs: 60_000, scheduleIntervalMs: 60_000 });
    expect(loadConfig({ APP_SECRET: SECRET, NODE_ENV: 'test' }).mail).toMatchObject({ outboxIntervalMs: 0, scheduleIntervalMs: 0 });
    expect(loadConfig({ APP_SECRET: SECRET, OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETRY_BASE_MS: '1000' }).mail).toMatchObject({ maxAttempts: 3, retryBaseMs: 1000 });
    expect(loadConfig({ APP_SECRET: SECRET, MAIL_FROM: 'outreach@bank.cn' }).mailFrom).toBe('outreach@bank.cn');
    expect(problemsOf({ OUTBOX_MAX_ATTEMPTS: '0', MAIL_FROM: 'finreach <nobody>', SMTP_URL: 'smtp://mail.bank.cn:25' })).toEqual([
      'MAIL_FROM must be an address or "Name <address>", got "finreach <nobody>"',
      'OUTBOX_MAX_ATTEMPTS must be a whole number from 1 to 100, got "0"',
    ]);
  });

  it('never prints a database password', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://app:hunter2@db/finreach' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('app:***@');
    expect(problems[0]).not.toContain('hunter2');
    expect(redactUrl('mysql://root:s3cret@127.0.0.1:3306/x')).toBe('mysql://root:***@127.0.0.1:3306/x');
  });

  it('generates APP_SECRET once into VAR_DIR and reuses it', () => {
    const varDir = mkdtempSync(join(tmpdir(), 'finreach-config-'));
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const first = loadConfig({ VAR_DIR: varDir });
      const second = loadConfig({ VAR_DIR: varDir });
      expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
      expect(second.appSecret).toBe(first.appSecret);
      expect(readFileSync(join(varDir, 'app-secret'), 'utf8').trim()).toBe(first.appSecret);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      rmSync(varDir, { recursive: true, force: true });
    }
  });
});
