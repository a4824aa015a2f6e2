/** Driver error shapes differ; these helpers are the one place that knows both. */
interface DriverError {
  code?: string;
  errno?: number;
  driverError?: DriverError;
  /** graphql-js wraps a thrown value that is not an Error (of this realm) in NonErrorThrown. */
  thrownValue?: DriverError;
}

function driverError(error: unknown): DriverError {
  const e = (error ?? {}) as DriverError;
  return e.driverError ?? e.thrownValue ?? e;
}

/** Socket-level failures and the server's own "going away" errors (1053 shutdown in progress, 1927 connection killed, 2013 lost). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
]);
const CONNECTION_ERRNOS = new Set([1040, 1053, 1927, 2013]);

/** A unique or primary key refused the row (MySQL 1062, SQLite UNIQUE/PRIMARYKEY constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = driverError(error);
  return e.errno === 1062 || e.code === 'ER_DUP_ENTRY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The transaction lost a deadlock or lock wait (MySQL 1213 / 1205) or SQLite was busy: safe to retry. */
export function isRetryableTransactionError(error: unknown): boolean {
  const e = driverError(error);
  return e.errno === 1213 || e.errno === 1205 || e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED';
}

/** The database could not be reached at all (server down, connection refused or dropped). */
export function isConnectionError(error: unknown): boolean {
  const e = driverError(error);
  return CONNECTION_CODES.has(e.code ?? '') || CONNECTION_ERRNOS.has(e.errno ?? 0);
}

const OUTAGE_LOG_INTERVAL_MS = 5000;
let outageLoggedAt = 0;
let outageFailures = 0;

/**
 * Logs a request that failed because the database is unreachable. While it is
 * down every request fails the same way, so this writes one line per 5 seconds
 * with a count, instead of a stack trace per request.
 */
export function logDatabaseUnavailable(logger: { error(message: string): void }, error: unknown): void {
  outageFailures += 1;
  const now = Date.now();
  if (now - outageLoggedAt < OUTAGE_LOG_INTERVAL_MS) return;
  const e = driverError(error);
  logger.error(`Database unavailable (${e.code ?? e.errno ?? 'unknown'}): ${outageFailures} request(s) failed since the last report.`);
  outageLoggedAt = now;
  outageFailures = 0;
}
