/**
 * Migration commands:
 *   npm run migration:run                 apply pending migrations to DATABASE_URL
 *   npm run migration:revert              undo the last one on DATABASE_URL
 *   npm run migration:generate -- <Name>  diff the entities against both engines and
 *                                         write one migration for MySQL and one for SQLite
 * Generation needs a MySQL/MariaDB server: MIGRATION_MYSQL_URL, else TEST_MYSQL_URL,
 * else mysql://root@127.0.0.1:3306 (a scratch database is created and dropped).
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig, DatabaseConfig } from 'src/config/app-config';
import { revertLastMigration, runPendingMigrations } from 'src/database/migration-runner';

const ENTITIES = [join(__dirname, '..', '..', '**', '*.entity.{ts,js}')];
const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/** Loaded after index.ts is known to match the files on disk (a deleted migration would break a static import). */
function dataSourceOptions(...args: Parameters<typeof import('src/database/data-source-options').dataSourceOptions>) {
   
  return (require('src/database/data-source-options') as typeof import('src/database/data-source-options')).dataSourceOptions(...args);
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  writeIndex();
  switch (command) {
    case 'run':
    case 'revert': {
      const config = loadConfig();
      const dataSource = await new DataSource(dataSourceOptions(config.database, ENTITIES)).initialize();
      if (command === 'run') {
        const applied = await runPendingMigrations(dataSource);
        console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'Nothing to apply.');
      } else {
        await revertLastMigration(dataSource);
        console.log('Reverted the last migration.');
      }
      await dataSource.destroy();
      return;
    }
    case 'generate':
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('Usage: npm run migration:generate -- <PascalCaseName>');
      await generate(name);
      return;
    default:
      throw new Error('Usage: migrate run|revert|generate <Name>');
  }
}

async function generate(name: string): Promise<void> {
  const timestamp = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'finreach-migrate-'));
  const sqlite: DatabaseConfig = { type: 'sqlite', url: 'sqlite:', database: join(scratch, 'scratch.sqlite') };
  await writeMigration('sqlite', sqlite, name, timestamp);
  rmSync(scratch, { recursive: true, force: true });

  const server = new URL(process.env.MIGRATION_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const database = `finreach_migrate_${timestamp}`;
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  try {
    server.pathname = `/${database}`;
    await writeMigration('mysql', { type: 'mysql', url: server.toString(), database }, name, timestamp);
  } finally {
    await admin.query(`DROP DATABASE \`${database}\``);
    await admin.end();
  }
  writeIndex();
}

async function writeMigration(engine: 'mysql' | 'sqlite', db: DatabaseConfig, name: string, timestamp: number): Promise<void> {
  const options = dataSourceOptions(db, ENTITIES);
  // TypeORM reads MariaDB's information_schema right only when told it is MariaDB: otherwise every
  // nullable column (reported there with DEFAULT 'NULL') looks changed and is "generated" again.
  if (engine === 'mysql' && (await isMariaDb(db.url))) Object.assign(options, { type: 'mariadb' });
  const dataSource = await new DataSource(options).initialize();
  try {
    await runPendingMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log(`${engine}: entities and migrations agree; nothing to generate.`);
      return;
    }
    const className = `${name}${timestamp}`;
    const line = (q: { query: string; parameters?: unknown[] }) =>
      `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
    const file = join(MIGRATIONS_DIR, engine, `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(line).join('\n')}
  }
}
`,
    );
    console.log(`${engine}: wrote ${file}`);
  } finally {
    await dataSource.destroy();
  }
}

async function isMariaDb(url: string): Promise<boolean> {
  const conn = await createConnection({ uri: url });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version));
  } finally {
    await conn.end();
  }
}

/** Rewrites migrations/index.ts so both lists name every migration file in order. */
function writeIndex(): void {
  const imports: string[] = [];
  const lists: Record<string, string[]> = { mysql: [], sqlite: [] };
  for (const engine of ['mysql', 'sqlite'] as const) {
    const files = readdirSync(join(MIGRATIONS_DIR, engine))
      .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
      .sort();
    for (const file of files) {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
      const alias = `${engine}${name}${timestamp}`;
      imports.push(`import { ${name}${timestamp} as ${alias} } from './${engine}/${file.replace(/\.ts$/, '')}';`);
      lists[engine].push(alias);
    }
  }
  writeFileSync(
    join(MIGRATIONS_DIR, 'index.ts'),
    `// Migrations are listed explicitly (not globbed) so they load the same from
// ts-node, Jest and the compiled build. \`npm run migration:generate\` rewrites this file.
import type { MigrationInterface } from 'typeorm';
${imports.join('\n')}

type MigrationClass = new () => MigrationInterface;

export const mysqlMigrations: MigrationClass[] = [${lists.mysql.join(', ')}];
export const sqliteMigrations: MigrationClass[] = [${lists.sqlite.join(', ')}];
`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
