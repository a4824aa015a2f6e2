import { UNITS, USERS } from 'seeds/demo-bank';
import { Clock } from 'src/common/clock';
import type { AppConfig } from 'src/config/app-config';
import { CheckInLinkService } from 'src/events/check-in-link.service';
import { CheckInLinkSigner } from 'src/events/check-in-link.signer';
import { expectError } from '../support/expect-error';
import { assign, countRows, CREATE_EVENT, createEvent, eventInput, HOUR } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';

const CREATE_LINK = `mutation ($id: ID!) { createCheckInLink(eventId: $id) { url token qrSvg expiresAt } }`;
const JOIN = `mutation ($token: String!, $name: String!) { joinEvent(token: $token, name: $name) { token expiresAt user { id name role email orgUnit { id } } } }`;
const READ = `query ($id: ID!) { event(id: $id) { id assignments { role user { id name } } } }`;

/** An event from 09:00 to 11:00 UTC on `day` of 2030. */
function on(day: number) {
  return { startsAt: `2030-06-${String(day).padStart(2, '0')}T09:00:00Z`, endsAt: `2030-06-${String(day).padStart(2, '0')}T11:00:00Z` };
}

describe(CheckInLinkService.name, () => {
  let t: TestApp;
  let staff: string;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.login(USERS.lanzhouStaff.email);
    clock = t.app.get(Clock);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const link = async (eventId: string, token = staff) => {
    const res = await t.gql(CREATE_LINK, { id: eventId }, token);
    if (!res.data?.createCheckInLink) throw new Error(JSON.stringify(res.errors));
    return res.data.createCheckInLink as { url: string; token: string; qrSvg: string; expiresAt: string };
  };

  it('makes a signed link under PUBLIC_URL with an SVG QR code, valid until the event ends + 2h', async () => {
    const event = await createEvent(t, staff, on(1));
    const created = await link(event.id);
    expect(created.url).toBe(`${t.config.publicUrl}/checkin/join/${created.token}`);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{20,80}$/);
    expect(created.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(created.qrSvg).toContain('<path');
    expect(created.expiresAt).toBe(new Date(Date.parse(event.endsAt) + 2 * HOUR).toISOString());
  });

  it('turns a link into a VOLUNTEER session limited to that event, until the link expires', async () => {
    const event = await createEvent(t, staff, on(2));
    const other = await createEvent(t, staff, on(3));
    const { token } = await link(event.id);
    const usersBefore = await countRows(t, 'app_user');

    const joined = await t.gql(JOIN, { token, name: ' 王阿姨 ' });
    expect(joined.errors).toBeUndefined();
    const session = joined.data.joinEvent;
    expect(session.user).toMatchObject({ name: '王阿姨', role: 'VOLUNTEER', orgUnit: { id: UNITS.lanzhouChengguan } });
    expect(session.user.email).toMatch(/^join\+[0-9a-f-]{36}@volunteers\.invalid$/);
    expect(session.expiresAt).toBe(new Date(Date.parse(event.endsAt) + 2 * HOUR).toISOString());
    expect(await countRows(t, 'app_user')).toBe(usersBefore + 1);

    // The joined volunteer is on the event's staff, and the session reads that event.
    const seen = await t.gql(READ, { id: event.id }, session.token);
    expect(seen.data.event.assignments).toContainEqual({ role: 'VOLUNTEER', user: { id: session.user.id, name: '王阿姨' } });
    const mine = await t.gql(`query { myEvents(from: "2030-06-01T00:00:00Z", to: "2030-07-01T00:00:00Z") { id } }`, {}, session.token);
    expect(mine.data.myEvents).toEqual([{ id: event.id }]);

    // Even when the person is also put on another event, this session stays on its one event.
    expect((await assign(t, staff, other.id, session.user.id, 'VOLUNTEER')).errors).toBeUndefined();
    expectError(await t.gql(READ, { id: other.id }, session.token), 'FORBIDDEN');
    const listed = await t.gql(`query { events(first: 50) { nodes { id } } }`, {}, session.token);
    expect(listed.data.events.nodes).toEqual([{ id: event.id }]);
    // And it plans nothing.
    expectError(await t.gql(CREATE_EVENT, { input: eventInput() }, session.token), 'FORBIDDEN');
    expectError(await t.gql(CREATE_LINK, { id: event.id }, session.token), 'FORBIDDEN');
  });

  it('refuses forged, altered and foreign links with UNAUTHENTICATED, creating no one', async () => {
    const event = await createEvent(t, staff, on(4));
    const { token } = await link(event.id);
    const foreign = new CheckInLinkSigner({ appSecret: 'another-bank-secret-0123456789abcdef' } as AppConfig).sign(event.id, new Date(Date.parse(event.endsAt) + 2 * HOUR)).token;
    // One character of the event id changed: the signature no longer matches.
    const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const before = await countRows(t, 'app_user');
    for (const bad of [altered, foreign, 'not-a-link', token.slice(0, 20)]) {
      expectError(await t.gql(JOIN, { token: bad, name: '张三' }), 'UNAUTHENTICATED');
    }
    expect(await countRows(t, 'app_user')).toBe(before);
    expectError(await t.gql(JOIN, { token, name: '' }), 'BAD_USER_INPUT');
  });

  it('stops a link working once its event is cancelled', async () => {
    const event = await createEvent(t, staff, on(5));
    const { token } = await link(event.id);
    expect((await t.gql(JOIN, { token, name: '第一位志愿者' })).errors).toBeUndefined();
    await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "暴雨预警") { id } }`, { id: event.id }, staff);
    const before = await countRows(t, 'app_user');
    expect(expectError(await t.gql(JOIN, { token, name: '第二位志愿者' }), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    expect(expectError(await t.gql(CREATE_LINK, { id: event.id }, staff), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    expect(await countRows(t, 'app_user')).toBe(before);
  });

  it('stops a link working when it expires at the event end + 2h', async () => {
    const event = await createEvent(t, staff, on(6));
    const { token, expiresAt } = await link(event.id);
    const expiry = Date.parse(expiresAt);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(expiry - 1000));
    expect((await t.gql(JOIN, { token, name: '最后一刻' })).errors).toBeUndefined();
    jest.spyOn(clock, 'now').mockReturnValue(new Date(expiry));
    const before = await countRows(t, 'app_user');
    expectError(await t.gql(JOIN, { token, name: '来晚了' }), 'UNAUTHENTICATED');
    expect(await countRows(t, 'app_user')).toBe(before);
  });

  it('expires a link early when its event is moved earlier', async () => {
    const event = await createEvent(t, staff, on(7));
    const { token } = await link(event.id);
    await t.gql(`mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`, { id: event.id, input: { startsAt: '2030-06-07T05:00:00Z', endsAt: '2030-06-07T06:00:00Z' } }, staff);
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2030-06-07T08:30:00Z'));
    expectError(await t.gql(JOIN, { token, name: '张三' }), 'UNAUTHENTICATED');
  });

  it('makes no link once the check-in window has closed, and none for a caller who cannot manage the event', async () => {
    const event = await createEvent(t, staff, on(8));
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2030-06-08T13:00:00Z'));
    expect(expectError(await t.gql(CREATE_LINK, { id: event.id }, staff), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    jest.restoreAllMocks();
    expectError(await t.gql(CREATE_LINK, { id: event.id }, await t.login(USERS.qingdaoStaff.email)), 'FORBIDDEN');
    expectError(await t.gql(CREATE_LINK, { id: event.id }, await t.login(USERS.lanzhouVolunteer.email)), 'FORBIDDEN');
    // An unknown event looks like someone else's to a caller who does not see the whole bank.
    expectError(await t.gql(CREATE_LINK, { id: '40000000-0000-4000-8000-999999999999' }, staff), 'FORBIDDEN');
  });
});
