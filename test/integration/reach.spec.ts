import { UNITS, USERS } from 'seeds/demo-bank';
import { Clock } from 'src/common/clock';
import { ReachService } from 'src/reach/reach.service';
import { expectError } from '../support/expect-error';
import { createVolunteer } from '../support/events';
import { assign, eventInStatus, transition } from '../support/planning';
import { fold, insertCheckIns, reach } from '../support/reach';
import { startTestApp, TestApp } from '../support/test-app';

// Year 2031, away from the demo plan. 2031-03-10 is a Monday, 2031-03-16 a Sunday (ISO week 2031-W11).
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const plus2h = (local: string) => new Date(new Date(`${local}+08:00`).getTime() + 2 * 3600_000).toISOString();
const YEAR = { orgUnitId: UNITS.lanzhou, from: '2031-01-01', to: '2031-12-31' };

describe(ReachService.name, () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let staff: string;
  let qingdaoManager: string;
  let campaignId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    manager = await t.login(USERS.lanzhouManager.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    qingdaoManager = await t.login(USERS.qingdaoManager.email);
    const campaign = await t.gql(
      `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      {
        input: {
          name: '2031 3·15 消费者权益保护教育宣传周',
          startDate: '2031-03-01',
          endDate: '2031-03-31',
          orgUnitId: UNITS.lanzhou,
          targets: [
            { metric: 'ATTENDEES', goal: 20 },
            { metric: 'EVENTS', targetGroup: 'ELDERLY', goal: 2 },
            { metric: 'ONLINE_VIEWS', goal: 10 },
          ],
        },
      },
      manager,
    );
    campaignId = campaign.data.createCampaign.id;
    const event = async (name: string, status: string, input: Record<string, unknown>, token = staff) => {
      ids[name] = (await eventInStatus(t, token, status, input)).id;
    };
    // Monday 23:30 local = 15:30 UTC the same day.
    await event('e1', 'IN_PROGRESS', { orgUnitId: UNITS.lanzhouDonggang, venueType: 'COMMUNITY', targetGroups: ['ELDERLY', 'GENERAL'], startsAt: at('2031-03-10T23:30:00'), endsAt: plus2h('2031-03-10T23:30:00'), campaignId });
    // Sunday 23:30 local: still ISO week 11.
    await event('e2', 'COMPLETED', { orgUnitId: UNITS.lanzhouYantan, venueType: 'SCHOOL', targetGroups: ['YOUTH'], startsAt: at('2031-03-16T23:30:00'), endsAt: plus2h('2031-03-16T23:30:00') });
    // Monday 00:30 local is Sunday 16:30 UTC: ISO week 12 and day 2031-03-17.
    await event('e3', 'IN_PROGRESS', { orgUnitId: UNITS.lanzhouQilihe, venueType: 'VILLAGE', targetGroups: ['ELDERLY'], startsAt: at('2031-03-17T00:30:00'), endsAt: plus2h('2031-03-17T00:30:00'), campaignId }, manager);
    // The branch's own event (online, 10 views).
    await event('e4', 'COMPLETED', { orgUnitId: UNITS.lanzhou, venueType: 'ONLINE', address: null, targetGroups: ['YOUTH'], startsAt: at('2031-04-02T19:00:00'), endsAt: plus2h('2031-04-02T19:00:00') }, manager);
    await event('scheduled', 'SCHEDULED', { orgUnitId: UNITS.lanzhouDonggang, startsAt: at('2031-03-12T10:00:00'), endsAt: plus2h('2031-03-12T10:00:00') });
    await event('cancelled', 'CANCELLED', { orgUnitId: UNITS.lanzhouDonggang, startsAt: at('2031-03-13T10:00:00'), endsAt: plus2h('2031-03-13T10:00:00') });
    await event('qingdao', 'COMPLETED', { orgUnitId: UNITS.qingdaoShinan, startsAt: at('2031-03-12T10:00:00'), endsAt: plus2h('2031-03-12T10:00:00') }, admin);
    for (const volunteer of [await createVolunteer(t, UNITS.lanzhouDonggang), await createVolunteer(t, UNITS.lanzhouDonggang)]) {
      const res = await assign(t, manager, ids.e1, volunteer.id, 'VOLUNTEER');
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    expect((await transition(t, staff, 'completeEvent', ids.e1)).errors).toBeUndefined();
    const by = USERS.lanzhouStaff.id;
    await insertCheckIns(t, ids.e1, by, { ELDERLY: 3, GENERAL: 2, YOUTH: 1 });
    await insertCheckIns(t, ids.e2, by, { YOUTH: 2 });
    await insertCheckIns(t, ids.e3, by, { ELDERLY: 4 });
    await insertCheckIns(t, ids.scheduled, by, { ELDERLY: 7 });
    await insertCheckIns(t, ids.qingdao, USERS.admin.id, { GENERAL: 5 });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const fig = (events: number, attendees: number, onlineViews = 0, staffParticipations = 0) => ({
    events,
    attendees,
    onlineViews,
    peopleReached: attendees + onlineViews,
    leafletsDistributed: 0,
    staffParticipations,
  });
  const groupFig = (events: number, attendees: number) => ({ events, attendees, onlineViews: null, peopleReached: null, leafletsDistributed: null, staffParticipations: null });

  /** Every report this suite checks, so they can be compared before and after a fold. */
  const reports = async () => ({
    totals: await reach(t, admin, YEAR),
    byUnit: await reach(t, admin, YEAR, ['ORG_UNIT']),
    byGroup: await reach(t, admin, YEAR, ['TARGET_GROUP']),
    byVenue: await reach(t, admin, YEAR, ['VENUE_TYPE']),
    byCampaign: await reach(t, admin, YEAR, ['CAMPAIGN']),
    byDay: await reach(t, admin, YEAR, ['DAY']),
    byWeek: await reach(t, admin, YEAR, ['WEEK']),
    byMonth: await reach(t, admin, YEAR, ['MONTH']),
    unitGroupMonth: await reach(t, admin, YEAR, ['ORG_UNIT', 'TARGET_GROUP', 'MONTH']),
    elderly: await reach(t, admin, { ...YEAR, targetGroups: ['ELDERLY'] }),
    villages: await reach(t, admin, { ...YEAR, venueTypes: ['VILLAGE', 'SCHOOL'] }),
    partial: await reach(t, admin, { orgUnitId: UNITS.lanzhou, from: '2031-03-11', to: '2031-04-30' }, ['ORG_UNIT']),
  });
  const strip = (r: Record<string, any>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ...v, asOf: undefined }]));

  let before: Awaited<ReturnType<typeof reports>>;

  it('counts held events of the subtree only, with their attendees, online views and staff (nothing folded yet)', async () => {
    before = await reports();
    expect(before.totals.totals).toEqual(fig(4, 12, 10, 2));
    expect(before.totals.rows).toEqual([]);
  });

  it('drills down by ORG_UNIT: one row per child with its subtree, and the unit’s own events as its own row', async () => {
    const rows = before.byUnit.rows.map((r: any) => [r.orgUnit.id, r.figures]);
    expect(rows).toEqual([
      [UNITS.lanzhou, fig(1, 0, 10)],
      [UNITS.lanzhouChengguan, fig(2, 8, 0, 2)],
      [UNITS.lanzhouQilihe, fig(1, 4)],
    ]);
  });

  it('splits attendees by check-in group and counts events listing the group under TARGET_GROUP', async () => {
    expect(before.byGroup.rows.map((r: any) => [r.targetGroup, r.figures])).toEqual([
      ['ELDERLY', groupFig(2, 7)],
      ['YOUTH', groupFig(2, 3)],
      ['GENERAL', groupFig(1, 2)],
    ]);
    expect(before.byGroup.totals).toEqual(fig(4, 12, 10, 2));
  });

  it('filters by target groups: attendees of those groups, events listing one of them', async () => {
    expect(before.elderly.totals).toEqual(fig(2, 7, 0, 2));
  });

  it('groups by VENUE_TYPE and filters by venue types', async () => {
    expect(before.byVenue.rows.map((r: any) => [r.venueType, r.figures.events, r.figures.attendees])).toEqual([
      ['VILLAGE', 1, 4],
      ['COMMUNITY', 1, 6],
      ['SCHOOL', 1, 2],
      ['ONLINE', 1, 0],
    ]);
    expect(before.villages.totals).toEqual(fig(2, 6));
  });

  it('groups by CAMPAIGN, events of no campaign in a row without one', async () => {
    expect(before.byCampaign.rows.map((r: any) => [r.campaign?.id ?? null, r.figures.events, r.figures.attendees])).toEqual([
      [campaignId, 2, 10],
      [null, 2, 2],
    ]);
  });

  it('groups by DAY, WEEK and MONTH in APP_TIMEZONE (23:30 local stays on its day; Sunday night ends the ISO week)', async () => {
    expect(before.byDay.rows.map((r: any) => [r.period, r.figures.events])).toEqual([
      ['2031-03-10', 1],
      ['2031-03-16', 1],
      ['2031-03-17', 1],
      ['2031-04-02', 1],
    ]);
    expect(before.byWeek.rows.map((r: any) => [r.period, r.figures.events])).toEqual([
      ['2031-W11', 2],
      ['2031-W12', 1],
      ['2031-W14', 1],
    ]);
    expect(before.byMonth.rows.map((r: any) => [r.period, r.figures.events])).toEqual([
      ['2031-03', 3],
      ['2031-04', 1],
    ]);
    const day = await reach(t, admin, { orgUnitId: UNITS.lanzhou, from: '2031-03-10', to: '2031-03-10' });
    expect(day.totals.events).toBe(1);
    expect(day.totals.attendees).toBe(6);
  });

  it('groups by up to three dimensions at once, rows adding up to the totals', async () => {
    const rows = before.unitGroupMonth.rows;
    expect(rows[0]).toMatchObject({ orgUnit: { id: UNITS.lanzhou }, targetGroup: 'YOUTH', period: '2031-04', figures: groupFig(1, 0) });
    const attendees = rows.reduce((s: number, r: any) => s + r.figures.attendees, 0);
    expect(attendees).toBe(before.unitGroupMonth.totals.attendees);
    for (const report of [before.byUnit, before.byVenue, before.byCampaign, before.byDay, before.byMonth]) {
      for (const key of ['events', 'attendees', 'onlineViews', 'staffParticipations']) {
        expect(report.rows.reduce((s: number, r: any) => s + r.figures[key], 0)).toBe(report.totals[key]);
      }
    }
  });

  it('uses month rollups inside the range and day rows at its edges', async () => {
    expect(before.partial.totals).toEqual(fig(3, 6, 10));
  });

  it('gives identical figures after a fold, and stays exact for changes made after it', async () => {
    const folded = await fold(t);
    expect(folded.checkIns).toBeGreaterThan(0);
    expect(strip(await reports())).toEqual(strip(before));

    // After the fold: a new check-in, a new assignment and a completion are counted at once.
    await insertCheckIns(t, ids.e3, USERS.lanzhouStaff.id, { ELDERLY: 1 });
    expect((await assign(t, manager, ids.e3, (await createVolunteer(t, UNITS.lanzhouQilihe)).id, 'VOLUNTEER')).errors).toBeUndefined();
    expect((await transition(t, manager, 'completeEvent', ids.e3)).errors).toBeUndefined();
    const live = await reach(t, admin, YEAR);
    expect(live.totals).toEqual(fig(4, 13, 10, 3));
    await fold(t);
    expect((await reach(t, admin, YEAR)).totals).toEqual(live.totals);
  });

  it('defaults to the caller unit and keeps callers inside their subtree', async () => {
    const own = await reach(t, manager, { from: '2031-01-01', to: '2031-12-31' });
    expect(own.totals.events).toBe(4);
    expectError(await t.gql(`query { reach(filter: { orgUnitId: "${UNITS.lanzhou}" }) { asOf } }`, {}, qingdaoManager), 'FORBIDDEN');
    expectError(await t.gql(`query ($c: ID) { reach(filter: { campaignId: $c }) { asOf } }`, { c: campaignId }, qingdaoManager), 'FORBIDDEN');
    expectError(await t.gql(`query { reach(filter: { campaignId: "00000000-0000-0000-0000-00000000ffff" }) { asOf } }`, {}, admin), 'NOT_FOUND');
    expectError(await t.gql(`query { reach(filter: { orgUnitId: "00000000-0000-0000-0000-00000000ffff" }) { asOf } }`, {}, admin), 'NOT_FOUND');
    expectError(await t.gql(`query { reach { asOf } }`), 'UNAUTHENTICATED');
  });

  it('refuses bad input naming the fields', async () => {
    const q = (filter: string, groupBy = '[]') => t.gql(`query { reach(filter: ${filter}, groupBy: ${groupBy}) { asOf } }`, {}, admin);
    expect(expectError(await q('{ from: "2031-05-01", to: "2031-04-01" }'), 'BAD_USER_INPUT').extensions.fields).toEqual(['filter.from', 'filter.to']);
    expect(expectError(await q('{ from: "2020-01-01", to: "2025-01-01" }'), 'BAD_USER_INPUT').extensions.fields).toEqual(['filter.from', 'filter.to']);
    expect(expectError(await q('{}', '[ORG_UNIT, VENUE_TYPE, CAMPAIGN, MONTH]'), 'BAD_USER_INPUT').extensions.fields).toEqual(['groupBy']);
    const unknown = await t.gql(`query ($g: [ReachDimension!]) { reach(groupBy: $g) { asOf } }`, { g: ['PLANET'] }, admin);
    expect(unknown.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await q('{ from: "2020-01-01", to: "2024-12-31" }')).errors).toBeUndefined();
  });

  it('reports campaign progress against the goal prorated over elapsed local days', async () => {
    const clock = jest.spyOn(t.app.get(Clock), 'now');
    const progress = async () =>
      (await t.gql(`query ($id: ID!) { campaign(id: $id) { progress { metric targetGroup goal actual ratio onTrack } } }`, { id: campaignId }, manager)).data.campaign.progress;
    // 2031-03-16 10:00 local: day 16 of 31. Attendees 3+2+1 (e1) + 4+1 (e3) = 11.
    clock.mockReturnValue(new Date(at('2031-03-16T10:00:00')));
    expect(await progress()).toEqual([
      { metric: 'ATTENDEES', targetGroup: null, goal: 20, actual: 11, ratio: 0.55, onTrack: true },
      { metric: 'EVENTS', targetGroup: 'ELDERLY', goal: 2, actual: 2, ratio: 1, onTrack: true },
      { metric: 'ONLINE_VIEWS', targetGroup: null, goal: 10, actual: 0, ratio: 0, onTrack: false },
    ]);
    // 23:30 local on 2031-03-31 is still the last day: everything is due.
    clock.mockReturnValue(new Date(at('2031-03-31T23:30:00')));
    expect((await progress()).map((p: any) => p.onTrack)).toEqual([false, true, false]);
    // Before the start nothing is due yet.
    clock.mockReturnValue(new Date(at('2031-02-01T10:00:00')));
    expect((await progress()).map((p: any) => p.onTrack)).toEqual([true, true, true]);
    clock.mockRestore();
  });
});
