import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startTestApp, TestApp } from '../support/test-app';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.gql');

describe('schema.gql', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t?.close());

  it('is the schema the running service serves (run `npm run schema:print` after an API change)', () => {
    const served = printSchema(t.app.get(GraphQLSchemaHost).schema) + '\n';
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });
});
