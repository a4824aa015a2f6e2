/**
 * `npm run create-admin -- --email boss@bank.cn --password '…' [--name '…']`
 *
 * Creates an ADMIN at the head office of DATABASE_URL (the head office is created,
 * named HEAD_OFFICE_NAME, when the bank has none yet). Applies pending migrations first.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createAdmin } from 'src/auth/first-admin';
import { loadConfig, redactUrl } from 'src/config/app-config';
import { exitWhenDone, withMigratedDataSource } from 'src/database/cli/open-data-source';

const USAGE = 'Usage: npm run create-admin -- --email <email> --password <at least 10 characters> [--name <name>]';

async function main(): Promise<number> {
  let args: { email?: string; password?: string; name?: string };
  try {
    args = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { email, password, name } = args;
  if (!email || !password) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  return withMigratedDataSource(config.database, async (dataSource) => {
    const user = await createAdmin(dataSource, { email, password, name, headOfficeName: config.headOfficeName, origin: 'cli' });
    console.log(`Created administrator ${user.email} (${user.id}) in ${redactUrl(config.database.url)}.`);
    return 0;
  });
}

exitWhenDone('create-admin', main());
