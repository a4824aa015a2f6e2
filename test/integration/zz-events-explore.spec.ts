import { startTestApp, TestApp } from '../support/test-app';
import { USERS } from 'seeds/demo-bank';
import { CREATE_EVENT, eventInput } from '../support/planning';

describe('explore', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t?.close());
  it('runs', async () => {
    const token = await t.login(USERS.admin.email);
    const r = await t.gql(CREATE_EVENT, { input: eventInput({ targetGroups: ['RETIREES'] }) }, token);
    console.log(JSON.stringify(r.body));
  });
});
