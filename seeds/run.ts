/**
 * `npm run seed`: loads the demo bank (seeds/demo-bank.ts) into DATABASE_URL,
 * applying pending migrations first. Safe to run again: rows already there are kept.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, redactUrl } from 'src/config/app-config';
import { openMigratedDataSource } from 'src/database/cli/open-data-source';
import { loadDemoBank } from './load-demo-bank';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await openMigratedDataSource(config.database);
  try {
    const loaded = await loadDemoBank(dataSource);
    console.log(
      loaded.units + loaded.users > 0
        ? `Loaded the demo bank into ${redactUrl(config.database.url)}: ${loaded.units} org units, ${loaded.users} users.`
        : `The demo bank is already in ${redactUrl(config.database.url)}; nothing to add.`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
