import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError } from 'src/common/errors';
import { ConfigError, DatabaseConfig } from 'src/config/app-config';
import { dataSourceOptions } from 'src/database/data-source-options';
import { runPendingMigrations } from 'src/database/migration-runner';

/** Every entity of the service, as source (ts-node) or compiled (dist). */
const ENTITIES = [join(__dirname, '..', '..', '**', '*.entity.{ts,js}')];

/** A DataSource for command-line tools (seed, create-admin), with pending migrations applied first. */
export async function openMigratedDataSource(db: DatabaseConfig): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions(db, ENTITIES)).initialize();
  try {
    await runPendingMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Runs `work` on a migrated DataSource and closes it afterwards, whatever happens. */
export async function withMigratedDataSource<T>(db: DatabaseConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await openMigratedDataSource(db);
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Ends a command-line tool: exits with the code `main` gives, or with 1 after
 * printing its error. Configuration and rule problems are the operator's to
 * fix: their message only, no stack.
 */
export function exitWhenDone(tool: string, main: Promise<number>): void {
  main.then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
      else console.error(`${tool} failed:`, error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
