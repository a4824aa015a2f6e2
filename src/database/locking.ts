import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isRetryableTransactionError } from './db-errors';
import { isMysql } from './engine';

const MAX_ATTEMPTS = 3;


/**
 * Runs `work` in a transaction meant for check-then-write rules guarded by row
 * locks (`forUpdate`). On MySQL/MariaDB it runs at READ COMMITTED, so a read made
 * after a lock is granted sees what the previous lock holder committed (at
 * REPEATABLE READ it would see the snapshot taken at the transaction's first
 * read); a deadlock or lock wait timeout retries the whole transaction. SQLite
 * serialises writers, so the default level already gives the same guarantee.
 */
export function lockingTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return retryingDeadlocks(() => (isMysql(dataSource) ? dataSource.transaction('READ COMMITTED', work) : dataSource.transaction(work)));
}

/**
 * Runs `work` again, after a short random pause, when it loses a deadlock or a
 * lock wait (or SQLite is busy); `work` must be safe to repeat, e.g. one whole
 * transaction or one statement. Other errors, and the last attempt's, are thrown.
 */
export async function retryingDeadlocks<T>(work: () => Promise<T>, attempts = MAX_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}

/** `SELECT … FOR UPDATE` on MySQL/MariaDB; unchanged on SQLite, whose write transactions are already exclusive. */
export function forUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isMysql(query.connection) ? query.setLock('pessimistic_write') : query;
}
