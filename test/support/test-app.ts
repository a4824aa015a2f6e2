import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from 'src/bootstrap';
import { AppConfig, loadConfig } from 'src/config/app-config';
import { DEMO_PASSWORD } from 'seeds/demo-bank';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_APP_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface GqlResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions: { code: string; fields?: string[]; reason?: string; [k: string]: unknown } }[];
  body: any;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** Logs in (demo password by default) and returns the bearer token. */
  login(email: string, password?: string): Promise<string>;
  /**
   * Boots a second instance of the service on the same database, as a load
   * balancer would run it; closing the peer leaves the database in place.
   */
  startPeer(): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * Boots the real application on a throwaway database (SQLite, or MySQL/MariaDB in
 * the TEST_DB=mysql pass), with the demo bank unless `seed: false`.
 */
export async function startTestApp(options: { seed?: boolean; env?: Record<string, string>; database?: TestDatabase } = {}): Promise<TestApp> {
  // `database`: one a test prepared itself (e.g. through a CLI); it is dropped on close all the same.
  const db: TestDatabase = options.database ?? (await createTestDatabase());
  const varDir = mkdtempSync(join(tmpdir(), 'finreach-var-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    APP_SECRET: TEST_APP_SECRET,
    SEED_DEMO: options.seed === false ? 'false' : 'true',
    VAR_DIR: varDir,
    ...options.env,
  });
  const app = await createApp(config, { logger: ['error'] });
  return wrapApp(app, config, async () => {
    await db.drop();
    rmSync(varDir, { recursive: true, force: true });
  });
}

function wrapApp(app: NestFastifyApplication, config: AppConfig, afterClose: () => Promise<void>): TestApp {
  const server = app.getHttpServer();
  const http = () => request(server);
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string, headers: Record<string, string> = {}) => {
    const req = http().post('/graphql').set('Content-Type', 'application/json').set(headers);
    if (token) req.set('Authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    http,
    gql,
    async login(email: string, password = DEMO_PASSWORD) {
      const res = await gql(`mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email, password });
      if (!res.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token as string;
    },
    async startPeer() {
      const peer = await createApp(config, { logger: ['error'] });
      return wrapApp(peer, config, async () => undefined);
    },
    async close() {
      await app.close();
      await afterClose();
    },
  };
}
