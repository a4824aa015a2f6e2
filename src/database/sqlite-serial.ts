import { DataSource } from 'typeorm';
import { isSqlite } from './engine';

/**
 * TypeORM gives SQLite one shared connection, and two transactions that overlap
 * in time on it collide ("cannot start a transaction within a transaction") or,
 * worse, nest one request's work inside another's. On SQLite every transaction
 * therefore runs through this per-DataSource queue, one after the other. MySQL
 * has a pool of connections and real row locks, so nothing is queued there.
 */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const queues = new WeakMap<DataSource, SerialQueue>();


/**
 * Runs `work` alone among this DataSource's transactions on SQLite; directly on
 * MySQL. For code that opens a transaction on a QueryRunner by hand. `work` must
 * not itself call `dataSource.transaction()` (it would wait for itself).
 */
export function serialOnSqlite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return work();
  let queue = queues.get(dataSource);
  if (!queue) {
    queue = new SerialQueue();
    queues.set(dataSource, queue);
  }
  return queue.run(work);
}

/** Makes `dataSource.transaction()` (and `dataSource.manager.transaction()`) go through the queue on SQLite. */
export function serialiseSqliteTransactions(dataSource: DataSource): void {
  if (!isSqlite(dataSource)) return;
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => serialOnSqlite(dataSource, () => original(...args))) as typeof manager.transaction;
}
