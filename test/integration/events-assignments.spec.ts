import { UNITS, USERS } from 'seeds/demo-bank';
import { AssignmentService } from 'src/events/assignment.service';
import { expectError } from '../support/expect-error';
import { assign, countRows, createEvent, eventInStatus, HOUR } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const UNASSIGN = `mutation ($eventId: ID!, $userId: ID!) { unassignFromEvent(eventId: $eventId, userId: $userId) { id assignments { role user { id } } } }`;

/** A two-hour slot starting `hours` after a fixed base, as createEvent times. */
function slot(hours: number, length = 2) {
  const start = Date.UTC(2031, 2, 1, 0, 0) + hours * HOUR;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + length * HOUR).toISOString() };
}

describe(AssignmentService.name, () => {
  let t: TestApp;
  let manager: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    [manager, staff] = await Promise.all([t.login(USERS.lanzhouManager.email), t.login(USERS.lanzhouStaff.email)]);
  });
  afterAll(() => t?.close());

  it('assigns a lead and a volunteer, changes a role when assigned again, and unassigns', async () => {
    const event = await createEvent(t, staff, slot(0));
    await assign(t, staff, event.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER');
    const res = await assign(t, staff, event.id, USERS.lanzhouStaff.id, 'LEAD');
    expect(res.errors).toBeUndefined();
    expect(res.data.assignToEvent.assignments).toEqual([
      { role: 'LEAD', user: { id: USERS.lanzhouStaff.id } },
      { role: 'VOLUNTEER', user: { id: USERS.lanzhouVolunteer.id } },
    ]);
    const again = await assign(t, staff, event.id, USERS.lanzhouVolunteer.id, 'STAFF');
    expect(again.data.assignToEvent.assignments).toContainEqual({ role: 'STAFF', user: { id: USERS.lanzhouVolunteer.id } });
    expect(again.data.assignToEvent.assignments).toHaveLength(2);
    const removed = await t.gql(UNASSIGN, { eventId: event.id, userId: USERS.lanzhouVolunteer.id }, staff);
    expect(removed.data.unassignFromEvent.assignments).toEqual([{ role: 'LEAD', user: { id: USERS.lanzhouStaff.id } }]);
    expectError(await t.gql(UNASSIGN, { eventId: event.id, userId: USERS.lanzhouVolunteer.id }, staff), 'NOT_FOUND');
  });

  it('refuses an overlapping event of the same person with CONFLICT SCHEDULE_CONFLICT', async () => {
    const first = await createEvent(t, staff, slot(10));
    const overlapping = await createEvent(t, staff, slot(11));
    expect((await assign(t, staff, first.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER')).errors).toBeUndefined();
    const before = await countRows(t, 'event_assignment');
    const error = expectError(await assign(t, staff, overlapping.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER'), 'CONFLICT');
    expect(error.extensions.reason).toBe('SCHEDULE_CONFLICT');
    expect(error.message).toContain(first.title);
    expect(await countRows(t, 'event_assignment')).toBe(before);
  });

  it('allows back-to-back events and ignores cancelled ones', async () => {
    const morning = await createEvent(t, staff, slot(20));
    const afterwards = await createEvent(t, staff, slot(22));
    expect((await assign(t, staff, morning.id, USERS.lanzhouVolunteer.id)).errors).toBeUndefined();
    expect((await assign(t, staff, afterwards.id, USERS.lanzhouVolunteer.id)).errors).toBeUndefined();

    const cancelled = await createEvent(t, staff, slot(30));
    await assign(t, staff, cancelled.id, USERS.lanzhouVolunteer.id);
    await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "改期") { id } }`, { id: cancelled.id }, staff);
    const replacement = await createEvent(t, staff, slot(30));
    expect((await assign(t, staff, replacement.id, USERS.lanzhouVolunteer.id)).errors).toBeUndefined();
  });

  it('assigns only people of the event\'s unit or below it', async () => {
    const outletEvent = await createEvent(t, manager, { ...slot(40), orgUnitId: UNITS.lanzhouDonggang });
    // 城关支行 staff sit above the 东岗网点 outlet: not inside the event's subtree.
    const above = await assign(t, manager, outletEvent.id, USERS.lanzhouStaff.id);
    expect(expectError(above, 'BAD_USER_INPUT').extensions.fields).toEqual(['userId']);
    expect((await assign(t, manager, outletEvent.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER')).errors).toBeUndefined();
    // Someone of another branch is not even confirmed to exist.
    expectError(await assign(t, manager, outletEvent.id, USERS.qingdaoStaff.id), 'FORBIDDEN');
    // Nor is an id of no one: it gets the same answer.
    expectError(await assign(t, manager, outletEvent.id, '20000000-0000-4000-8000-999999999999'), 'FORBIDDEN');
  });

  it('refuses staff changes on closed events and by callers who cannot manage the event', async () => {
    const done = await eventInStatus(t, staff, 'COMPLETED', slot(50));
    expect(expectError(await assign(t, staff, done.id, USERS.lanzhouVolunteer.id), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    const open = await createEvent(t, staff, slot(52));
    for (const email of [USERS.qingdaoStaff.email, USERS.lanzhouVolunteer.email, USERS.analyst.email]) {
      expectError(await assign(t, await t.login(email), open.id, USERS.lanzhouVolunteer.id), 'FORBIDDEN');
    }
  });

  it('refuses to move an event onto another event of someone assigned to it, changing nothing', async () => {
    const a = await createEvent(t, staff, slot(60));
    const b = await createEvent(t, staff, slot(64));
    await assign(t, staff, a.id, USERS.lanzhouVolunteer.id);
    await assign(t, staff, b.id, USERS.lanzhouVolunteer.id);
    const moved = await t.gql(
      `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
      { id: b.id, input: slot(61) },
      staff,
    );
    expect(expectError(moved, 'CONFLICT').extensions.reason).toBe('SCHEDULE_CONFLICT');
    const stored = await t.gql(`query ($id: ID!) { event(id: $id) { startsAt } }`, { id: b.id }, staff);
    expect(stored.data.event.startsAt).toBe(b.startsAt);
  });

  // Two requests booking one person must not both pass the overlap check: on MariaDB they
  // run on separate connections at once, which SQLite (one writer) cannot show.
  (TEST_ENGINE === 'mysql' ? it : it.skip)('books a person once when overlapping assignments race (MariaDB)', async () => {
    const events = [];
    for (let i = 0; i < 8; i++) events.push(await createEvent(t, staff, slot(100 + i * 0.25)));
    const results = await Promise.all(events.map((e) => assign(t, staff, e.id, USERS.lanzhouVolunteer.id, 'VOLUNTEER')));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions.reason).toBe('SCHEDULE_CONFLICT');
    const rows: { n: string | number }[] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM event_assignment WHERE user_id = ? AND event_id IN (${events.map(() => '?').join(',')})`,
      [USERS.lanzhouVolunteer.id, ...events.map((e) => e.id)],
    );
    expect(Number(rows[0].n)).toBe(1);
  });
});
