import { DataSource, DataSourceOptions } from 'typeorm';
import { revertLastMigration, runPendingMigrations } from 'src/database/migration-runner';
import { mysqlMigrations, sqliteMigrations } from 'src/database/migrations';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/** The SQL TypeORM would still run to make the database match the entities; empty when migrations and entities agree. */
async function drift(dataSource: DataSource): Promise<string[]> {
  // TypeORM reads MariaDB's information_schema right only when told it is MariaDB (as migration:generate does):
  // otherwise every nullable column looks changed. Same database and entities, read as MariaDB.
  if (dataSource.options.type === 'mysql' && (await isMariaDb(dataSource))) {
    const asMariaDb = new DataSource({ ...dataSource.options, type: 'mariadb', entities: dataSource.entityMetadatas.map((m) => m.target) } as DataSourceOptions);
    await asMariaDb.initialize();
    try {
      return await upQueries(asMariaDb);
    } finally {
      await asMariaDb.destroy();
    }
  }
  return upQueries(dataSource);
}

async function upQueries(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

async function isMariaDb(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query('SELECT VERSION() AS version');
  return /mariadb/i.test(String(row.version));
}

async function existingEntityTables(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const found: string[] = [];
    for (const meta of dataSource.entityMetadatas) if (await runner.hasTable(meta.tableName)) found.push(meta.tableName);
    return found;
  } finally {
    await runner.release();
  }
}

describe(`migrations (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // With the demo bank loaded, so reverting is shown to work on a database that holds rows.
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lists a migration for every engine, in the same order', () => {
    const names = (list: { name: string }[]) => list.map((m) => m.name);
    expect(names(mysqlMigrations)).toEqual(names(sqliteMigrations));
    expect(t.dataSource.migrations.length).toBe(TEST_ENGINE === 'mysql' ? mysqlMigrations.length : sqliteMigrations.length);
  });

  it('applied every migration at start', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    expect(await drift(t.dataSource)).toEqual([]);
  });

  it('reverts every migration cleanly, then applies them again with no drift', async () => {
    const ds = t.dataSource;
    for (let i = 0; i < ds.migrations.length; i++) await revertLastMigration(ds);
    expect(await ds.showMigrations()).toBe(true);
    expect(await existingEntityTables(ds)).toEqual([]);

    const applied = await runPendingMigrations(ds);
    expect(applied).toHaveLength(ds.migrations.length);
    expect((await existingEntityTables(ds)).sort()).toEqual(ds.entityMetadatas.map((m) => m.tableName).sort());
    expect(await drift(ds)).toEqual([]);
  });
});
