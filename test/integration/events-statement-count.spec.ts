import { UNITS, USERS } from 'seeds/demo-bank';
import { EventService } from 'src/events/event.service';
import { assign, countStatements, createEvent, HOUR } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The fields asked for on every event of a page. A field that joins another
 * domain (e.g. `attendance { total byTargetGroup { targetGroup count } }` from
 * check-in, `leafletsDistributed` from materials) is added here as one line,
 * and the test then proves that it is batched too.
 */
const EVENT_FIELDS = [
  'id title startsAt status',
  'orgUnit { id name parent { id name } }',
  'campaign { id name orgUnit { id } targets { metric targetGroup goal } }',
  'targetGroups',
  'assignments { role user { id name orgUnit { id } } }',
  'attendance { total byTargetGroup { targetGroup count } }',
  'leafletsDistributed',
];

const PAGE = `query ($filter: EventsFilter, $first: Int) {
  events(filter: $filter, first: $first) { totalCount nodes { ${EVENT_FIELDS.join('\n')} } } }`;

const EVENTS = 110;

describe(`${EventService.name} batching`, () => {
  let t: TestApp;
  let manager: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login(USERS.admin.email);
    manager = await t.login(USERS.lanzhouManager.email);
    const unit = await t.gql(`mutation { createOrgUnit(input: { code: "LZ-BATCH", name: "批量测试支行", level: SUB_BRANCH, parentId: "${UNITS.lanzhou}" }) { id } }`, {}, admin);
    unitId = unit.data.createOrgUnit.id;
    const people: string[] = [];
    for (const [i, role] of ['OUTREACH_STAFF', 'VOLUNTEER'].entries()) {
      const res = await t.gql(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email: `batch${i}@finreach.test`, name: `批量${i}`, password: 'batch-password-123', role, orgUnitId: unitId } },
        manager,
      );
      people.push(res.data.createUser.id);
    }
    const campaigns: string[] = [];
    for (const name of ['批量活动甲', '批量活动乙']) {
      const res = await t.gql(
        `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
        { input: { name, startDate: '2034-01-01', endDate: '2034-12-31', orgUnitId: unitId, targets: [{ metric: 'EVENTS', goal: 50 }] } },
        manager,
      );
      campaigns.push(res.data.createCampaign.id);
    }
    // Events two hours apart, so the same two people can staff every one of them; ten at a time.
    const plan = async (i: number) => {
      const start = Date.UTC(2034, 2, 1) + i * 2 * HOUR;
      const event = await createEvent(t, manager, {
        orgUnitId: unitId,
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + HOUR).toISOString(),
        campaignId: i % 3 === 2 ? null : campaigns[i % 2],
        targetGroups: i % 2 ? ['ELDERLY', 'YOUTH'] : ['NEW_CITIZEN'],
      });
      for (const [person, role] of [[people[0], 'LEAD'], [people[1], 'VOLUNTEER']]) {
        const res = await assign(t, manager, event.id, person, role);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      }
    };
    for (let i = 0; i < EVENTS; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => plan(i + k)));
  }, 300_000);
  afterAll(() => t?.close());

  /** Statements for one page; the fewest of three runs, so a background job's query cannot inflate it. */
  async function statementsFor(first: number): Promise<number> {
    const counts: number[] = [];
    for (let run = 0; run < 3; run++) {
      counts.push(
        await countStatements(t, async () => {
          const res = await t.gql(PAGE, { filter: { orgUnitId: unitId }, first }, manager);
          if (res.errors) throw new Error(JSON.stringify(res.errors));
          expect(res.data.events.nodes).toHaveLength(first);
          expect(res.data.events.nodes.every((e: { assignments: unknown[] }) => e.assignments.length === 2)).toBe(true);
        }),
      );
    }
    return Math.min(...counts);
  }

  it('runs the same number of SQL statements for a page of 10 events as for a page of 100', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toBe(ten);
    // One for the scope check, two for the page, then one per batched relation and level.
    expect(ten).toBeLessThanOrEqual(EVENT_FIELDS.length + 8);
  });
});
