import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isEmail } from 'class-validator';

export type NodeEnv = 'development' | 'production' | 'test';

export interface DatabaseConfig {
  type: 'sqlite' | 'mysql';
  /** Absolute file path for SQLite, the connection URL for MySQL. */
  url: string;
  /** For SQLite: the file; for MySQL: the database name. */
  database: string;
  /** MySQL connections per instance (DATABASE_POOL_SIZE); each check-in holds one for a few short statements. */
  poolSize?: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  appSecret: string;
  appTimezone: string;
  smtpUrl?: string;
  mailFrom: string;
  seedDemo: boolean;
  piiRetentionDays: number;
  adminEmail?: string;
  adminPassword?: string;
  headOfficeName: string;
  /** Fastify's `trustProxy`, so the client address behind a load balancer is the real one. */
  trustProxy: boolean | number;
  tokenTtlHours: number;
  /** Directory for runtime files: the SQLite file, generated secret, .eml mail. */
  varDir: string;
  /** How often the reach folder runs (REACH_FOLD_INTERVAL_MS); 0 turns it off (the default under NODE_ENV=test, where tests fold explicitly). */
  reachFoldIntervalMs: number;
  /**
   * Processes serving HTTP (WEB_CONCURRENCY, default 1): more than one runs a
   * Node cluster, one worker per core, on MySQL/MariaDB only.
   */
  workers: number;
  /** On SIGTERM, how long requests in flight may take before their connections are cut (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** syncCheckIns calls a minute per session (SYNC_RATE_LIMIT; ten times that per client address); 0 turns the limit off. */
  syncRateLimit: number;
  /** login and joinEvent calls a minute per client address (LOGIN_RATE_LIMIT), besides the failure throttle; 0 turns it off. */
  loginRateLimit: number;
  /** How often the personal-data retention job looks for its daily run (RETENTION_INTERVAL_MS); 0 turns it off (the default under NODE_ENV=test). */
  retentionIntervalMs: number;
  /** Email outbox and notification schedules; timers of 0 are off (the default under NODE_ENV=test, where tests drive them). */
  mail: MailConfig;
}

export interface MailConfig {
  /** How often the outbox worker sends due emails (OUTBOX_INTERVAL_MS). */
  outboxIntervalMs: number;
  /** Tries per email before it is FAILED (OUTBOX_MAX_ATTEMPTS); an unreachable SMTP server never uses up the last one. */
  maxAttempts: number;
  /** Wait after the first failed try, doubled after each further one (OUTBOX_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How often reminders, summaries, low-stock notices and the weekly digest are looked for (SCHEDULE_INTERVAL_MS). */
  scheduleIntervalMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Raised when the environment is bad: one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses and validates the environment once. Every bad variable is reported,
 * not only the first, so an operator fixes them in one go. A variable set to
 * the empty string counts as unset (as container tools often pass them).
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV || 'development') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const isProduction = nodeEnv === 'production';
  const varDir = resolve(cwd, env.VAR_DIR || 'var');

  const port = parseInteger(env, 'PORT', 3000, 0, 65535, problems);
  const publicUrl = parseUrl(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'], problems).replace(/\/+$/, '');
  const database = parseDatabaseUrl(env.DATABASE_URL || 'sqlite:var/finreach.sqlite', cwd, problems);
  database.poolSize = parseInteger(env, 'DATABASE_POOL_SIZE', 32, 1, 500, problems);
  const appTimezone = env.APP_TIMEZONE || 'Asia/Shanghai';
  if (!isValidTimeZone(appTimezone)) problems.push(`APP_TIMEZONE must be an IANA time zone such as Asia/Shanghai, got "${appTimezone}"`);
  const smtpUrl = env.SMTP_URL ? parseUrl(env, 'SMTP_URL', '', ['smtp:', 'smtps:'], problems) : undefined;
  const mailFrom = env.MAIL_FROM || 'finreach <no-reply@localhost>';
  const fromAddress = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  if (!isEmail(fromAddress.trim(), { require_tld: false })) problems.push(`MAIL_FROM must be an address or "Name <address>", got "${mailFrom}"`);
  const seedDemo = parseBoolean(env, 'SEED_DEMO', !isProduction, problems);
  const piiRetentionDays = parseInteger(env, 'PII_RETENTION_DAYS', 180, 1, 3650, problems);
  const tokenTtlHours = parseInteger(env, 'TOKEN_TTL_HOURS', 12, 1, 24 * 30, problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const reachFoldIntervalMs = parseInteger(env, 'REACH_FOLD_INTERVAL_MS', nodeEnv === 'test' ? 0 : 2000, 0, 3_600_000, problems);
  const workers = parseInteger(env, 'WEB_CONCURRENCY', 1, 1, 64, problems);
  // One SQLite file takes one writer at a time, and its transactions are serialised inside one process.
  if (workers > 1 && database.type === 'sqlite') problems.push('WEB_CONCURRENCY above 1 needs MySQL/MariaDB (DATABASE_URL=mysql://…); SQLite serves one process');
  const shutdownTimeoutMs = parseInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000, problems);
  const syncRateLimit = parseInteger(env, 'SYNC_RATE_LIMIT', 120, 0, 1_000_000, problems);
  const loginRateLimit = parseInteger(env, 'LOGIN_RATE_LIMIT', 60, 0, 1_000_000, problems);
  const retentionIntervalMs = parseInteger(env, 'RETENTION_INTERVAL_MS', nodeEnv === 'test' ? 0 : 600_000, 0, 86_400_000, problems);
  const mail: MailConfig = {
    outboxIntervalMs: parseInteger(env, 'OUTBOX_INTERVAL_MS', nodeEnv === 'test' ? 0 : 5000, 0, 3_600_000, problems),
    maxAttempts: parseInteger(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100, problems),
    retryBaseMs: parseInteger(env, 'OUTBOX_RETRY_BASE_MS', 60_000, 1, 86_400_000, problems),
    scheduleIntervalMs: parseInteger(env, 'SCHEDULE_INTERVAL_MS', nodeEnv === 'test' ? 0 : 60_000, 0, 3_600_000, problems),
  };

  const adminEmail = env.ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminEmail && !isEmail(adminEmail)) problems.push(`ADMIN_EMAIL must be an email address, got "${adminEmail}"`);
  if (adminEmail && !adminPassword) problems.push('ADMIN_PASSWORD is required when ADMIN_EMAIL is set');
  if (adminPassword && adminPassword.length < 10) problems.push('ADMIN_PASSWORD must be at least 10 characters');
  const headOfficeName = env.HEAD_OFFICE_NAME?.trim() || '总行';
  if (headOfficeName.length > 100) problems.push('HEAD_OFFICE_NAME must be at most 100 characters');

  let appSecret = env.APP_SECRET || '';
  if (appSecret && appSecret.length < 32) problems.push('APP_SECRET must be at least 32 characters');
  if (!appSecret && isProduction) problems.push('APP_SECRET is required when NODE_ENV=production');

  if (problems.length > 0) throw new ConfigError(problems);
  if (!appSecret) appSecret = readOrCreateSecret(varDir);

  return {
    nodeEnv,
    isProduction,
    port,
    publicUrl,
    database,
    appSecret,
    appTimezone,
    smtpUrl,
    mailFrom,
    seedDemo,
    piiRetentionDays,
    adminEmail,
    adminPassword,
    headOfficeName,
    trustProxy,
    tokenTtlHours,
    varDir,
    reachFoldIntervalMs,
    workers,
    shutdownTimeoutMs,
    syncRateLimit,
    loginRateLimit,
    retentionIntervalMs,
    mail,
  };
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function parseBoolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false, got "${env[name]}"`);
  return fallback;
}

function parseUrl(env: Env, name: string, fallback: string, protocols: string[], problems: string[]): string {
  const raw = env[name] || fallback;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) throw new Error('protocol');
    return raw;
  } catch {
    problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${withoutPassword(raw)}"`);
    return fallback;
  }
}

/** A URL as it may appear in a message: any password replaced (`smtp://user:***@host`). */
function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  const hops = Number(raw);
  if (Number.isInteger(hops) && hops >= 0) return hops;
  problems.push(`TRUST_PROXY must be true, false or a number of proxy hops, got "${raw}"`);
  return false;
}

function parseDatabaseUrl(raw: string, cwd: string, problems: string[]): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) {
      problems.push('DATABASE_URL sqlite: needs a file path, e.g. sqlite:var/finreach.sqlite');
      return { type: 'sqlite', url: raw, database: '' };
    }
    const path = resolve(cwd, file);
    return { type: 'sqlite', url: raw, database: path };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    try {
      const url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
      const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
      if (!database) throw new Error('no database');
      return { type: 'mysql', url: url.toString(), database };
    } catch {
      problems.push(`DATABASE_URL must look like mysql://user:pass@host:3306/finreach, got "${redactUrl(raw)}"`);
      return { type: 'mysql', url: raw, database: '' };
    }
  }
  problems.push(`DATABASE_URL must start with sqlite: or mysql://, got "${redactUrl(raw)}"`);
  return { type: 'sqlite', url: raw, database: '' };
}

/** Hides the password of a URL before it is printed. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A first run gets a random secret kept in var/, so tokens survive a restart. */
function readOrCreateSecret(varDir: string): string {
  const file = resolve(varDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  console.warn(`APP_SECRET is not set: generated one into ${file}. Set APP_SECRET in production.`);
  return secret;
}
