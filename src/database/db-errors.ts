/** Driver error shapes differ; these helpers are the one place that knows both. */
interface DriverError {
  code?: string;
  errno?: number;
  driverError?: DriverError;
}

function driverError(error: unknown): DriverError {
  const e = (error ?? {}) as DriverError;
  return e.driverError ?? e;
}

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
  return ['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'EPIPE', 'ER_CON_COUNT_ERROR'].includes(e.code ?? '');
}
