import { startTestApp, TestApp } from '../support/test-app';
import { USERS } from 'seeds/demo-bank';

describe('explore', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(() => t?.close());
  it('runs', async () => {
    const token = await t.login(USERS.lanzhouManager.email);
    const r = await t.gql(`{ events(first: 5) { totalCount pageInfo { endCursor hasNextPage } nodes { id title startsAt endsAt status targetGroups topics orgUnit { code } campaign { name startDate endDate targets { metric targetGroup goal } } assignments { role user { name } } } } }`, {}, token);
    console.log(JSON.stringify(r.body, null, 1).slice(0, 3000));
    const c = await t.gql(`{ campaigns { totalCount nodes { name startDate endDate orgUnit { code } } } }`, {}, token);
    console.log(JSON.stringify(c.body));
    const v = await t.login(USERS.lanzhouVolunteer.email);
    const m = await t.gql(`{ myEvents { id title startsAt status } }`, {}, v);
    console.log(JSON.stringify(m.body));
  });
});
