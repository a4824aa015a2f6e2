import { randomUUID } from 'node:crypto';
import { Clock } from 'src/common/clock';
import { CheckInService } from 'src/checkin/check-in.service';
import { UNITS, USERS } from 'seeds/demo-bank';
import { createEvent, createVolunteer } from '../support/events';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;
const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { clientId outcome reason attendance { total byTargetGroup { targetGroup count } } } }`;
const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { clientId outcome reason attendance { total } } }`;

describe(CheckInService.name, () => {
  let t: TestApp;
  let staff: string;
  let volunteer: string;
  let eventId: string;
  let volunteerId: string;

  const checkIn = (input: Record<string, unknown>, token = volunteer) => t.gql(CHECK_IN, { input: { eventId, targetGroup: 'ELDERLY', ...input } }, token);
  const rowCount = async (id = eventId) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE event_id = ?', [id]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.login(USERS.lanzhouStaff.email);
    const person = await createVolunteer(t);
    volunteer = person.token;
    volunteerId = person.id;
    eventId = await createEvent(t, staff, {}, 'IN_PROGRESS', [volunteerId]);
  });
  afterAll(() => t?.close());

  it('accepts a tap and returns the running attendance', async () => {
    const res = await checkIn({ clientId: randomUUID() });
    expect(res.errors).toBeUndefined();
    expect(res.data.checkIn.outcome).toBe('ACCEPTED');
    expect(res.data.checkIn.attendance.total).toBe(1);
    expect(res.data.checkIn.attendance.byTargetGroup).toEqual([{ targetGroup: 'ELDERLY', count: 1 }]);
  });

  it('answers a repeated clientId with DUPLICATE and counts nothing again', async () => {
    const clientId = randomUUID();
    const before = await rowCount();
    const first = await checkIn({ clientId, targetGroup: 'GENERAL' });
    const again = await checkIn({ clientId, targetGroup: 'GENERAL' });
    expect(first.data.checkIn.outcome).toBe('ACCEPTED');
    expect(again.data.checkIn.outcome).toBe('DUPLICATE');
    expect(again.data.checkIn.attendance.total).toBe(first.data.checkIn.attendance.total);
    expect(await rowCount()).toBe(before + 1);
  });

  it('stores a named attendee without the clear phone number, masked for display', async () => {
    const clientId = randomUUID();
    const res = await checkIn({ clientId, name: '王奶奶', phone: '+86 138-0013-8000' });
    expect(res.data.checkIn.outcome).toBe('ACCEPTED');
    const rows = await t.dataSource.query('SELECT * FROM check_in WHERE client_id = ?', [clientId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain('13800138000');
    expect(rows[0].phone_masked).toBe('138****8000');
    expect(rows[0].phone_hmac).toMatch(/^[0-9a-f]{64}$/);
    const list = await t.gql(`query ($e: ID!) { checkIns(eventId: $e, first: 200) { nodes { clientId name phoneMasked recordedBy { email } } } }`, { e: eventId }, staff);
    const node = list.data.checkIns.nodes.find((n: { clientId: string }) => n.clientId === clientId);
    expect(node).toMatchObject({ clientId, name: '王奶奶', phoneMasked: '138****8000' });
    expect(node.recordedBy.email).toMatch(/@test\.invalid$/);
  });

  it('counts the same phone once per event, however it is written', async () => {
    await checkIn({ clientId: randomUUID(), phone: '13900139000' });
    const res = await checkIn({ clientId: randomUUID(), phone: '0086 139 0013 9000' });
    expect(res.data.checkIn).toMatchObject({ outcome: 'DUPLICATE', reason: 'ALREADY_CHECKED_IN' });
  });

  it('accepts a tally of up to 200 and refuses 0, 201 and a tally with personal data', async () => {
    const ok = await checkIn({ clientId: randomUUID(), count: 200, targetGroup: 'YOUTH' });
    expect(ok.data.checkIn.outcome).toBe('ACCEPTED');
    const before = await rowCount();
    for (const [input, field] of [
      [{ count: 0 }, 'input.count'],
      [{ count: 201 }, 'input.count'],
      [{ count: 3, phone: '13700137000' }, 'input.phone'],
      [{ count: 3, name: '张三' }, 'input.name'],
    ] as const) {
      const res = await checkIn({ clientId: randomUUID(), ...input });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect(await rowCount()).toBe(before);
  });

  it('refuses a malformed clientId and a number that is not a mainland mobile, without echoing the number', async () => {
    const bad = await checkIn({ clientId: 'not-a-uuid' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.clientId'] });
    const phone = await checkIn({ clientId: randomUUID(), phone: '010-8888 7777' });
    expect(phone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.phone'] });
    expect(JSON.stringify(phone.body)).not.toContain('8888');
  });

  it('rejects an unknown event, a draft and a cancelled event, counting nothing', async () => {
    // Unassigned: the planner checks in here, so the answer is about the status, not the assignment.
    const draft = await createEvent(t, staff, {}, 'DRAFT', []);
    const cancelled = await createEvent(t, staff, {}, 'SCHEDULED', []);
    await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "rain") { id } }`, { id: cancelled }, staff);
    const res = await t.gql(SYNC, {
      items: [
        { clientId: randomUUID(), eventId: randomUUID(), targetGroup: 'ELDERLY' },
        { clientId: randomUUID(), eventId: draft, targetGroup: 'ELDERLY' },
        { clientId: randomUUID(), eventId: cancelled, targetGroup: 'ELDERLY' },
      ],
    }, staff);
    expect(res.data.syncCheckIns.map((r: { outcome: string; reason: string }) => [r.outcome, r.reason])).toEqual([
      ['REJECTED', 'EVENT_NOT_FOUND'],
      ['REJECTED', 'EVENT_NOT_OPEN'],
      ['REJECTED', 'EVENT_NOT_OPEN'],
    ]);
    expect(await rowCount(draft)).toBe(0);
    expect(await rowCount(cancelled)).toBe(0);
  });

  it('answers a sync with one result per item, in order; a bad item rejects only itself', async () => {
    const ids = [randomUUID(), 'bad-id', randomUUID(), randomUUID()];
    const res = await t.gql(SYNC, {
      items: [
        { clientId: ids[0], eventId, targetGroup: 'ELDERLY' },
        { clientId: ids[1], eventId, targetGroup: 'ELDERLY' },
        { clientId: ids[2], eventId, targetGroup: 'ELDERLY', count: 4, phone: '13600136000' },
        { clientId: ids[3], eventId, targetGroup: 'NEW_CITIZEN', count: 2 },
      ],
    }, volunteer);
    expect(res.data.syncCheckIns.map((r: { clientId: string; outcome: string; reason: string | null }) => [r.clientId, r.outcome, r.reason])).toEqual([
      [ids[0], 'ACCEPTED', null],
      [ids[1], 'REJECTED', 'INVALID_CLIENT_ID'],
      [ids[2], 'REJECTED', 'TALLY_WITH_PERSONAL_DATA'],
      [ids[3], 'ACCEPTED', null],
    ]);
  });

  it('counts a sync batch sent three times once', async () => {
    const items = Array.from({ length: 20 }, () => ({ clientId: randomUUID(), eventId, targetGroup: 'GENERAL' }));
    const before = await rowCount();
    const outcomes: string[][] = [];
    for (let i = 0; i < 3; i++) outcomes.push((await t.gql(SYNC, { items }, volunteer)).data.syncCheckIns.map((r: { outcome: string }) => r.outcome));
    expect(outcomes[0].every((o) => o === 'ACCEPTED')).toBe(true);
    expect(outcomes[1].every((o) => o === 'DUPLICATE')).toBe(true);
    expect(outcomes[2].every((o) => o === 'DUPLICATE')).toBe(true);
    expect(await rowCount()).toBe(before + 20);
  });

  it('refuses more than 500 items in one sync', async () => {
    const items = Array.from({ length: 501 }, () => ({ clientId: randomUUID(), eventId, targetGroup: 'GENERAL' }));
    const before = await rowCount();
    const res = await t.gql(SYNC, { items }, volunteer);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['items'] });
    expect(await rowCount()).toBe(before);
  });

  it('tells a volunteer of the same unit NOT_ASSIGNED and hides another branch’s event', async () => {
    const unassigned = await createEvent(t, staff, {}, 'IN_PROGRESS', []);
    const own = await checkIn({ clientId: randomUUID(), eventId: unassigned });
    expect(own.data.checkIn).toMatchObject({ outcome: 'REJECTED', reason: 'NOT_ASSIGNED', attendance: null });
    const qingdaoStaff = await t.login(USERS.qingdaoStaff.email);
    const foreign = await createEvent(t, qingdaoStaff, { orgUnitId: UNITS.qingdaoXianggangRoad }, 'IN_PROGRESS', []);
    const res = await checkIn({ clientId: randomUUID(), eventId: foreign });
    expect(res.data.checkIn).toMatchObject({ outcome: 'REJECTED', reason: 'EVENT_NOT_FOUND', attendance: null });
    expect(await rowCount(foreign)).toBe(0);
  });

  it('lets a join-link session check in at its event only', async () => {
    const link = await t.gql(`mutation ($e: ID!) { createCheckInLink(eventId: $e) { token } }`, { e: eventId }, staff);
    const joined = await t.gql(`mutation ($t: String!) { joinEvent(token: $t, name: "临时志愿者") { token } }`, { t: link.data.createCheckInLink.token });
    const session = joined.data.joinEvent.token;
    const ok = await checkIn({ clientId: randomUUID() }, session);
    expect(ok.data.checkIn.outcome).toBe('ACCEPTED');
    const other = await createEvent(t, staff, {}, 'IN_PROGRESS', []);
    const refused = await checkIn({ clientId: randomUUID(), eventId: other }, session);
    expect(refused.data.checkIn).toMatchObject({ outcome: 'REJECTED', reason: 'EVENT_NOT_FOUND' });
  });

  describe('the check-in window', () => {
    let pastEvent: string;
    let endsAt: Date;

    beforeAll(async () => {
      // Held earlier today: 5h ago to 3h ago, and completed since.
      const now = Date.now();
      endsAt = new Date(now - 3 * HOUR);
      pastEvent = await createEvent(t, staff, { startsAt: new Date(now - 5 * HOUR), endsAt }, 'COMPLETED', [volunteerId]);
    });
    afterEach(() => jest.restoreAllMocks());

    it('accepts an offline check-in made in the window and synced after completion', async () => {
      const res = await checkIn({ clientId: randomUUID(), eventId: pastEvent, checkedInAt: new Date(endsAt.getTime() + HOUR).toISOString() });
      expect(res.data.checkIn.outcome).toBe('ACCEPTED');
    });

    it('rejects a check-in made outside the window', async () => {
      const before = await rowCount(pastEvent);
      const late = await checkIn({ clientId: randomUUID(), eventId: pastEvent, checkedInAt: new Date(endsAt.getTime() + 2 * HOUR + 60_000).toISOString() });
      const early = await checkIn({ clientId: randomUUID(), eventId: pastEvent, checkedInAt: new Date(endsAt.getTime() - 4 * HOUR - 60_000).toISOString() });
      const now = await checkIn({ clientId: randomUUID(), eventId: pastEvent });
      for (const res of [late, early, now]) expect(res.data.checkIn).toMatchObject({ outcome: 'REJECTED', reason: 'OUTSIDE_CHECKIN_WINDOW' });
      expect(await rowCount(pastEvent)).toBe(before);
    });

    it('rejects a check-in made in the window that arrives more than 24h after the end', async () => {
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(endsAt.getTime() + 24 * HOUR + 60_000));
      const res = await checkIn({ clientId: randomUUID(), eventId: pastEvent, checkedInAt: new Date(endsAt.getTime() + HOUR).toISOString() });
      expect(res.data.checkIn).toMatchObject({ outcome: 'REJECTED', reason: 'OUTSIDE_CHECKIN_WINDOW' });
    });
  });

  it('shows the same attendance on the event, through attendance() and in the rows', async () => {
    const viaEvent = await t.gql(`query ($e: ID!) { event(id: $e) { attendance { total byTargetGroup { targetGroup count } } } }`, { e: eventId }, staff);
    const viaQuery = await t.gql(`query ($e: ID!) { attendance(eventId: $e) { total byTargetGroup { targetGroup count } } }`, { e: eventId }, staff);
    const [{ n }] = await t.dataSource.query('SELECT SUM(count) AS n FROM check_in WHERE event_id = ?', [eventId]);
    expect(viaEvent.data.event.attendance).toEqual(viaQuery.data.attendance);
    expect(viaQuery.data.attendance.total).toBe(Number(n));
  });

  it('pages through check-ins in arrival order', async () => {
    const first = await t.gql(`query ($e: ID!) { checkIns(eventId: $e, first: 3) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }`, { e: eventId }, staff);
    const next = await t.gql(`query ($e: ID!, $a: String) { checkIns(eventId: $e, first: 3, after: $a) { nodes { id } } }`, { e: eventId, a: first.data.checkIns.pageInfo.endCursor }, staff);
    expect(first.data.checkIns.pageInfo.hasNextPage).toBe(true);
    const ids = [...first.data.checkIns.nodes, ...next.data.checkIns.nodes].map((n: { id: string }) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(6);
  });
});
