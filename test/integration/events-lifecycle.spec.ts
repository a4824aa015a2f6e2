import { UNITS, USERS } from 'seeds/demo-bank';
import { EventLifecycleService } from 'src/events/event-lifecycle.service';
import { expectError } from '../support/expect-error';
import { createEvent, EVENT_FIELDS, eventInStatus, transition } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

type Action = 'scheduleEvent' | 'startEvent' | 'completeEvent' | 'cancelEvent';
const STATUSES = ['DRAFT', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
const ACTIONS: Action[] = ['scheduleEvent', 'startEvent', 'completeEvent', 'cancelEvent'];

/** The contract's lifecycle: from each status, the one status each action leads to, or nothing. */
const ALLOWED: Record<(typeof STATUSES)[number], Partial<Record<Action, string>>> = {
  DRAFT: { scheduleEvent: 'SCHEDULED', cancelEvent: 'CANCELLED' },
  SCHEDULED: { startEvent: 'IN_PROGRESS', cancelEvent: 'CANCELLED' },
  IN_PROGRESS: { completeEvent: 'COMPLETED' },
  COMPLETED: {},
  CANCELLED: {},
};

const FORBIDDEN_MOVES = STATUSES.flatMap((status) => ACTIONS.filter((a) => !ALLOWED[status][a]).map((action) => [status, action] as const));
const ALLOWED_MOVES = STATUSES.flatMap((status) => ACTIONS.filter((a) => ALLOWED[status][a]).map((action) => [status, action, ALLOWED[status][action]!] as const));

describe(EventLifecycleService.name, () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.login(USERS.lanzhouStaff.email);
  });
  afterAll(() => t?.close());

  const read = async (id: string) => (await t.gql(`query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`, { id }, staff)).data.event;

  it('keeps times in UTC: 09:00 to 11:00 at +08:00 comes back as 01:00Z to 03:00Z', async () => {
    const created = await createEvent(t, staff, { startsAt: '2025-03-15T09:00:00+08:00', endsAt: '2025-03-15T11:00:00+08:00' });
    expect(created).toMatchObject({ startsAt: '2025-03-15T01:00:00.000Z', endsAt: '2025-03-15T03:00:00.000Z', status: 'DRAFT' });
    const again = await read(created.id);
    expect(again.startsAt).toBe('2025-03-15T01:00:00.000Z');
    expect(again.endsAt).toBe('2025-03-15T03:00:00.000Z');
    expect(new Date(again.startsAt).getTime()).toBe(Date.parse('2025-03-15T09:00:00+08:00'));
  });

  it('plans a DRAFT with venue, target groups in contract order, topics and capacity', async () => {
    const created = await createEvent(t, staff, { targetGroups: ['GENERAL', 'ELDERLY', 'NEW_CITIZEN'], topics: [' 反诈 ', '养老金融', '反诈'], capacity: 120 });
    expect(created).toMatchObject({
      status: 'DRAFT',
      venueType: 'COMMUNITY',
      targetGroups: ['ELDERLY', 'NEW_CITIZEN', 'GENERAL'],
      topics: ['反诈', '养老金融'],
      capacity: 120,
      orgUnit: { id: UNITS.lanzhouChengguan },
      campaign: null,
      assignments: [],
      scheduledAt: null,
    });
  });

  it('runs the whole lifecycle, recording when each status began and the figures at completion', async () => {
    const event = await createEvent(t, staff, { venueType: 'ONLINE', venueName: '视频号直播间', address: null });
    for (const [action, status] of [['scheduleEvent', 'SCHEDULED'], ['startEvent', 'IN_PROGRESS']] as const) {
      const res = await transition(t, staff, action, event.id);
      expect(res.errors).toBeUndefined();
      expect(res.data[action].status).toBe(status);
    }
    const completed = await t.gql(
      `mutation ($id: ID!) { completeEvent(id: $id, input: { onlineViews: 12680, mediaReports: 3, notes: "  直播顺利  " }) { ${EVENT_FIELDS} } }`,
      { id: event.id },
      staff,
    );
    expect(completed.errors).toBeUndefined();
    expect(completed.data.completeEvent).toMatchObject({ status: 'COMPLETED', onlineViews: 12680, mediaReports: 3, notes: '直播顺利' });
    const stored = await read(event.id);
    expect(stored).toMatchObject({ status: 'COMPLETED', onlineViews: 12680, mediaReports: 3, notes: '直播顺利', cancelledAt: null });
    const stamps = [stored.scheduledAt, stored.startedAt, stored.completedAt].map((s: string) => Date.parse(s));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it.each(ALLOWED_MOVES)('allows %s → %s, giving %s', async (status, action, next) => {
    const event = await eventInStatus(t, staff, status);
    const res = await transition(t, staff, action, event.id);
    expect(res.errors).toBeUndefined();
    expect((await read(event.id)).status).toBe(next);
  });

  it.each(FORBIDDEN_MOVES)('refuses %s → %s with CONFLICT INVALID_TRANSITION and leaves the event as it was', async (status, action) => {
    const event = await eventInStatus(t, staff, status);
    const before = await read(event.id);
    const error = expectError(await transition(t, staff, action, event.id), 'CONFLICT');
    expect(error.extensions.reason).toBe('INVALID_TRANSITION');
    expect(await read(event.id)).toEqual(before);
  });

  it('keeps the reason of a cancellation and refuses a blank one', async () => {
    const event = await eventInStatus(t, staff, 'SCHEDULED');
    const blank = await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "   ") { id } }`, { id: event.id }, staff);
    expect(expectError(blank, 'BAD_USER_INPUT').extensions.fields).toEqual(['reason']);
    const res = await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "场地临时被征用") { status cancelReason cancelledAt } }`, { id: event.id }, staff);
    expect(res.data.cancelEvent).toMatchObject({ status: 'CANCELLED', cancelReason: '场地临时被征用' });
    expect(Date.parse(res.data.cancelEvent.cancelledAt)).not.toBeNaN();
  });

  it('asks an ONLINE event for its online views on completion, and only an ONLINE event', async () => {
    const online = await eventInStatus(t, staff, 'IN_PROGRESS', { venueType: 'ONLINE', address: null });
    expect(expectError(await transition(t, staff, 'completeEvent', online.id), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.onlineViews']);
    const onSite = await eventInStatus(t, staff, 'IN_PROGRESS');
    const refused = await transition(t, staff, 'completeEvent', onSite.id, ', input: { onlineViews: 5 }');
    expect(expectError(refused, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.onlineViews']);
    const negative = await transition(t, staff, 'completeEvent', onSite.id, ', input: { mediaReports: -1 }');
    expect(expectError(negative, 'BAD_USER_INPUT').extensions.fields).toEqual(['input.mediaReports']);
    expect((await read(onSite.id)).status).toBe('IN_PROGRESS');
    expect((await transition(t, staff, 'completeEvent', onSite.id)).data.completeEvent.status).toBe('COMPLETED');
  });

  it('lets exactly one of two simultaneous starts win', async () => {
    const event = await eventInStatus(t, staff, 'SCHEDULED');
    const results = await Promise.all([transition(t, staff, 'startEvent', event.id), transition(t, staff, 'startEvent', event.id)]);
    expect(results.filter((r) => r.data?.startEvent?.status === 'IN_PROGRESS')).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions.reason === 'INVALID_TRANSITION')).toHaveLength(1);
  });

  it('answers FORBIDDEN for an unknown event (as for someone else’s) and for roles that cannot run events', async () => {
    expectError(await transition(t, staff, 'scheduleEvent', '40000000-0000-4000-8000-999999999999'), 'FORBIDDEN');
    const event = await createEvent(t, staff);
    for (const email of [USERS.analyst.email, USERS.lanzhouVolunteer.email, USERS.qingdaoStaff.email]) {
      expectError(await transition(t, await t.login(email), 'scheduleEvent', event.id), 'FORBIDDEN');
    }
    expect((await read(event.id)).status).toBe('DRAFT');
  });
});
