import { UNITS, USERS } from 'seeds/demo-bank';
import { buildDemoPlan, CAMPAIGNS, EVENTS } from 'seeds/demo-plan';
import { loadDemoCheckIns } from 'seeds/load-demo-checkins';
import { loadDemoPlan } from 'seeds/load-demo-plan';
import { CampaignService } from 'src/campaigns/campaign.service';
import { TARGET_GROUPS } from 'src/campaigns/target-group.enum';
import { Clock } from 'src/common/clock';
import { localDateOf } from 'src/common/local-time';
import { EventStatus, VenueType } from 'src/events/event.enums';
import { OrgRepository } from 'src/org/org.repository';
import { startTestApp, TestApp } from '../support/test-app';

const ALL = `query ($after: String) { events(first: 200, after: $after) { pageInfo { endCursor hasNextPage }
  nodes { id title status venueType targetGroups startsAt endsAt onlineViews orgUnit { id } campaign { id }
          assignments { role user { id } } } } }`;

describe('demo plan (seeds/demo-plan.ts)', () => {
  let t: TestApp;
  let events: any[];

  beforeAll(async () => {
    t = await startTestApp();
    const analyst = await t.login(USERS.analyst.email);
    events = [];
    let after: string | null = null;
    do {
      const res: any = await t.gql(ALL, { after }, analyst);
      events.push(...res.data.events.nodes);
      after = res.data.events.pageInfo.hasNextPage ? res.data.events.pageInfo.endCursor : null;
    } while (after);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('has the 2025 3·15 week and 金融知识普及月 at head office and 防范非法集资宣传月 at 兰州分行', async () => {
    const token = await t.login(USERS.analyst.email);
    const res = await t.gql(`{ campaigns(first: 50) { nodes { id name startDate endDate orgUnit { id } targets { metric } } } }`, {}, token);
    const byId = new Map(res.data.campaigns.nodes.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(CAMPAIGNS.consumerRightsWeek2025)).toMatchObject({ name: expect.stringContaining('3·15'), startDate: '2025-03-10', endDate: '2025-03-16', orgUnit: { id: UNITS.headOffice } });
    expect(byId.get(CAMPAIGNS.financialKnowledgeMonth2025)).toMatchObject({ name: expect.stringContaining('金融知识普及月'), startDate: '2025-09-01', endDate: '2025-09-30', orgUnit: { id: UNITS.headOffice } });
    expect(byId.get(CAMPAIGNS.illegalFundraisingMonth2025)).toMatchObject({ name: expect.stringContaining('防范非法集资宣传月'), startDate: '2025-06-01', endDate: '2025-06-30', orgUnit: { id: UNITS.lanzhou } });
    for (const c of byId.values()) expect((c as { targets: unknown[] }).targets.length).toBeGreaterThan(0);
  });

  it('spreads about forty events over every venue type, target group and status, across the branches', () => {
    expect(events.length).toBeGreaterThanOrEqual(40);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(Object.values(EVENTS)));
    expect(new Set(events.map((e) => e.venueType))).toEqual(new Set(Object.values(VenueType)));
    expect(new Set(events.flatMap((e) => e.targetGroups))).toEqual(new Set(TARGET_GROUPS));
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(Object.values(EventStatus)));
    for (const campaign of [CAMPAIGNS.consumerRightsWeek2025, CAMPAIGNS.illegalFundraisingMonth2025, CAMPAIGNS.financialKnowledgeMonth2025]) {
      expect(events.filter((e) => e.campaign?.id === campaign).length).toBeGreaterThanOrEqual(6);
    }
    // Completed ONLINE events carry their online views.
    const onlineDone = events.filter((e) => e.venueType === 'ONLINE' && e.status === 'COMPLETED');
    expect(onlineDone.length).toBeGreaterThanOrEqual(3);
    expect(onlineDone.every((e) => e.onlineViews > 0)).toBe(true);
  });

  it('keeps to the planning rules: campaigns cover their events, staff belong to the event\'s subtree, nobody is double-booked', async () => {
    const campaigns = t.app.get(CampaignService);
    const orgs = t.app.get(OrgRepository);
    for (const e of events) {
      if (e.campaign) {
        const campaign = (await campaigns.findById(e.campaign.id))!;
        await expect(campaigns.assertCovers(campaign, { orgUnitId: e.orgUnit.id, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) }, 'campaignId')).resolves.toBeUndefined();
      }
      for (const a of e.assignments) {
        const user = Object.values(USERS).find((u) => u.id === a.user.id)!;
        expect(await orgs.isWithin(e.orgUnit.id, user.orgUnitId)).toBe(true);
      }
    }
    const live = events.filter((e) => e.status !== 'CANCELLED');
    for (const user of Object.values(USERS)) {
      const mine = live.filter((e) => e.assignments.some((a: { user: { id: string } }) => a.user.id === user.id)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      for (let i = 1; i < mine.length; i++) expect(Date.parse(mine[i].startsAt)).toBeGreaterThanOrEqual(Date.parse(mine[i - 1].endsAt));
    }
  });

  it('gives the demo volunteer today\'s event in progress on the check-in page\'s default range', async () => {
    const today = events.find((e) => e.id === EVENTS.yantanTodayMarket);
    expect(today).toMatchObject({ status: 'IN_PROGRESS', assignments: expect.arrayContaining([{ role: 'VOLUNTEER', user: { id: USERS.lanzhouVolunteer.id } }]) });
    // Ask as if it were the moment that event starts, so the answer cannot depend on when the test runs.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(today.startsAt));
    const volunteer = await t.login(USERS.lanzhouVolunteer.email);
    const mine = await t.gql(`{ myEvents { id status } }`, {}, volunteer);
    expect(mine.data.myEvents).toContainEqual({ id: EVENTS.yantanTodayMarket, status: 'IN_PROGRESS' });
  });

  it('places the events around the day it is loaded, in APP_TIMEZONE', () => {
    const now = new Date('2026-03-14T02:00:00Z');
    const plan = buildDemoPlan(now, 'Asia/Shanghai');
    const at = (id: string) => plan.events.find((e) => e.id === id)!;
    expect(at(EVENTS.yantanTodayMarket)).toMatchObject({ startsAt: new Date('2026-03-14T01:00:00Z'), endsAt: new Date('2026-03-14T13:00:00Z'), status: 'IN_PROGRESS' });
    expect(localDateOf(at(EVENTS.anningTomorrowVillage).startsAt, 'Asia/Shanghai')).toBe('2026-03-15');
    expect(at(EVENTS.yantanTodayMarket).campaignId).toBe(CAMPAIGNS.yearRound);
    expect(plan.campaigns.find((c) => c.id === CAMPAIGNS.yearRound)).toMatchObject({ startDate: '2026-01-01', endDate: '2026-12-31' });
    // Near New Year the next days fall outside the year-round campaign, and such events go without one.
    const newYearsEve = buildDemoPlan(new Date('2026-12-31T02:00:00Z'), 'Asia/Shanghai');
    expect(newYearsEve.events.find((e) => e.id === EVENTS.anningTomorrowVillage)!.campaignId).toBeNull();
  });

  it('loads twice without adding anything', async () => {
    expect(await loadDemoPlan(t.dataSource)).toEqual({ campaigns: 0, events: 0 });
  });

  it('gives held on-site events check-ins, so attendance and reach have figures, and loads them once', async () => {
    const analyst = await t.login(USERS.analyst.email);
    const held = events.filter((e) => ['IN_PROGRESS', 'COMPLETED'].includes(e.status) && e.venueType !== 'ONLINE');
    expect(held.length).toBeGreaterThan(0);
    for (const event of held) {
      const res = await t.gql(`query ($e: ID!) { attendance(eventId: $e) { total } }`, { e: event.id }, analyst);
      expect(res.data.attendance.total).toBeGreaterThan(0);
    }
    const before = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in'))[0].n);
    await loadDemoCheckIns(t.dataSource);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in'))[0].n)).toBe(before);
  });
});
