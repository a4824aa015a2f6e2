import { startTestApp, TestApp } from '../support/test-app';
import { USERS } from 'seeds/demo-bank';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('logs in and reads me', async () => {
    const token = await t.login(USERS.admin.email);
    const res = await t.gql(`{ me { id email role orgUnit { name children { code } } } }`, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.orgUnit.name).toBe('总行');
  });
});
