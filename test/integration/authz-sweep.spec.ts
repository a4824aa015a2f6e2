import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, GraphQLInputType, isInputObjectType } from 'graphql';
import { UNITS, USERS } from 'seeds/demo-bank';
import { QUESTIONS } from 'seeds/demo-feedback';
import { MATERIALS } from 'seeds/demo-materials';
import { CAMPAIGNS, EVENTS } from 'seeds/demo-plan';
import { AccessPolicy } from 'src/org/access-policy';
import type { GqlResponse } from '../support/test-app';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The authorisation sweep: every mutation, and every query that takes an id, is
 * called by (a) users of another branch (青岛分行's manager and staff) on 兰州分行's
 * objects, (b) a volunteer on objects not assigned to it, and (c) the head-office
 * analyst, who reads everything and writes nothing, with real ids and input that
 * is otherwise valid. A refused write must change nothing in the database.
 *
 * The rule for ids: an id the caller may not see gets exactly the answer (code
 * and message) of an id that does not exist, so ids of other branches never
 * confirm that they exist. For everyone but ADMIN and HEAD_OFFICE_ANALYST that
 * answer is FORBIDDEN; those two see the whole bank and get NOT_FOUND for ids
 * that do not exist. Each probe below also sends an unknown id and compares.
 *
 * The operations come from schema.gql at test time: an operation in the schema
 * but missing from SWEEP (or EXEMPT, with its reason) fails the first test.
 */

type Caller = 'qingdaoManager' | 'qingdaoStaff' | 'lanzhouVolunteer' | 'analyst';
const CALLERS: Caller[] = ['qingdaoManager', 'qingdaoStaff', 'lanzhouVolunteer', 'analyst'];
const OTHER_BRANCH: Caller[] = ['qingdaoManager', 'qingdaoStaff'];

/** FORBIDDEN/NOT_FOUND for errors; ALLOWED: answered with data (reads of the analyst, a volunteer's own-events list); REJECTED: a check-in outcome. */
type Expectation = 'FORBIDDEN' | 'NOT_FOUND' | 'ALLOWED' | { rejected: string };

interface Probe {
  /** What the probe points at another branch's object, e.g. `id` or `input.toOrgUnitId`. */
  what: string;
  /** The real id each caller is tried with (callers left out are not tried on this probe). */
  ids: Partial<Record<Caller, string>>;
  /** An id of the same kind that exists nowhere. */
  unknown: string;
  /** The variables around the id; everything else valid. */
  vars: (id: string, caller: Caller) => Record<string, unknown>;
  /** Per caller; default FORBIDDEN, and ALLOWED for the analyst's reads. */
  expect?: Partial<Record<Caller, Expectation>>;
  /** Callers for whom a real id may answer differently from an unknown one, and why. */
  mayConfirm?: Partial<Record<Caller, string>>;
}

interface Sweep {
  kind: 'mutation' | 'query';
  doc: string;
  probes: Probe[];
}

const UNKNOWN = {
  unit: '10000000-0000-4000-8000-999999999999',
  user: '20000000-0000-4000-8000-999999999999',
  campaign: '30000000-0000-4000-8000-999999999999',
  event: '40000000-0000-4000-8000-999999999999',
  question: '70000000-0000-4000-8000-999999999999',
};

/** Each caller's own unit, and a unit below it where there is one. */
const OWN_UNIT: Record<Caller, string> = {
  qingdaoManager: UNITS.qingdao,
  qingdaoStaff: UNITS.qingdaoShinan,
  lanzhouVolunteer: UNITS.lanzhouDonggang,
  analyst: UNITS.headOffice,
};
/** An open event each other-branch caller manages, for probes on a second id. */
const OWN_EVENT: Partial<Record<Caller, string>> = { qingdaoManager: EVENTS.shibeiDraftMarket, qingdaoStaff: EVENTS.qingdaoTodaySchool };

/** 兰州分行 objects for the other-branch callers and the analyst; for the volunteer, one in its own outlet it is not assigned to. */
const lanzhou = (forOthers: string, forVolunteer: string): Partial<Record<Caller, string>> => ({
  qingdaoManager: forOthers,
  qingdaoStaff: forOthers,
  analyst: forOthers,
  lanzhouVolunteer: forVolunteer,
});
const DRAFT_EVENT = lanzhou(EVENTS.qiliheDraftCommunity, EVENTS.donggangTodaySalon);
const SCHEDULED_EVENT = lanzhou(EVENTS.anningTomorrowVillage, EVENTS.donggangTodaySalon);
const RUNNING_EVENT = lanzhou(EVENTS.yantanTodayMarket, EVENTS.donggangTodaySalon);
/** Units: 兰州城关支行; the volunteer's own outlet, where its role allows no writes. */
const UNIT_TO_WRITE = lanzhou(UNITS.lanzhouChengguan, UNITS.lanzhouDonggang);
/** Units: 兰州分行; for the volunteer the neighbouring outlet 雁滩网点. */
const UNIT_TO_READ = lanzhou(UNITS.lanzhou, UNITS.lanzhouYantan);
/** A question of the bank, which only head office changes: every caller here is refused, whatever the id. */
const QUESTION_TO_WRITE: Partial<Record<Caller, string>> = { qingdaoManager: QUESTIONS.payQrCode, qingdaoStaff: QUESTIONS.payQrCode, lanzhouVolunteer: QUESTIONS.payQrCode, analyst: QUESTIONS.payQrCode };
/** 兰州分行's campaign; for the volunteer (whose outlet that campaign covers) one of 青岛分行, made in beforeAll ('' until then). */
let qingdaoCampaign = '';
const campaignFor = (): Partial<Record<Caller, string>> => lanzhou(CAMPAIGNS.illegalFundraisingMonth2025, qingdaoCampaign);

const eventProbe = (ids: Partial<Record<Caller, string>>, vars: (id: string) => Record<string, unknown>, extra: Partial<Probe> = {}): Probe => ({ what: 'the event', ids, unknown: UNKNOWN.event, vars, ...extra });
const unitProbe = (what: string, ids: Partial<Record<Caller, string>>, vars: (id: string, caller: Caller) => Record<string, unknown>, extra: Partial<Probe> = {}): Probe => ({ what, ids, unknown: UNKNOWN.unit, vars, ...extra });

let serial = 0;
const next = () => `${process.pid}-${++serial}`;
const JUNE_2025 = { startsAt: '2025-06-10T01:00:00Z', endsAt: '2025-06-10T03:00:00Z' };
const eventInput = (orgUnitId: string, extra: Record<string, unknown> = {}) => ({
  title: '越权测试活动',
  orgUnitId,
  venueType: 'COMMUNITY',
  venueName: '社区服务中心',
  address: '某市某区某路',
  startsAt: '2031-05-20T02:00:00Z',
  endsAt: '2031-05-20T04:00:00Z',
  targetGroups: ['ELDERLY'],
  ...extra,
});
const checkInItem = (eventId: string) => ({ clientId: randomUUID(), eventId, targetGroup: 'ELDERLY' });
const CHECK_IN_MAY_CONFIRM = { lanzhouVolunteer: 'an event of its own outlet: the contract answers NOT_ASSIGNED there, so the volunteer knows to ask to be assigned' };

const SWEEP: Record<string, Sweep> = {
  // ---- mutations
  assignToEvent: {
    kind: 'mutation',
    doc: `mutation ($eventId: ID!, $userId: ID!) { assignToEvent(eventId: $eventId, userId: $userId, role: STAFF) { id } }`,
    probes: [
      eventProbe(DRAFT_EVENT, (id) => ({ eventId: id, userId: USERS.lanzhouStaff.id })),
      // Their own event, someone of 兰州分行: the person must not be confirmed to exist.
      { what: 'the user', ids: { qingdaoManager: USERS.lanzhouStaff.id, qingdaoStaff: USERS.lanzhouVolunteer.id }, unknown: UNKNOWN.user, vars: (id, caller) => ({ eventId: OWN_EVENT[caller], userId: id }) },
    ],
  },
  cancelEvent: { kind: 'mutation', doc: `mutation ($id: ID!) { cancelEvent(id: $id, reason: "越权测试") { id } }`, probes: [eventProbe(DRAFT_EVENT, (id) => ({ id }))] },
  checkIn: {
    kind: 'mutation',
    doc: `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome reason } }`,
    probes: [
      eventProbe({ ...RUNNING_EVENT, lanzhouVolunteer: EVENTS.qingdaoTodaySchool }, (id) => ({ input: checkInItem(id) }), {
        expect: { qingdaoManager: { rejected: 'EVENT_NOT_FOUND' }, qingdaoStaff: { rejected: 'EVENT_NOT_FOUND' }, lanzhouVolunteer: { rejected: 'EVENT_NOT_FOUND' }, analyst: { rejected: 'NOT_ASSIGNED' } },
      }),
      eventProbe({ lanzhouVolunteer: EVENTS.donggangTodaySalon }, (id) => ({ input: checkInItem(id) }), { expect: { lanzhouVolunteer: { rejected: 'NOT_ASSIGNED' } }, mayConfirm: CHECK_IN_MAY_CONFIRM }),
    ],
  },
  completeEvent: { kind: 'mutation', doc: `mutation ($id: ID!) { completeEvent(id: $id, input: { mediaReports: 1 }) { id } }`, probes: [eventProbe(RUNNING_EVENT, (id) => ({ id }))] },
  createCampaign: {
    kind: 'mutation',
    doc: `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    probes: [unitProbe('input.orgUnitId', UNIT_TO_WRITE, (id) => ({ input: { name: `越权活动 ${next()}`, startDate: '2031-01-01', endDate: '2031-01-31', orgUnitId: id, targets: [] } }))],
  },
  createCheckInLink: { kind: 'mutation', doc: `mutation ($id: ID!) { createCheckInLink(eventId: $id) { token } }`, probes: [eventProbe(DRAFT_EVENT, (id) => ({ id }))] },
  createFeedbackLink: { kind: 'mutation', doc: `mutation ($id: ID!) { createFeedbackLink(eventId: $id, phase: AFTER) { token } }`, probes: [eventProbe(SCHEDULED_EVENT, (id) => ({ id }))] },
  createEvent: {
    kind: 'mutation',
    doc: `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    probes: [
      unitProbe('input.orgUnitId', UNIT_TO_WRITE, (id) => ({ input: eventInput(id) })),
      // In their own unit, naming 兰州分行's campaign: the campaign must not be confirmed (nor its name shown).
      { what: 'input.campaignId', ids: { qingdaoManager: CAMPAIGNS.illegalFundraisingMonth2025, qingdaoStaff: CAMPAIGNS.illegalFundraisingMonth2025 }, unknown: UNKNOWN.campaign, vars: (id, caller) => ({ input: eventInput(OWN_UNIT[caller], { ...JUNE_2025, campaignId: id }) }) },
    ],
  },
  createMaterial: {
    kind: 'mutation',
    doc: `mutation ($input: CreateMaterialInput!) { createMaterial(input: $input) { id } }`,
    // The catalogue belongs to head office; no id to probe, the role alone decides.
    probes: [{ what: 'the catalogue', ids: { qingdaoManager: '-', qingdaoStaff: '-', lanzhouVolunteer: '-', analyst: '-' }, unknown: '-', vars: () => ({ input: { code: `AUTHZ-${next()}`, title: '越权折页', format: 'LEAFLET' } }) }],
  },
  createQuizQuestion: {
    kind: 'mutation',
    doc: `mutation ($input: CreateQuizQuestionInput!) { createQuizQuestion(input: $input) { id } }`,
    // The question bank belongs to head office; no id to probe, the role and the caller's unit decide.
    probes: [{ what: 'the question bank', ids: { qingdaoManager: '-', qingdaoStaff: '-', lanzhouVolunteer: '-', analyst: '-' }, unknown: '-', vars: () => ({ input: { topic: '越权', text: '越权题目？', options: ['是', '否'], correctOption: 0 } }) }],
  },
  createOrgUnit: {
    kind: 'mutation',
    doc: `mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }`,
    probes: [unitProbe('input.parentId', lanzhou(UNITS.lanzhouChengguan, UNITS.lanzhouChengguan), (id) => ({ input: { code: `AZ-${next()}`, name: '越权网点', level: 'OUTLET', parentId: id } }))],
  },
  createUser: {
    kind: 'mutation',
    doc: `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    probes: [unitProbe('input.orgUnitId', UNIT_TO_WRITE, (id) => ({ input: { email: `authz-${next()}@bank.cn`, name: '越权用户', password: 'authz-password-1', role: 'VOLUNTEER', orgUnitId: id } }))],
  },
  issueToEvent: {
    kind: 'mutation',
    doc: `mutation ($input: IssueToEventInput!) { issueToEvent(input: $input) { onHand } }`,
    probes: [eventProbe(SCHEDULED_EVENT, (id) => ({ input: { eventId: id, materialId: MATERIALS.antiFraudLeaflet, quantity: 1 } }))],
  },
  receiveStock: {
    kind: 'mutation',
    doc: `mutation ($input: ReceiveStockInput!) { receiveStock(input: $input) { onHand } }`,
    probes: [unitProbe('input.orgUnitId', UNIT_TO_WRITE, (id) => ({ input: { orgUnitId: id, materialId: MATERIALS.antiFraudLeaflet, quantity: 10 } }))],
  },
  recordDistribution: {
    kind: 'mutation',
    doc: `mutation ($input: RecordDistributionInput!) { recordDistribution(input: $input) { onHand } }`,
    probes: [eventProbe(RUNNING_EVENT, (id) => ({ input: { eventId: id, materialId: MATERIALS.antiFraudLeaflet, distributed: 1 } }))],
  },
  scheduleEvent: { kind: 'mutation', doc: `mutation ($id: ID!) { scheduleEvent(id: $id) { id } }`, probes: [eventProbe(DRAFT_EVENT, (id) => ({ id }))] },
  setEventQuiz: {
    kind: 'mutation',
    doc: `mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`,
    probes: [eventProbe(SCHEDULED_EVENT, (id) => ({ id, q: [QUESTIONS.fraudSafeAccount, QUESTIONS.fraudHotline, QUESTIONS.payQrCode] }))],
  },
  setQuizQuestionActive: {
    kind: 'mutation',
    doc: `mutation ($id: ID!) { setQuizQuestionActive(id: $id, active: false) { id } }`,
    probes: [{ what: 'the question', ids: QUESTION_TO_WRITE, unknown: UNKNOWN.question, vars: (id) => ({ id }) }],
  },
  startEvent: { kind: 'mutation', doc: `mutation ($id: ID!) { startEvent(id: $id) { id } }`, probes: [eventProbe(SCHEDULED_EVENT, (id) => ({ id }))] },
  syncCheckIns: {
    kind: 'mutation',
    doc: `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome reason } }`,
    probes: [
      eventProbe({ ...RUNNING_EVENT, lanzhouVolunteer: EVENTS.qingdaoTodaySchool }, (id) => ({ items: [checkInItem(id)] }), {
        expect: { qingdaoManager: { rejected: 'EVENT_NOT_FOUND' }, qingdaoStaff: { rejected: 'EVENT_NOT_FOUND' }, lanzhouVolunteer: { rejected: 'EVENT_NOT_FOUND' }, analyst: { rejected: 'NOT_ASSIGNED' } },
      }),
      eventProbe({ lanzhouVolunteer: EVENTS.donggangTodaySalon }, (id) => ({ items: [checkInItem(id)] }), { expect: { lanzhouVolunteer: { rejected: 'NOT_ASSIGNED' } }, mayConfirm: CHECK_IN_MAY_CONFIRM }),
    ],
  },
  transferStock: {
    kind: 'mutation',
    doc: `mutation ($input: TransferStockInput!) { transferStock(input: $input) { onHand } }`,
    probes: [
      unitProbe('input.fromOrgUnitId', lanzhou(UNITS.lanzhouChengguan, UNITS.lanzhouYantan), (id, caller) => ({ input: { fromOrgUnitId: id, toOrgUnitId: OWN_UNIT[caller], materialId: MATERIALS.antiFraudLeaflet, quantity: 1 } })),
      unitProbe('input.toOrgUnitId', lanzhou(UNITS.lanzhouChengguan, UNITS.lanzhouYantan), (id, caller) => ({ input: { fromOrgUnitId: OWN_UNIT[caller], toOrgUnitId: id, materialId: MATERIALS.antiFraudLeaflet, quantity: 1 } })),
    ],
  },
  unassignFromEvent: {
    kind: 'mutation',
    doc: `mutation ($eventId: ID!, $userId: ID!) { unassignFromEvent(eventId: $eventId, userId: $userId) { id } }`,
    probes: [eventProbe(RUNNING_EVENT, (id) => ({ eventId: id, userId: USERS.lanzhouStaff.id }))],
  },
  updateCampaign: {
    kind: 'mutation',
    doc: `mutation ($id: ID!) { updateCampaign(id: $id, input: { name: "越权改名" }) { id } }`,
    probes: [{ what: 'the campaign', ids: lanzhou(CAMPAIGNS.illegalFundraisingMonth2025, CAMPAIGNS.illegalFundraisingMonth2025), unknown: UNKNOWN.campaign, vars: (id) => ({ id }) }],
  },
  updateQuizQuestion: {
    kind: 'mutation',
    doc: `mutation ($id: ID!) { updateQuizQuestion(id: $id, input: { text: "越权改写" }) { id } }`,
    probes: [{ what: 'the question', ids: QUESTION_TO_WRITE, unknown: UNKNOWN.question, vars: (id) => ({ id }) }],
  },
  updateEvent: {
    kind: 'mutation',
    doc: `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
    probes: [
      eventProbe(DRAFT_EVENT, (id) => ({ id, input: { title: '越权改名' } })),
      { what: 'input.campaignId', ids: { qingdaoManager: CAMPAIGNS.illegalFundraisingMonth2025 }, unknown: UNKNOWN.campaign, vars: (id) => ({ id: EVENTS.shibeiDraftMarket, input: { ...JUNE_2025, campaignId: id } }) },
    ],
  },
  writeOffStock: {
    kind: 'mutation',
    doc: `mutation ($input: WriteOffStockInput!) { writeOffStock(input: $input) { onHand } }`,
    probes: [unitProbe('input.orgUnitId', UNIT_TO_WRITE, (id) => ({ input: { orgUnitId: id, materialId: MATERIALS.antiFraudLeaflet, quantity: 1, note: '越权核销' } }))],
  },

  // ---- queries that take an id
  attendance: { kind: 'query', doc: `query ($id: ID!) { attendance(eventId: $id) { total } }`, probes: [eventProbe(RUNNING_EVENT, (id) => ({ id }))] },
  auditLog: {
    kind: 'query',
    doc: `query ($id: ID) { auditLog(filter: { orgUnitId: $id }, first: 1) { totalCount } }`,
    probes: [unitProbe('filter.orgUnitId', lanzhou(UNITS.lanzhou, UNITS.lanzhouDonggang), (id) => ({ id }))],
  },
  campaign: { kind: 'query', doc: `query ($id: ID!) { campaign(id: $id) { id name } }`, probes: [{ what: 'the campaign', ids: campaignFor(), unknown: UNKNOWN.campaign, vars: (id) => ({ id }) }] },
  campaigns: { kind: 'query', doc: `query ($id: ID) { campaigns(filter: { orgUnitId: $id }) { totalCount } }`, probes: [unitProbe('filter.orgUnitId', UNIT_TO_READ, (id) => ({ id }))] },
  checkIns: { kind: 'query', doc: `query ($id: ID!) { checkIns(eventId: $id) { totalCount nodes { name phoneMasked } } }`, probes: [eventProbe(RUNNING_EVENT, (id) => ({ id }))] },
  event: { kind: 'query', doc: `query ($id: ID!) { event(id: $id) { id title } }`, probes: [eventProbe(RUNNING_EVENT, (id) => ({ id }))] },
  events: {
    kind: 'query',
    doc: `query ($filter: EventsFilter) { events(filter: $filter, first: 200) { totalCount nodes { id } } }`,
    probes: [
      // A volunteer's list holds only its own events; a unit filter narrows it, to nothing here.
      unitProbe('filter.orgUnitId', UNIT_TO_READ, (id) => ({ filter: { orgUnitId: id } }), { expect: { lanzhouVolunteer: 'ALLOWED' } }),
      { what: 'filter.campaignId', ids: campaignFor(), unknown: UNKNOWN.campaign, vars: (id) => ({ filter: { campaignId: id } }) },
    ],
  },
  orgUnit: { kind: 'query', doc: `query ($id: ID!) { orgUnit(id: $id) { id name } }`, probes: [unitProbe('id', UNIT_TO_READ, (id) => ({ id }))] },
  orgUnits: { kind: 'query', doc: `query ($id: ID) { orgUnits(parentId: $id) { id } }`, probes: [unitProbe('parentId', UNIT_TO_READ, (id) => ({ id }))] },
  reach: {
    kind: 'query',
    doc: `query ($filter: ReachFilterInput) { reach(filter: $filter) { totals { events attendees } } }`,
    probes: [
      unitProbe('filter.orgUnitId', UNIT_TO_READ, (id) => ({ filter: { orgUnitId: id, from: '2025-01-01', to: '2025-12-31' } })),
      { what: 'filter.campaignId', ids: campaignFor(), unknown: UNKNOWN.campaign, vars: (id) => ({ filter: { campaignId: id } }) },
    ],
  },
  stock: { kind: 'query', doc: `query ($id: ID!) { stock(orgUnitId: $id) { onHand } }`, probes: [unitProbe('orgUnitId', UNIT_TO_READ, (id) => ({ id }))] },
  stockMovements: {
    kind: 'query',
    doc: `query ($filter: StockMovementsFilter) { stockMovements(filter: $filter, first: 200) { totalCount } }`,
    probes: [
      unitProbe('filter.orgUnitId', UNIT_TO_READ, (id) => ({ filter: { orgUnitId: id } })),
      eventProbe(RUNNING_EVENT, (id) => ({ filter: { eventId: id } }), { what: 'filter.eventId' }),
    ],
  },
};

/** Operations that take no object of a branch, with the reason they are not swept. */
const EXEMPT: Record<string, string> = {
  login: 'takes no id; wrong credentials are UNAUTHENTICATED (users-and-login.spec.ts)',
  submitFeedback: 'public, takes a signed feedback link (a token, no id): the link is the permission; forged, expired or closed links are refused (feedback.spec.ts)',
  joinEvent: 'the signed link is the permission: whoever holds a valid one may join; forged or expired links are UNAUTHENTICATED (checkin-links.spec.ts)',
};

/** Mutations, and queries with an ID argument anywhere in their arguments (inputs included). */
function operationsToSweep(): string[] {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
  const takesId = (type: GraphQLInputType, seen = new Set<string>()): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID') return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => takesId(f.type, seen));
  };
  const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {})
    .filter((field) => field.args.some((arg) => takesId(arg.type)))
    .map((field) => field.name);
  return [...mutations, ...queries].sort();
}

interface Case {
  op: string;
  sweep: Sweep;
  probe: Probe;
  caller: Caller;
  expected: Expectation;
  title: string;
}

const CASES: Case[] = Object.entries(SWEEP).flatMap(([op, sweep]) =>
  sweep.probes.flatMap((probe) =>
    CALLERS.filter((caller) => probe.ids[caller] !== undefined).map((caller): Case => {
      const expected = probe.expect?.[caller] ?? (caller === 'analyst' && sweep.kind === 'query' ? 'ALLOWED' : 'FORBIDDEN');
      const outcome = typeof expected === 'string' ? expected : `REJECTED ${expected.rejected}`;
      return { op, sweep, probe, caller, expected, title: `${op} (${probe.what}) as ${caller}: ${outcome}` };
    }),
  ),
);

/** What a response tells the caller: error codes, messages and details, or the data. */
function answer(res: GqlResponse): unknown {
  if (res.errors) return res.errors.map((e) => ({ code: e.extensions?.code, message: e.message, reason: e.extensions?.reason, fields: e.extensions?.fields }));
  return res.data;
}

describe(`${AccessPolicy.name} sweep over every operation`, () => {
  let t: TestApp;
  const tokens = {} as Record<Caller | 'admin', string>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const key of [...CALLERS, 'admin'] as const) tokens[key] = await t.login(USERS[key].email);
    const res = await t.gql(
      `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      { input: { name: '青岛分行 2030 宣传', startDate: '2030-01-01', endDate: '2030-12-31', orgUnitId: UNITS.qingdao, targets: [] } },
      tokens.admin,
    );
    qingdaoCampaign = res.data.createCampaign.id;
  });
  afterAll(() => t?.close());

  /** A digest of every table but the login throttle's (a login is not a change). */
  async function fingerprint(): Promise<string> {
    const hash = createHash('sha256');
    for (const table of [...new Set(t.dataSource.entityMetadatas.map((m) => m.tableName))].filter((name) => name !== 'login_failure').sort()) {
      const rows: unknown[] = await t.dataSource.query(`SELECT * FROM ${table}`);
      hash.update(table).update(rows.map((r) => JSON.stringify(r)).sort().join('\n'));
    }
    return hash.digest('hex');
  }

  it('sweeps every mutation and every query that takes an id in schema.gql (or says why not)', () => {
    const listed = [...Object.keys(SWEEP), ...Object.keys(EXEMPT)].sort();
    expect(listed).toEqual(operationsToSweep());
    // Every swept operation tries callers of another branch, unless only the role decides.
    for (const [op, sweep] of Object.entries(SWEEP)) expect([op, sweep.probes.some((p) => OTHER_BRANCH.some((c) => p.ids[c]))]).toEqual([op, true]);
  });

  it.each(CASES)('$title', async ({ sweep, probe, caller, expected }) => {
    const id = probe.ids[caller] === '' ? qingdaoCampaign : (probe.ids[caller] as string);
    const token = tokens[caller];
    const before = sweep.kind === 'mutation' ? await fingerprint() : '';

    const res = await t.gql(sweep.doc, probe.vars(id, caller), token);
    expect(res.status).toBeLessThan(500);
    if (expected === 'ALLOWED') {
      expect(res.errors).toBeUndefined();
      expect(Object.values(res.data ?? {})[0]).not.toBeNull();
    } else if (typeof expected === 'string') {
      expect(res.errors?.map((e) => e.extensions.code)).toEqual([expected]);
    } else {
      expect(res.errors).toBeUndefined();
      const results = Object.values(res.data)[0] as { outcome: string; reason: string } | { outcome: string; reason: string }[];
      expect([results].flat()).toEqual([{ outcome: 'REJECTED', reason: expected.rejected }]);
    }

    // The same call with an id that exists nowhere: a caller limited to its part of the bank must not tell them apart.
    if (probe.unknown !== '-') {
      const unknown = await t.gql(sweep.doc, probe.vars(probe.unknown, caller), token);
      expect(unknown.status).toBeLessThan(500);
      if (caller !== 'analyst' && !probe.mayConfirm?.[caller]) expect(answer(unknown)).toEqual(answer(res));
    }
    if (sweep.kind === 'mutation') expect(await fingerprint()).toBe(before);
  });
});
