import { randomUUID } from 'node:crypto';
import { EVENTS } from 'seeds/demo-plan';
import { UNITS, USERS } from 'seeds/demo-bank';
import { AuditLog } from 'src/audit/audit-log';
import { createAdmin } from 'src/auth/first-admin';
import { Clock } from 'src/common/clock';
import { expectError } from '../support/expect-error';
import { DISTRIBUTE, ISSUE, RECEIVE, TRANSFER, WRITE_OFF, createMaterial } from '../support/materials';
import { assign, countRows, createEvent, eventInStatus, HOUR, transition } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

/** The address the tests' requests come from, through a proxy the service trusts (TRUST_PROXY=1). */
const CLIENT = '203.0.113.7';

const AUDIT_LOG = `query ($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes { id occurredAt actorId actorRole actor { id email } clientAddress action entityType entityId orgUnitId orgUnit { id } changes { field before after } }
  }
}`;

interface Entry {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  actor: { id: string; email: string } | null;
  clientAddress: string;
  action: string;
  entityType: string;
  entityId: string;
  orgUnitId: string | null;
  orgUnit: { id: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** An entry's changes as field → [before, after], values parsed back from JSON. */
function changesOf(entry: Entry): Record<string, [unknown, unknown]> {
  const parse = (text: string | null) => (text === null ? null : JSON.parse(text));
  return Object.fromEntries(entry.changes.map((c) => [c.field, [parse(c.before), parse(c.after)]]));
}

describe(AuditLog.name, () => {
  let t: TestApp;
  let clock: Clock;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    clock = t.app.get(Clock);
    for (const key of ['admin', 'analyst', 'lanzhouManager', 'lanzhouStaff', 'lanzhouVolunteer', 'qingdaoStaff'] as const) tokens[key] = await t.login(USERS[key].email);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  /** A request from CLIENT, through the trusted proxy. */
  const gql = (query: string, variables: Record<string, unknown>, token?: string) => t.gql(query, variables, token, { 'X-Forwarded-For': CLIENT });

  /** Runs a mutation and fails the test on any error. */
  async function must(query: string, variables: Record<string, unknown>, token: string): Promise<any> {
    const res = await gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  }

  /** Every entry the filter selects, newest first, read by the admin. */
  async function entries(filter: Record<string, unknown>): Promise<Entry[]> {
    const res = await t.gql(AUDIT_LOG, { filter, first: 200 }, tokens.admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.auditLog.nodes;
  }

  /** The one entry of `action` on the entity (fails unless there is exactly one). */
  async function only(entityType: string, entityId: string, action: string): Promise<Entry> {
    const found = (await entries({ entityType, entityId })).filter((e) => e.action === action);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('records an event’s whole life, each step with who, when, what changed and from which address', async () => {
    const staff = tokens.lanzhouStaff;
    const event = await createEvent(t, staff, { startsAt: '2030-05-20T02:00:00Z', endsAt: '2030-05-20T04:00:00Z' });
    const created = await only('event', event.id, 'event.create');
    expect(created).toMatchObject({
      actorId: USERS.lanzhouStaff.id,
      actorRole: 'OUTREACH_STAFF',
      actor: { id: USERS.lanzhouStaff.id, email: USERS.lanzhouStaff.email },
      orgUnitId: UNITS.lanzhouChengguan,
      orgUnit: { id: UNITS.lanzhouChengguan },
    });
    expect(changesOf(created)).toMatchObject({ title: [null, '社区反诈讲座'], status: [null, 'DRAFT'], targetGroups: [null, ['ELDERLY']], startsAt: [null, '2030-05-20T02:00:00.000Z'] });
    // createEvent went through the helper, without the proxy header: the socket's address.
    expect(created.clientAddress).toMatch(/127\.0\.0\.1|::1/);

    await must(`mutation ($id: ID!) { updateEvent(id: $id, input: { title: "长者反诈讲座", capacity: 50, targetGroups: [YOUTH, ELDERLY] }) { id } }`, { id: event.id }, staff);
    const updated = await only('event', event.id, 'event.update');
    expect(updated.clientAddress).toBe(CLIENT);
    // Only what changed: capacity was 50 already.
    expect(changesOf(updated)).toEqual({ title: ['社区反诈讲座', '长者反诈讲座'], targetGroups: [['ELDERLY'], ['ELDERLY', 'YOUTH']] });

    await must(`mutation ($e: ID!, $u: ID!) { assignToEvent(eventId: $e, userId: $u, role: VOLUNTEER) { id } }`, { e: event.id, u: USERS.lanzhouVolunteer.id }, staff);
    expect(changesOf(await only('event', event.id, 'event.assign'))).toEqual({ userId: [null, USERS.lanzhouVolunteer.id], role: [null, 'VOLUNTEER'] });

    const scheduledAt = (await must(`mutation ($id: ID!) { scheduleEvent(id: $id) { scheduledAt } }`, { id: event.id }, staff)).scheduleEvent.scheduledAt;
    const scheduled = await only('event', event.id, 'event.schedule');
    expect(changesOf(scheduled)).toEqual({ status: ['DRAFT', 'SCHEDULED'], scheduledAt: [null, scheduledAt] });

    const link = (await must(`mutation ($id: ID!) { createCheckInLink(eventId: $id) { token expiresAt } }`, { id: event.id }, staff)).createCheckInLink;
    expect(changesOf(await only('event', event.id, 'event.create_link'))).toEqual({ linkExpiresAt: [null, link.expiresAt] });
    const joined = (await must(`mutation ($token: String!) { joinEvent(token: $token, name: "王阿姨") { user { id } } }`, { token: link.token }, '')).joinEvent;
    const join = await only('event', event.id, 'event.join');
    // The volunteer had no session yet: the entry names the account the link made.
    expect(join).toMatchObject({ actorId: joined.user.id, actorRole: 'VOLUNTEER', clientAddress: CLIENT });
    expect(changesOf(join)).toEqual({ userId: [null, joined.user.id], name: [null, '王阿姨'], role: [null, 'VOLUNTEER'] });

    await must(`mutation ($e: ID!, $u: ID!) { unassignFromEvent(eventId: $e, userId: $u) { id } }`, { e: event.id, u: USERS.lanzhouVolunteer.id }, staff);
    expect(changesOf(await only('event', event.id, 'event.unassign'))).toEqual({ userId: [USERS.lanzhouVolunteer.id, null], role: ['VOLUNTEER', null] });
    await must(`mutation ($id: ID!) { startEvent(id: $id) { id } }`, { id: event.id }, staff);
    await must(`mutation ($id: ID!) { completeEvent(id: $id, input: { mediaReports: 2, notes: "顺利" }) { id } }`, { id: event.id }, staff);
    expect(changesOf(await only('event', event.id, 'event.complete'))).toMatchObject({ status: ['IN_PROGRESS', 'COMPLETED'], mediaReports: [null, 2], notes: [null, '顺利'] });

    // The time of an entry is the injectable Clock's.
    const cancelled = await createEvent(t, staff, { startsAt: '2030-05-21T02:00:00Z', endsAt: '2030-05-21T04:00:00Z' });
    const at = new Date('2030-05-01T08:00:00.000Z');
    jest.spyOn(clock, 'now').mockReturnValue(at);
    await must(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "场地冲突") { id } }`, { id: cancelled.id }, staff);
    jest.restoreAllMocks();
    const cancel = await only('event', cancelled.id, 'event.cancel');
    expect(cancel.occurredAt).toBe(at.toISOString());
    expect(changesOf(cancel)).toEqual({ status: ['DRAFT', 'CANCELLED'], cancelledAt: [null, at.toISOString()], cancelReason: [null, '场地冲突'] });

    // Newest first: the whole history of the first event, last step on top.
    expect((await entries({ entityType: 'event', entityId: event.id })).map((e) => e.action)).toEqual([
      'event.complete',
      'event.start',
      'event.unassign',
      'event.join',
      'event.create_link',
      'event.schedule',
      'event.assign',
      'event.update',
      'event.create',
    ]);
  });

  it('records org units and users, never a password, and the command-line admin as made by `cli`', async () => {
    const unit = (await must(`mutation { createOrgUnit(input: { code: "AUD-01", name: "审计网点", level: OUTLET, parentId: "${UNITS.lanzhouChengguan}" }) { id } }`, {}, tokens.admin)).createOrgUnit;
    expect(changesOf(await only('org_unit', unit.id, 'org_unit.create'))).toEqual({ code: [null, 'AUD-01'], name: [null, '审计网点'], level: [null, 'OUTLET'], parentId: [null, UNITS.lanzhouChengguan] });

    const password = 'very-secret-password-1';
    const user = (
      await must(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        { input: { email: 'Audit.Person@bank.cn', name: '审计 测试', password, role: 'OUTREACH_STAFF', orgUnitId: UNITS.lanzhouQilihe } },
        tokens.lanzhouManager,
      )
    ).createUser;
    const entry = await only('user', user.id, 'user.create');
    expect(entry).toMatchObject({ actorId: USERS.lanzhouManager.id, actorRole: 'BRANCH_MANAGER', orgUnitId: UNITS.lanzhouQilihe, clientAddress: CLIENT });
    expect(changesOf(entry)).toEqual({ email: [null, 'audit.person@bank.cn'], name: [null, '审计 测试'], role: [null, 'OUTREACH_STAFF'], orgUnitId: [null, UNITS.lanzhouQilihe], locale: [null, 'zh-CN'] });
    const stored = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_log'));
    expect(stored).not.toContain(password);
    expect(stored).not.toMatch(/password|argon2/i);

    const admin = await createAdmin(t.dataSource, { email: 'it@bank.cn', password: 'another-password-2', headOfficeName: '总行', origin: 'cli' });
    expect(await only('user', admin.id, 'user.create')).toMatchObject({ actorId: null, actorRole: null, actor: null, clientAddress: 'cli' });
  });

  it('records campaigns with their targets before and after', async () => {
    const input = { name: '审计宣传周', startDate: '2031-03-10', endDate: '2031-03-16', orgUnitId: UNITS.lanzhou, targets: [{ metric: 'EVENTS', goal: 5 }] };
    const campaign = (await must(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`, { input }, tokens.lanzhouManager)).createCampaign;
    expect(changesOf(await only('campaign', campaign.id, 'campaign.create'))).toMatchObject({ name: [null, '审计宣传周'], targets: [null, [{ metric: 'EVENTS', targetGroup: null, goal: 5 }]] });
    await must(
      `mutation ($id: ID!) { updateCampaign(id: $id, input: { endDate: "2031-03-17", targets: [{ metric: EVENTS, goal: 8 }, { metric: ATTENDEES, targetGroup: ELDERLY, goal: 100 }] }) { id } }`,
      { id: campaign.id },
      tokens.lanzhouManager,
    );
    expect(changesOf(await only('campaign', campaign.id, 'campaign.update'))).toEqual({
      endDate: ['2031-03-16', '2031-03-17'],
      targets: [
        [{ metric: 'EVENTS', targetGroup: null, goal: 5 }],
        [
          { metric: 'EVENTS', targetGroup: null, goal: 8 },
          { metric: 'ATTENDEES', targetGroup: 'ELDERLY', goal: 100 },
        ],
      ],
    });
  });

  it('records materials and every stock movement with the unit’s level before and after', async () => {
    const admin = tokens.admin;
    const staff = tokens.lanzhouStaff;
    const materialId = await createMaterial(t, admin);
    expect((await only('material', materialId, 'material.create')).orgUnitId).toBe(UNITS.headOffice);
    await must(RECEIVE, { input: { orgUnitId: UNITS.lanzhou, materialId, quantity: 500, note: '印刷厂到货' } }, admin);
    await must(TRANSFER, { input: { fromOrgUnitId: UNITS.lanzhou, toOrgUnitId: UNITS.lanzhouChengguan, materialId, quantity: 200 } }, tokens.lanzhouManager);
    const event = await eventInStatus(t, staff, 'SCHEDULED', { startsAt: '2030-06-20T02:00:00Z', endsAt: '2030-06-20T04:00:00Z' });
    await must(ISSUE, { input: { eventId: event.id, materialId, quantity: 120 } }, staff);
    await must(DISTRIBUTE, { input: { eventId: event.id, materialId, distributed: 100, returned: 15 } }, staff);
    await must(WRITE_OFF, { input: { orgUnitId: UNITS.lanzhouChengguan, materialId, quantity: 5, note: '受潮' } }, staff);

    const stock = (await entries({ entityType: 'stock', entityId: materialId })).reverse();
    expect(stock.map((e) => [e.action, e.orgUnitId, changesOf(e)])).toEqual([
      ['stock.receive', UNITS.lanzhou, { quantity: [null, 500], onHand: [0, 500], note: [null, '印刷厂到货'] }],
      ['stock.transfer', UNITS.lanzhou, { quantity: [null, 200], toOrgUnitId: [null, UNITS.lanzhouChengguan], onHand: [500, 300], toOnHand: [0, 200], note: [null, null] }],
      ['stock.issue', UNITS.lanzhouChengguan, { eventId: [null, event.id], quantity: [null, 120], onHand: [200, 80], note: [null, null] }],
      ['stock.distribution', UNITS.lanzhouChengguan, { eventId: [null, event.id], distributed: [null, 100], returned: [null, 15], onHand: [80, 95], note: [null, null] }],
      ['stock.write_off', UNITS.lanzhouChengguan, { quantity: [null, 5], onHand: [95, 90], note: [null, '受潮'] }],
    ]);
    expect(stock.map((e) => e.actorId)).toEqual([USERS.admin.id, USERS.lanzhouManager.id, USERS.lanzhouStaff.id, USERS.lanzhouStaff.id, USERS.lanzhouStaff.id]);
  });

  it('writes the entry in the change’s own transaction: when the entry cannot be written, the change is not made either', async () => {
    const staff = tokens.lanzhouStaff;
    const event = await createEvent(t, staff, { startsAt: '2030-07-01T02:00:00Z', endsAt: '2030-07-01T04:00:00Z' });
    const before = await countRows(t, 'audit_log');
    jest.spyOn(t.app.get(AuditLog), 'record').mockRejectedValue(new Error('audit storage unavailable'));
    expectError(await gql(`mutation ($id: ID!) { updateEvent(id: $id, input: { title: "不该保存" }) { id } }`, { id: event.id }, staff), 'INTERNAL_SERVER_ERROR');
    expectError(await transition(t, staff, 'scheduleEvent', event.id), 'INTERNAL_SERVER_ERROR');
    expectError(await assign(t, staff, event.id, USERS.lanzhouVolunteer.id), 'INTERNAL_SERVER_ERROR');
    jest.restoreAllMocks();
    const read = await t.gql(`query ($id: ID!) { event(id: $id) { title status assignments { user { id } } } }`, { id: event.id }, staff);
    expect(read.data.event).toEqual({ title: '社区反诈讲座', status: 'DRAFT', assignments: [] });
    expect(await countRows(t, 'audit_log')).toBe(before);
  });

  it('records nothing for refused changes, nor for check-ins', async () => {
    const before = await countRows(t, 'audit_log');
    expectError(await gql(`mutation ($id: ID!) { updateEvent(id: $id, input: { title: "x" }) { id } }`, { id: EVENTS.qiliheDraftCommunity }, tokens.qingdaoStaff), 'FORBIDDEN');
    expectError(await gql(`mutation ($id: ID!) { scheduleEvent(id: $id) { id } }`, { id: EVENTS.qiliheDraftCommunity }, tokens.analyst), 'FORBIDDEN');
    expect(await countRows(t, 'audit_log')).toBe(before);

    // An event open right now, so the check-in is accepted.
    const now = Date.now();
    const open = await eventInStatus(t, tokens.lanzhouStaff, 'IN_PROGRESS', { startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() });
    const auditedBefore = await countRows(t, 'audit_log');
    const res = await gql(
      `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`,
      { input: { clientId: randomUUID(), eventId: open.id, targetGroup: 'ELDERLY', name: '李大爷', phone: '13812345678' } },
      tokens.lanzhouStaff,
    );
    expect(res.data.checkIn.outcome).toBe('ACCEPTED');
    expect(await countRows(t, 'audit_log')).toBe(auditedBefore);
  });

  it('is read by ADMIN and HEAD_OFFICE_ANALYST only', async () => {
    expect((await t.gql(AUDIT_LOG, { first: 1 }, tokens.admin)).data.auditLog.totalCount).toBeGreaterThan(0);
    expect((await t.gql(AUDIT_LOG, { first: 1 }, tokens.analyst)).data.auditLog.nodes).toHaveLength(1);
    for (const key of ['lanzhouManager', 'lanzhouStaff', 'lanzhouVolunteer', 'qingdaoStaff']) expectError(await t.gql(AUDIT_LOG, { first: 1 }, tokens[key]), 'FORBIDDEN');
    expectError(await t.gql(AUDIT_LOG, { first: 1 }), 'UNAUTHENTICATED');
  });

  it('filters by actor, action, org unit subtree and time, and pages newest first in a stable order', async () => {
    const staff = tokens.lanzhouStaff;
    const qingdao = tokens.qingdaoStaff;
    // Five changes in one millisecond and two later: ties are broken by arrival, newest first.
    const tied = new Date('2031-01-01T00:00:00.000Z');
    const later = new Date('2031-01-02T00:00:00.000Z');
    const spy = jest.spyOn(clock, 'now').mockReturnValue(tied);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createEvent(t, i % 2 ? qingdao : staff, { orgUnitId: i % 2 ? UNITS.qingdaoShinan : UNITS.lanzhouYantan, startsAt: '2031-02-01T02:00:00Z', endsAt: '2031-02-01T04:00:00Z' })).id);
    spy.mockReturnValue(later);
    for (let i = 5; i < 7; i++) ids.push((await createEvent(t, staff, { startsAt: '2031-02-02T02:00:00Z', endsAt: '2031-02-02T04:00:00Z' })).id);
    jest.restoreAllMocks();

    const window = { from: tied.toISOString(), to: new Date(later.getTime() + 1).toISOString(), action: 'event.create' };
    const all = await entries(window);
    expect(all.map((e) => e.entityId)).toEqual([...ids].reverse());
    expect(all.map((e) => e.occurredAt)).toEqual([later, later, tied, tied, tied, tied, tied].map((d) => d.toISOString()));

    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await t.gql(AUDIT_LOG, { filter: window, first: 2, after }, tokens.analyst)).data.auditLog;
      expect(page.totalCount).toBe(7);
      paged.push(...page.nodes.map((n: Entry) => n.entityId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual([...ids].reverse());

    expect((await entries({ ...window, to: later.toISOString() })).map((e) => e.entityId)).toEqual(ids.slice(0, 5).reverse());
    expect((await entries({ ...window, actorId: USERS.qingdaoStaff.id })).map((e) => e.entityId)).toEqual([ids[3], ids[1]]);
    // 兰州分行's subtree holds the 雁滩网点 and 城关支行 events, none of 青岛分行's.
    expect((await entries({ ...window, orgUnitId: UNITS.lanzhou })).map((e) => e.entityId)).toEqual([ids[6], ids[5], ids[4], ids[2], ids[0]]);
    expect((await entries({ ...window, orgUnitId: UNITS.lanzhouYantan })).map((e) => e.entityId)).toEqual([ids[4], ids[2], ids[0]]);
    expect(await entries({ ...window, action: 'event.cancel' })).toEqual([]);

    expect(expectError(await t.gql(AUDIT_LOG, { filter: { from: later.toISOString(), to: tied.toISOString() } }, tokens.admin), 'BAD_USER_INPUT').extensions.fields).toEqual(['filter.to']);
    expectError(await t.gql(AUDIT_LOG, { after: 'not-a-cursor' }, tokens.admin), 'BAD_USER_INPUT');
  });
});
