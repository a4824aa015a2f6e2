import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from 'src/config/app-config';
import { mysqlMigrations, sqliteMigrations } from './migrations';

/**
 * The one place that knows the two engines apart. Everything else writes
 * queries that run unchanged on MySQL/MariaDB and SQLite.
 */
export function dataSourceOptions(db: DatabaseConfig, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  if (db.type === 'mysql') {
    return {
      type: 'mysql',
      url: db.url,
      entities,
      migrations: mysqlMigrations,
      migrationsRun: false,
      synchronize: false,
      charset: 'utf8mb4_unicode_ci',
      // Dates travel as UTC both ways, whatever the server's time zone.
      timezone: 'Z',
      // BIGINT and DECIMAL come back as strings; code converts them where it reads them
      // (counts fit in a JS number, ids are UUID strings), so nothing is rounded silently.
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: db.poolSize ?? 32,
      connectTimeout: 5000,
      extra: {
        enableKeepAlive: true,
        keepAliveInitialDelay: 10_000,
        // Idle connections are dropped before MariaDB's wait_timeout can kill them under us.
        maxIdle: db.poolSize ?? 32,
        idleTimeout: 60_000,
        waitForConnections: true,
        queueLimit: 0,
      },
    };
  }
  mkdirSync(dirname(db.database), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: db.database,
    entities,
    migrations: sqliteMigrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    // Another process (a CLI, a second test worker) may hold the write lock briefly.
    prepareDatabase: (conn: { pragma(sql: string): unknown }) => {
      conn.pragma('busy_timeout = 5000');
    },
  };
}
