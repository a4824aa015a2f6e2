import { Logger } from '@nestjs/common';
import { USERS } from 'seeds/demo-bank';
import { HealthController } from 'src/web/health.controller';
import { expectError, expectNoInternals } from '../support/expect-error';
import { startTestApp, TestApp } from '../support/test-app';

describe(HealthController.name, () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.login(USERS.admin.email);
  });
  afterAll(() => t?.close());

  it('answers 200 with the database up, without a token', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  describe('when the database connection is gone', () => {
    beforeAll(async () => {
      // Closes the real connection (pool) under the running app, as when the server goes away.
      await t.dataSource.destroy();
    });

    it('answers 503 with the database down', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'down' });
    });

    it('answers GraphQL with INTERNAL_SERVER_ERROR and nothing internal, logging the cause on the server', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const res = await t.gql(`{ me { id email } }`, {}, token);
        expect(expectError(res, 'INTERNAL_SERVER_ERROR').message).toBe('Internal server error.');
        expectNoInternals(res.body);
        expect(logged).toHaveBeenCalled();
      } finally {
        logged.mockRestore();
      }
    });

    it('answers 200 again once the database is back', async () => {
      await t.dataSource.initialize();
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body.database).toBe('up');
      expect((await t.gql(`{ me { email } }`, {}, token)).data.me.email).toBe(USERS.admin.email);
    });
  });
});
