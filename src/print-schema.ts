/** `npm run schema:print`: writes the GraphQL schema the code declares to schema.gql (committed). */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { createApp } from 'src/bootstrap';
import { loadConfig } from 'src/config/app-config';

export const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'finreach-schema-'));
  const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: `sqlite:${join(dir, 'schema.sqlite')}`, SEED_DEMO: 'false', APP_SECRET: 'x'.repeat(32), VAR_DIR: dir });
  const app = await createApp(config, { logger: ['error'] });
  writeFileSync(SCHEMA_FILE, printSchema(app.get(GraphQLSchemaHost).schema) + '\n');
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`Wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
