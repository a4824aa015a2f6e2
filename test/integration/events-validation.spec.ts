import { UNITS, USERS } from 'seeds/demo-bank';
import { CAMPAIGNS } from 'seeds/demo-plan';
import { EventService } from 'src/events/event.service';
import { expectError } from '../support/expect-error';
import { countRows, CREATE_EVENT, createEvent, EVENT_FIELDS, eventInput, eventInStatus } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

const UPDATE = `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`;
/** Inside 兰州分行's 2025 防范非法集资宣传月 (June, Asia/Shanghai). */
const JUNE = { startsAt: '2025-06-10T09:00:00+08:00', endsAt: '2025-06-10T11:00:00+08:00' };

/** Rows every refused createEvent must leave untouched. */
async function snapshot(t: TestApp) {
  return { events: await countRows(t, 'event'), groups: await countRows(t, 'event_target_group') };
}

describe(`${EventService.name} input rules`, () => {
  let t: TestApp;
  let admin: string;
  let lanzhouManager: string;
  let qingdaoStaff: string;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, lanzhouManager, qingdaoStaff] = await Promise.all([
      t.login(USERS.admin.email),
      t.login(USERS.lanzhouManager.email),
      t.login(USERS.qingdaoStaff.email),
    ]);
  });
  afterAll(() => t?.close());

  it.each([
    ['an end before the start', { startsAt: '2030-05-20T10:00:00Z', endsAt: '2030-05-20T09:00:00Z' }, 'input.endsAt'],
    ['an end equal to the start', { startsAt: '2030-05-20T10:00:00Z', endsAt: '2030-05-20T10:00:00Z' }, 'input.endsAt'],
    ['an event longer than 14 days', { startsAt: '2030-05-01T00:00:00Z', endsAt: '2030-05-15T00:00:01Z' }, 'input.endsAt'],
    ['a start that is not a date-time', { startsAt: 'next Tuesday' }, 'input.startsAt'],
    ['empty target groups', { targetGroups: [] }, 'input.targetGroups'],
    ['an unknown target group', { targetGroups: ['RETIREES'] }, 'input.targetGroups'],
    ['capacity under 1', { capacity: 0 }, 'input.capacity'],
    ['a title over 200 characters', { title: '讲'.repeat(201) }, 'input.title'],
    ['a blank title', { title: '   ' }, 'input.title'],
    ['a venue with no address', { venueType: 'VILLAGE', address: null }, 'input.address'],
    ['an unknown campaign', { campaignId: '30000000-0000-4000-8000-999999999999' }, 'input.campaignId'],
    ['a campaign whose unit does not cover the event (兰州分行 campaign, 青岛分行 event)', { ...JUNE, campaignId: CAMPAIGNS.illegalFundraisingMonth2025, orgUnitId: UNITS.qingdaoShinan }, 'input.campaignId'],
    ['an event outside its campaign dates', { startsAt: '2025-07-02T09:00:00+08:00', endsAt: '2025-07-02T11:00:00+08:00', campaignId: CAMPAIGNS.illegalFundraisingMonth2025 }, 'input.campaignId'],
    // 2025-07-01 00:30 in Shanghai is still 2025-06-30 in UTC: the campaign's days are Shanghai days.
    ['an event on the day after the campaign in APP_TIMEZONE, though still inside it in UTC', { startsAt: '2025-07-01T00:30:00+08:00', endsAt: '2025-07-01T01:30:00+08:00', campaignId: CAMPAIGNS.illegalFundraisingMonth2025 }, 'input.campaignId'],
    ['an unknown org unit', { orgUnitId: '10000000-0000-4000-8000-999999999999' }, 'input.orgUnitId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_case, overrides, field) => {
    const before = await snapshot(t);
    const res = await t.gql(CREATE_EVENT, { input: eventInput(overrides as never) }, admin);
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.extensions.fields?.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))).toBe(true);
    expect(await snapshot(t)).toEqual(before);
  });

  it('accepts an event that ends at midnight after the campaign\'s last day, and one of exactly 14 days', async () => {
    const lastEvening = await createEvent(t, lanzhouManager, {
      startsAt: '2025-06-30T22:00:00+08:00',
      endsAt: '2025-07-01T00:00:00+08:00',
      campaignId: CAMPAIGNS.illegalFundraisingMonth2025,
    });
    expect(lastEvening.campaign.id).toBe(CAMPAIGNS.illegalFundraisingMonth2025);
    const fortnight = await createEvent(t, lanzhouManager, { startsAt: '2030-05-01T00:00:00Z', endsAt: '2030-05-15T00:00:00Z' });
    expect(fortnight.endsAt).toBe('2030-05-15T00:00:00.000Z');
  });

  it('lets a head-office campaign cover any branch, and a branch campaign its own subtree', async () => {
    const qingdao = await createEvent(t, qingdaoStaff, {
      orgUnitId: UNITS.qingdaoXianggangRoad,
      startsAt: '2025-03-12T14:00:00+08:00',
      endsAt: '2025-03-12T16:00:00+08:00',
      campaignId: CAMPAIGNS.consumerRightsWeek2025,
    });
    expect(qingdao.campaign.id).toBe(CAMPAIGNS.consumerRightsWeek2025);
    const outlet = await createEvent(t, lanzhouManager, { ...JUNE, orgUnitId: UNITS.lanzhouYantan, campaignId: CAMPAIGNS.illegalFundraisingMonth2025 });
    expect(outlet.orgUnit.id).toBe(UNITS.lanzhouYantan);
  });

  it('needs no address for an ONLINE event', async () => {
    const online = await createEvent(t, lanzhouManager, { venueType: 'ONLINE', venueName: '视频号直播间', address: null });
    expect(online).toMatchObject({ venueType: 'ONLINE', address: null });
  });

  it('refuses a unit outside the planner\'s subtree with FORBIDDEN, writing nothing', async () => {
    const before = await snapshot(t);
    expectError(await t.gql(CREATE_EVENT, { input: eventInput({ orgUnitId: UNITS.lanzhou }) }, qingdaoStaff), 'FORBIDDEN');
    expect(await snapshot(t)).toEqual(before);
  });

  it('updates the plan; null clears campaign, address and capacity; target groups are replaced', async () => {
    const event = await createEvent(t, lanzhouManager, { ...JUNE, campaignId: CAMPAIGNS.illegalFundraisingMonth2025, capacity: 80 });
    const res = await t.gql(
      UPDATE,
      { id: event.id, input: { title: '改期后的讲座', campaignId: null, capacity: null, venueType: 'ONLINE', address: null, targetGroups: ['YOUTH', 'DISABLED'], startsAt: '2030-05-21T01:00:00Z', endsAt: '2030-05-21T02:30:00Z' } },
      lanzhouManager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateEvent).toMatchObject({
      title: '改期后的讲座',
      campaign: null,
      capacity: null,
      address: null,
      venueType: 'ONLINE',
      targetGroups: ['YOUTH', 'DISABLED'],
      startsAt: '2030-05-21T01:00:00.000Z',
      endsAt: '2030-05-21T02:30:00.000Z',
      topics: event.topics,
    });
  });

  it('checks an update like a new plan: the merged event must still be valid and covered', async () => {
    const event = await createEvent(t, lanzhouManager, { ...JUNE, campaignId: CAMPAIGNS.illegalFundraisingMonth2025 });
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: '2025-06-10T08:00:00+08:00' }, 'input.endsAt'],
      [{ startsAt: '2025-07-10T09:00:00+08:00', endsAt: '2025-07-10T10:00:00+08:00' }, 'input.campaignId'],
      [{ venueType: 'SCHOOL', address: null }, 'input.address'],
      [{ title: null }, 'input.title'],
      [{ targetGroups: [] }, 'input.targetGroups'],
    ];
    for (const [input, field] of cases) {
      const error = expectError(await t.gql(UPDATE, { id: event.id, input }, lanzhouManager), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toContain(field);
    }
    const stored = (await t.gql(`query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`, { id: event.id }, lanzhouManager)).data.event;
    expect(stored).toEqual(event);
  });

  it('refuses to change a completed or cancelled event (CONFLICT EVENT_CLOSED) and answers NOT_FOUND for an unknown one', async () => {
    for (const status of ['COMPLETED', 'CANCELLED']) {
      const event = await eventInStatus(t, lanzhouManager, status);
      const error = expectError(await t.gql(UPDATE, { id: event.id, input: { title: '新标题' } }, lanzhouManager), 'CONFLICT');
      expect(error.extensions.reason).toBe('EVENT_CLOSED');
    }
    expectError(await t.gql(UPDATE, { id: '40000000-0000-4000-8000-999999999999', input: { title: 'x' } }, admin), 'NOT_FOUND');
  });
});
