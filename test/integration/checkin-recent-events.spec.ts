import { randomUUID } from 'node:crypto';
import { RecentEvents } from 'src/checkin/recent-events';
import { USERS } from 'seeds/demo-bank';
import { createEvent, createVolunteer } from '../support/events';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;
const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome reason } }`;

/**
 * A check-in is decided on a copy of the event the instance read lately
 * (RecentEvents). These tests change the event on one instance after the other
 * instance has read it, and expect the other instance's next check-in to follow
 * the change at once, not when its copy ages out.
 */
describe(RecentEvents.name, () => {
  let t: TestApp;
  let peer: TestApp;
  let staff: string;
  let manager: string;

  const checkIn = (on: TestApp, eventId: string, token: string) => on.gql(CHECK_IN, { input: { clientId: randomUUID(), eventId, targetGroup: 'ELDERLY' } }, token);
  const rows = async (eventId: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE event_id = ?', [eventId]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    peer = await t.startPeer();
    staff = await t.login(USERS.lanzhouStaff.email);
    manager = await t.login(USERS.lanzhouManager.email);
  });
  afterAll(async () => {
    await peer?.close();
    await t?.close();
  });

  it('rejects a check-in on the instance that read the event before another instance cancelled it', async () => {
    const eventId = await createEvent(t, staff, {}, 'SCHEDULED');
    expect((await checkIn(peer, eventId, staff)).data.checkIn.outcome).toBe('ACCEPTED');
    expect((await checkIn(peer, eventId, staff)).data.checkIn.outcome).toBe('ACCEPTED');
    const cancelled = await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "暴雨") { status } }`, { id: eventId }, staff);
    expect(cancelled.data.cancelEvent.status).toBe('CANCELLED');

    const after = await checkIn(peer, eventId, staff);
    expect(after.data.checkIn).toEqual({ outcome: 'REJECTED', reason: 'EVENT_NOT_OPEN' });
    expect(await rows(eventId)).toBe(2);
  });

  it('follows a time change made on another instance', async () => {
    const eventId = await createEvent(t, staff, {}, 'SCHEDULED');
    expect((await checkIn(peer, eventId, staff)).data.checkIn.outcome).toBe('ACCEPTED');
    const later = Date.now() + 48 * HOUR;
    const moved = await t.gql(
      `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { startsAt } }`,
      { id: eventId, input: { startsAt: new Date(later).toISOString(), endsAt: new Date(later + 2 * HOUR).toISOString() } },
      staff,
    );
    expect(moved.errors).toBeUndefined();

    expect((await checkIn(peer, eventId, staff)).data.checkIn).toEqual({ outcome: 'REJECTED', reason: 'OUTSIDE_CHECKIN_WINDOW' });
    expect(await rows(eventId)).toBe(1);
  });

  it('stops an unassigned volunteer at once, though their assignment was seen a moment before', async () => {
    const volunteer = await createVolunteer(t);
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS', [volunteer.id]);
    expect((await checkIn(peer, eventId, volunteer.token)).data.checkIn.outcome).toBe('ACCEPTED');
    expect((await checkIn(peer, eventId, volunteer.token)).data.checkIn.outcome).toBe('ACCEPTED');
    const removed = await t.gql(`mutation ($e: ID!, $u: ID!) { unassignFromEvent(eventId: $e, userId: $u) { id } }`, { e: eventId, u: volunteer.id }, manager);
    expect(removed.errors).toBeUndefined();

    expect((await checkIn(peer, eventId, volunteer.token)).data.checkIn).toEqual({ outcome: 'REJECTED', reason: 'NOT_ASSIGNED' });
    expect(await rows(eventId)).toBe(2);
  });

  it('answers a repeated clientId on a warm instance with DUPLICATE', async () => {
    const eventId = await createEvent(t, staff, {}, 'IN_PROGRESS');
    const clientId = randomUUID();
    const send = () => peer.gql(CHECK_IN, { input: { clientId, eventId, targetGroup: 'YOUTH' } }, staff);
    expect((await checkIn(peer, eventId, staff)).data.checkIn.outcome).toBe('ACCEPTED');
    expect((await send()).data.checkIn.outcome).toBe('ACCEPTED');
    expect((await send()).data.checkIn).toEqual({ outcome: 'DUPLICATE', reason: 'DUPLICATE_CLIENT_ID' });
    expect(await rows(eventId)).toBe(2);
  });
});
