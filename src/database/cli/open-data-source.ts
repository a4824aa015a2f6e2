import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from 'src/config/app-config';
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
