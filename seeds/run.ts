/**
 * `npm run seed`: loads the demo bank (seeds/demo-bank.ts) into DATABASE_URL,
 * applying pending migrations first. Safe to run again: rows already there are kept.
 */
import 'reflect-metadata';
import { loadConfig, redactUrl } from 'src/config/app-config';
import { exitWhenDone, withMigratedDataSource } from 'src/database/cli/open-data-source';
import { loadDemoBank } from './load-demo-bank';

async function main(): Promise<number> {
  const config = loadConfig();
  return withMigratedDataSource(config.database, async (dataSource) => {
    const loaded = await loadDemoBank(dataSource);
    console.log(
      loaded.units + loaded.users > 0
        ? `Loaded the demo bank into ${redactUrl(config.database.url)}: ${loaded.units} org units, ${loaded.users} users.`
        : `The demo bank is already in ${redactUrl(config.database.url)}; nothing to add.`,
    );
    return 0;
  });
}

exitWhenDone('seed', main());
