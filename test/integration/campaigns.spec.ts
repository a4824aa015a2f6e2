import { UNITS, USERS } from 'seeds/demo-bank';
import { CAMPAIGNS } from 'seeds/demo-plan';
import { CampaignService } from 'src/campaigns/campaign.service';
import { expectError } from '../support/expect-error';
import { countRows, createEvent } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

const CAMPAIGN_FIELDS = 'id name theme description startDate endDate orgUnit { id code } targets { metric targetGroup goal }';
const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;
const LIST = `query ($filter: CampaignsFilter, $first: Int, $after: String) {
  campaigns(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id name startDate } } }`;

function campaignInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '2030年兰州分行"金融知识进万家"宣传月',
    theme: '守住钱袋子',
    description: '面向老年人和新市民的集中宣传。',
    startDate: '2030-05-01',
    endDate: '2030-05-31',
    orgUnitId: UNITS.lanzhou,
    targets: [
      { metric: 'EVENTS', goal: 20 },
      { metric: 'ATTENDEES', targetGroup: 'ELDERLY', goal: 500 },
      { metric: 'PEOPLE_REACHED', goal: 3000 },
    ],
    ...overrides,
  };
}

describe(CampaignService.name, () => {
  let t: TestApp;
  let lanzhouManager: string;
  let qingdaoManager: string;
  let lanzhouStaff: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    [lanzhouManager, qingdaoManager, lanzhouStaff, admin] = await Promise.all([
      t.login(USERS.lanzhouManager.email),
      t.login(USERS.qingdaoManager.email),
      t.login(USERS.lanzhouStaff.email),
      t.login(USERS.admin.email),
    ]);
  });
  afterAll(() => t?.close());

  it('creates a campaign with targets per metric and per target group, and reads it back', async () => {
    const res = await t.gql(CREATE, { input: campaignInput() }, lanzhouManager);
    expect(res.errors).toBeUndefined();
    const created = res.data.createCampaign;
    expect(created).toMatchObject({
      name: '2030年兰州分行"金融知识进万家"宣传月',
      startDate: '2030-05-01',
      endDate: '2030-05-31',
      orgUnit: { id: UNITS.lanzhou, code: 'LZ' },
      targets: [
        { metric: 'EVENTS', targetGroup: null, goal: 20 },
        { metric: 'ATTENDEES', targetGroup: 'ELDERLY', goal: 500 },
        { metric: 'PEOPLE_REACHED', targetGroup: null, goal: 3000 },
      ],
    });
    const read = await t.gql(`query ($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`, { id: created.id }, lanzhouManager);
    expect(read.data.campaign).toEqual(created);
  });

  it.each([
    ['endDate before startDate', { startDate: '2030-05-10', endDate: '2030-05-09' }, 'input.endDate'],
    ['a day that does not exist', { startDate: '2030-02-30' }, 'input.startDate'],
    ['a name over 200 characters', { name: '宣'.repeat(201) }, 'input.name'],
    ['a goal under 1', { targets: [{ metric: 'EVENTS', goal: 0 }] }, 'input.targets.0.goal'],
    ['a target group on a metric reach cannot split', { targets: [{ metric: 'ONLINE_VIEWS', targetGroup: 'YOUTH', goal: 10 }] }, 'input.targets.0.targetGroup'],
    ['the same target twice', { targets: [{ metric: 'EVENTS', goal: 1 }, { metric: 'EVENTS', goal: 2 }] }, 'input.targets.1'],
    ['an unknown org unit', { orgUnitId: '10000000-0000-4000-8000-999999999999' }, 'input.orgUnitId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_case, overrides, field) => {
    const before = await countRows(t, 'campaign');
    const res = await t.gql(CREATE, { input: campaignInput(overrides) }, admin);
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual(expect.arrayContaining([field]));
    expect(await countRows(t, 'campaign')).toBe(before);
  });

  it('lets only campaign managers of the unit create: staff and other branches are FORBIDDEN', async () => {
    const before = await countRows(t, 'campaign');
    expectError(await t.gql(CREATE, { input: campaignInput() }, lanzhouStaff), 'FORBIDDEN');
    expectError(await t.gql(CREATE, { input: campaignInput() }, qingdaoManager), 'FORBIDDEN');
    expect(await countRows(t, 'campaign')).toBe(before);
  });

  it('updates name, theme and targets; the owning unit stays', async () => {
    const created = (await t.gql(CREATE, { input: campaignInput() }, lanzhouManager)).data.createCampaign;
    const res = await t.gql(
      UPDATE,
      { id: created.id, input: { name: '改名后的宣传月', theme: null, targets: [{ metric: 'LEAFLETS_DISTRIBUTED', goal: 800 }] } },
      lanzhouManager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateCampaign).toMatchObject({
      name: '改名后的宣传月',
      theme: null,
      description: '面向老年人和新市民的集中宣传。',
      orgUnit: { id: UNITS.lanzhou },
      targets: [{ metric: 'LEAFLETS_DISTRIBUTED', targetGroup: null, goal: 800 }],
    });
  });

  it('refuses clearing the name with null, naming the field, and changes nothing', async () => {
    const created = (await t.gql(CREATE, { input: campaignInput() }, lanzhouManager)).data.createCampaign;
    const res = await t.gql(UPDATE, { id: created.id, input: { name: null } }, lanzhouManager);
    expect(expectError(res, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.name']);
    expect((await t.gql(`query ($id: ID!) { campaign(id: $id) { name } }`, { id: created.id }, lanzhouManager)).data.campaign.name).toBe(created.name);
  });

  it('answers NOT_FOUND for an unknown id (FORBIDDEN below head office, like a hidden one) and FORBIDDEN for a campaign above the caller', async () => {
    expectError(await t.gql(UPDATE, { id: '30000000-0000-4000-8000-999999999999', input: { name: 'x' } }, admin), 'NOT_FOUND');
    expectError(await t.gql(UPDATE, { id: '30000000-0000-4000-8000-999999999999', input: { name: 'x' } }, lanzhouManager), 'FORBIDDEN');
    // The head office's 3·15 week covers 兰州分行, but only the head office may change it.
    expectError(await t.gql(UPDATE, { id: CAMPAIGNS.consumerRightsWeek2025, input: { name: 'x' } }, lanzhouManager), 'FORBIDDEN');
  });

  it('keeps the dates of a campaign around the events linked to it', async () => {
    const created = (await t.gql(CREATE, { input: campaignInput() }, lanzhouManager)).data.createCampaign;
    await createEvent(t, lanzhouManager, { campaignId: created.id, startsAt: '2030-05-20T01:00:00Z', endsAt: '2030-05-20T03:00:00Z' });
    const narrowed = await t.gql(UPDATE, { id: created.id, input: { startDate: '2030-05-21' } }, lanzhouManager);
    expect(expectError(narrowed, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.startDate']);
    const ok = await t.gql(UPDATE, { id: created.id, input: { startDate: '2030-05-20', endDate: '2030-05-20' } }, lanzhouManager);
    expect(ok.data.updateCampaign).toMatchObject({ startDate: '2030-05-20', endDate: '2030-05-20' });
  });

  it('lists the campaigns that apply to a unit: its own, those above that cover it, those below it', async () => {
    const all = async (token: string, filter: Record<string, unknown> = {}) =>
      ((await t.gql(LIST, { filter, first: 200 }, token)).data.campaigns.nodes as { id: string }[]).map((c) => c.id);
    const qingdao = await all(qingdaoManager);
    expect(qingdao).toEqual(expect.arrayContaining([CAMPAIGNS.consumerRightsWeek2025, CAMPAIGNS.financialKnowledgeMonth2025]));
    expect(qingdao).not.toContain(CAMPAIGNS.illegalFundraisingMonth2025);
    expect(await all(lanzhouManager)).toContain(CAMPAIGNS.illegalFundraisingMonth2025);
    // Head office sees everything, and narrowing to 青岛分行 leaves 兰州分行's own campaign out.
    expect(await all(admin)).toContain(CAMPAIGNS.illegalFundraisingMonth2025);
    expect(await all(admin, { orgUnitId: UNITS.qingdao })).not.toContain(CAMPAIGNS.illegalFundraisingMonth2025);
    expectError(await t.gql(LIST, { filter: { orgUnitId: UNITS.lanzhou } }, qingdaoManager), 'FORBIDDEN');
  });

  it('filters by the day a campaign is active on', async () => {
    // The year-round demo campaign follows the year the plan was loaded in; leave it out of the comparison.
    const active = async (day: string) =>
      ((await t.gql(LIST, { filter: { activeOn: day } }, lanzhouManager)).data.campaigns.nodes as { id: string }[])
        .map((c) => c.id)
        .filter((id) => id !== CAMPAIGNS.yearRound);
    expect(await active('2025-06-15')).toEqual([CAMPAIGNS.illegalFundraisingMonth2025]);
    expect(await active('2025-03-16')).toEqual([CAMPAIGNS.consumerRightsWeek2025]);
    expect(await active('2025-03-17')).toEqual([]);
  });

  it('pages through campaigns in start-date order without gaps or repeats', async () => {
    const first = (await t.gql(LIST, { first: 200 }, admin)).data.campaigns;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await t.gql(LIST, { first: 2, after }, admin)).data.campaigns;
      expect(page.totalCount).toBe(first.totalCount);
      seen.push(...page.nodes.map((c: { id: string }) => c.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(first.nodes.map((c: { id: string }) => c.id));
    const dates = first.nodes.map((c: { startDate: string }) => c.startDate);
    expect([...dates].sort()).toEqual(dates);
  });

  it('shows a campaign to those it covers or contains, and FORBIDDEN to other branches', async () => {
    const read = (id: string, token: string) => t.gql(`query ($id: ID!) { campaign(id: $id) { id } }`, { id }, token);
    expect((await read(CAMPAIGNS.consumerRightsWeek2025, qingdaoManager)).data.campaign.id).toBe(CAMPAIGNS.consumerRightsWeek2025);
    expectError(await read(CAMPAIGNS.illegalFundraisingMonth2025, qingdaoManager), 'FORBIDDEN');
    expect((await read('30000000-0000-4000-8000-999999999999', admin)).data.campaign).toBeNull();
  });
});
