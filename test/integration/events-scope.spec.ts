import { UNITS, USERS } from 'seeds/demo-bank';
import { CAMPAIGNS, EVENTS } from 'seeds/demo-plan';
import { EventService } from 'src/events/event.service';
import { expectError } from '../support/expect-error';
import { assign, countRows, CREATE_EVENT, createEvent, eventInput, HOUR } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

const LIST = `query ($filter: EventsFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id startsAt orgUnit { id } } } }`;
const READ = `query ($id: ID!) { event(id: $id) { id title } }`;
const MY = `query ($from: DateTime, $to: DateTime) { myEvents(from: $from, to: $to) { id startsAt } }`;

describe(`${EventService.name} scope`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const key of ['admin', 'analyst', 'lanzhouManager', 'lanzhouStaff', 'lanzhouVolunteer', 'qingdaoManager', 'qingdaoStaff'] as const) {
      tokens[key] = await t.login(USERS[key].email);
    }
  });
  afterAll(() => t?.close());

  /** Every id `events` gives the caller for `filter`, across all pages. */
  async function listAll(token: string, filter: Record<string, unknown> = {}): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const res: any = await t.gql(LIST, { filter, first: 200, after }, token);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      ids.push(...res.data.events.nodes.map((n: { id: string }) => n.id));
      after = res.data.events.pageInfo.hasNextPage ? res.data.events.pageInfo.endCursor : null;
    } while (after);
    return ids;
  }

  it('keeps a 青岛分行 planner away from 兰州分行 events: cannot see, list or touch them', async () => {
    const qd = tokens.qingdaoStaff;
    const lanzhouEvent = EVENTS.lanzhouUpcomingCommunity;
    expectError(await t.gql(READ, { id: lanzhouEvent }, qd), 'FORBIDDEN');
    expect(await listAll(qd)).not.toContain(lanzhouEvent);
    expectError(await t.gql(LIST, { filter: { orgUnitId: UNITS.lanzhou } }, qd), 'FORBIDDEN');
    expectError(await t.gql(LIST, { filter: { campaignId: CAMPAIGNS.illegalFundraisingMonth2025 } }, qd), 'FORBIDDEN');

    const before = { events: await countRows(t, 'event'), assignments: await countRows(t, 'event_assignment') };
    const attempts = [
      t.gql(`mutation ($id: ID!) { updateEvent(id: $id, input: { title: "x" }) { id } }`, { id: lanzhouEvent }, qd),
      t.gql(`mutation ($id: ID!) { startEvent(id: $id) { id } }`, { id: lanzhouEvent }, qd),
      t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "x") { id } }`, { id: lanzhouEvent }, qd),
      assign(t, qd, lanzhouEvent, USERS.qingdaoStaff.id),
      t.gql(`mutation ($id: ID!, $u: ID!) { unassignFromEvent(eventId: $id, userId: $u) { id } }`, { id: lanzhouEvent, u: USERS.lanzhouStaff.id }, qd),
      t.gql(`mutation ($id: ID!) { createCheckInLink(eventId: $id) { url } }`, { id: lanzhouEvent }, qd),
      t.gql(CREATE_EVENT, { input: eventInput({ orgUnitId: UNITS.lanzhouChengguan }) }, qd),
    ];
    for (const res of await Promise.all(attempts)) expectError(res, 'FORBIDDEN');
    expect({ events: await countRows(t, 'event'), assignments: await countRows(t, 'event_assignment') }).toEqual(before);
  });

  it('shows a branch manager its whole subtree and nothing of other branches', async () => {
    const ids = await listAll(tokens.lanzhouManager);
    expect(ids).toEqual(expect.arrayContaining([EVENTS.lanzhouUpcomingCommunity, EVENTS.yantanTodayMarket, EVENTS.xigu315Village, EVENTS.peiliFundAccessibility]));
    expect(ids).not.toContain(EVENTS.qingdaoTodaySchool);
    expect(ids).not.toContain(EVENTS.headOffice315Launch);
    const subtree = await listAll(tokens.lanzhouManager, { orgUnitId: UNITS.lanzhouChengguan });
    expect(subtree).toContain(EVENTS.yantanTodayMarket);
    expect(subtree).not.toContain(EVENTS.xigu315Village);
  });

  it('lets head office read everything: the analyst reads but cannot plan', async () => {
    const all = await listAll(tokens.analyst);
    expect(all).toEqual(expect.arrayContaining(Object.values(EVENTS)));
    expectError(await t.gql(CREATE_EVENT, { input: eventInput() }, tokens.analyst), 'FORBIDDEN');
  });

  it('shows a volunteer only the events it is assigned to', async () => {
    const volunteer = tokens.lanzhouVolunteer;
    const assigned = [EVENTS.lanzhou315Community, EVENTS.zhangyeFundStreet, EVENTS.donggangRecentOutlet, EVENTS.yantanTodayMarket, EVENTS.lanzhouUpcomingCommunity];
    expect((await listAll(volunteer)).sort()).toEqual([...assigned].sort());
    expect((await t.gql(READ, { id: EVENTS.yantanTodayMarket }, volunteer)).data.event.id).toBe(EVENTS.yantanTodayMarket);
    // The same outlet's other event today is not the volunteer's.
    expectError(await t.gql(READ, { id: EVENTS.donggangTodaySalon }, volunteer), 'FORBIDDEN');
    // A unit filter only narrows its own events.
    expect(await listAll(volunteer, { orgUnitId: UNITS.qingdao })).toEqual([]);
  });

  it('gives myEvents the caller\'s own events in a time range, by start time', async () => {
    const staff = tokens.lanzhouStaff;
    const event = await createEvent(t, staff, { startsAt: '2032-01-10T01:00:00Z', endsAt: '2032-01-10T03:00:00Z' });
    await assign(t, staff, event.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER');
    const mine = await t.gql(MY, { from: '2032-01-10T00:00:00Z', to: '2032-01-11T00:00:00Z' }, tokens.lanzhouVolunteer);
    expect(mine.data.myEvents).toEqual([{ id: event.id, startsAt: '2032-01-10T01:00:00.000Z' }]);
    // An event still running at `from` counts: it overlaps the range.
    const running = await t.gql(MY, { from: '2032-01-10T02:00:00Z', to: '2032-01-10T02:30:00Z' }, tokens.lanzhouVolunteer);
    expect(running.data.myEvents.map((e: { id: string }) => e.id)).toEqual([event.id]);
    expect((await t.gql(MY, { from: '2032-01-10T00:00:00Z', to: '2032-01-11T00:00:00Z' }, staff)).data.myEvents).toEqual([]);
    expect(expectError(await t.gql(MY, { from: '2032-01-11T00:00:00Z', to: '2032-01-10T00:00:00Z' }, staff), 'BAD_USER_INPUT').extensions.fields).toEqual(['to']);
    expect(expectError(await t.gql(MY, { from: '2032-01-01T00:00:00Z', to: '2034-01-01T00:00:00Z' }, staff), 'BAD_USER_INPUT').extensions.fields).toEqual(['to']);
  });

  it('lets staff read a branch-level event they are assigned to, above their own subtree', async () => {
    // 城关支行 staff is STAFF at the 兰州分行-level community event of the demo plan.
    expect((await t.gql(READ, { id: EVENTS.lanzhouUpcomingCommunity }, tokens.lanzhouStaff)).data.event.id).toBe(EVENTS.lanzhouUpcomingCommunity);
    expectError(await t.gql(READ, { id: EVENTS.lanzhouFundOnline }, tokens.lanzhouStaff), 'FORBIDDEN');
  });

  it('answers null for an unknown event and NOT_FOUND for an unknown campaign filter', async () => {
    expect((await t.gql(READ, { id: '40000000-0000-4000-8000-999999999999' }, tokens.admin)).data.event).toBeNull();
    expectError(await t.gql(LIST, { filter: { campaignId: '30000000-0000-4000-8000-999999999999' } }, tokens.admin), 'NOT_FOUND');
    expectError(await t.gql(READ, { id: EVENTS.yantanTodayMarket }), 'UNAUTHENTICATED');
  });

  it('filters by campaign, status, venue type, target group and time range', async () => {
    const manager = tokens.lanzhouManager;
    expect((await listAll(manager, { campaignId: CAMPAIGNS.illegalFundraisingMonth2025 })).sort()).toEqual(
      [EVENTS.xizhanFundCommunity, EVENTS.anningFundVillage, EVENTS.zhangyeFundStreet, EVENTS.lanzhouFundOnline, EVENTS.xiguchengFundEnterprise, EVENTS.peiliFundAccessibility].sort(),
    );
    const june = { from: '2025-06-01T00:00:00+08:00', to: '2025-07-01T00:00:00+08:00' };
    expect(await listAll(manager, { ...june, venueTypes: ['ONLINE', 'OUTLET'] })).toEqual([EVENTS.lanzhouFundOnline, EVENTS.peiliFundAccessibility]);
    expect(await listAll(manager, { ...june, targetGroup: 'DISABLED' })).toEqual([EVENTS.peiliFundAccessibility]);
    expect(await listAll(manager, { ...june, targetGroup: 'ETHNIC_MINORITY', status: ['COMPLETED'] })).toEqual([EVENTS.anningFundVillage]);
    expect(await listAll(manager, { ...june, status: ['DRAFT', 'CANCELLED'] })).toEqual([]);
    const bad = await t.gql(LIST, { filter: { from: june.to, to: june.from } }, manager);
    expect(expectError(bad, 'BAD_USER_INPUT').extensions.fields).toEqual(['filter.to']);
  });

  it('pages in a stable order of start time then id, also through events that start together', async () => {
    const staff = tokens.lanzhouStaff;
    const base = Date.UTC(2033, 0, 1, 1);
    for (let i = 0; i < 7; i++) {
      const startsAt = new Date(base + Math.floor(i / 3) * HOUR).toISOString();
      await createEvent(t, staff, { startsAt, endsAt: new Date(Date.parse(startsAt) + HOUR).toISOString() });
    }
    const filter = { from: '2033-01-01T00:00:00Z', to: '2033-01-02T00:00:00Z' };
    const whole = (await t.gql(LIST, { filter, first: 200 }, staff)).data.events;
    expect(whole.totalCount).toBe(7);
    const keys = whole.nodes.map((n: { startsAt: string; id: string }) => `${n.startsAt}|${n.id}`);
    expect([...keys].sort()).toEqual(keys);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await t.gql(LIST, { filter, first: 2, after }, staff)).data.events;
      expect(page.totalCount).toBe(7);
      paged.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(whole.nodes.map((n: { id: string }) => n.id));
    expectError(await t.gql(LIST, { filter, after: 'not-a-cursor' }, staff), 'BAD_USER_INPUT');
  });
});
