import { DataSource, DataSourceOptions } from 'typeorm';
import { revertLastMigration, runPendingMigrations } from 'src/database/migration-runner';
import { mysqlMigrations, sqliteMigrations } from 'src/database/migrations';
import { ReachFolder } from 'src/reach/reach-folder';
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

  it('keeps which check-ins are folded and derives year rows from month rows when a bank with data upgrades', async () => {
    const ds = t.dataSource;
    await t.app.get(ReachFolder).foldAll();
    const folded = async () => Number((await ds.query('SELECT COUNT(*) AS n FROM check_in WHERE reach_folded <> 0'))[0].n);
    const yearRows = async () =>
      (
        await ds.query(
          "SELECT unit_id, venue_type, campaign_id, period, target_group, group_mask, events, attendees, feedback FROM reach_rollup WHERE period_kind = 'Y' AND (events <> 0 OR attendees <> 0 OR feedback <> 0) ORDER BY unit_id, venue_type, campaign_id, period, target_group, group_mask",
        )
      ).map((r: Record<string, unknown>) => Object.values(r).map(String).join('|'));
    const before = { folded: await folded(), years: await yearRows() };
    expect(before.folded).toBeGreaterThan(0);
    expect(before.years.length).toBeGreaterThan(0);

    // Back to the schema before fold numbers and year rows (as a bank on the previous release), and up again.
    for (const name of ['ReachFoldNumbers', 'ReachYearRollups']) {
      expect((await ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1'))[0].name).toMatch(name);
      await revertLastMigration(ds);
    }
    expect(await yearRows()).toEqual([]);
    expect(await folded()).toBe(before.folded);
    await runPendingMigrations(ds);
    expect({ folded: await folded(), years: await yearRows() }).toEqual(before);
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
