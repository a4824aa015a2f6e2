import type { DataSource, Migration } from 'typeorm';
import { isSqlite } from './engine';

/**
 * Applies pending migrations, each in its own transaction. Always use this (or
 * `revertLastMigration`) rather than DataSource.runMigrations directly: see below.
 */
export function runPendingMigrations(dataSource: DataSource): Promise<Migration[]> {
  return withSqliteForeignKeysOff(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}

/** Undoes the most recently applied migration, in a transaction. */
export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withSqliteForeignKeysOff(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
}

/**
 * SQLite cannot alter a table in place, so a migration rebuilds it (copy, drop,
 * rename). With foreign keys enforced, dropping a table that other rows point at
 * fails, and SQLite ignores `PRAGMA foreign_keys` inside a transaction, which is
 * where TypeORM tries to switch it off. So it is switched off here, before the
 * migration's transaction, and every key is checked once the work is done
 * (SQLite's documented way to change a table's schema). MySQL needs none of this.
 */
async function withSqliteForeignKeysOff<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return work();
  await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    const result = await work();
    const violations: unknown[] = await dataSource.query('PRAGMA foreign_key_check');
    if (violations.length > 0) {
      throw new Error(`The migration left ${violations.length} row(s) whose foreign key points nowhere, e.g. ${JSON.stringify(violations[0])}.`);
    }
    return result;
  } finally {
    await dataSource.query('PRAGMA foreign_keys = ON');
  }
}
