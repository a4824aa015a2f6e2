import { randomUUID } from 'node:crypto';
import { CheckInService } from 'src/checkin/check-in.service';
import { USERS } from 'seeds/demo-bank';
import { createEvent, createVolunteer } from '../support/events';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome reason } }`;
const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome } }`;

/**
 * Many phones at once, over real HTTP connections. On MariaDB this is where the
 * unique keys, INSERT IGNORE and the deadlock retry are proven; SQLite runs it
 * too, serialised by its single writer.
 */
describe(`${CheckInService.name} under concurrency (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let url: string;
  let volunteer: string;
  let staff: string;
  let volunteerId: string;

  const post = async (query: string, variables: Record<string, unknown>, token = volunteer) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };
  const rows = async (eventId: string) =>
    (await t.dataSource.query('SELECT COUNT(*) AS n, SUM(count) AS people FROM check_in WHERE event_id = ?', [eventId]))[0] as { n: string | number; people: string | number };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    staff = await t.login(USERS.lanzhouStaff.email);
    const person = await createVolunteer(t);
    volunteer = person.token;
    volunteerId = person.id;
  });
  afterAll(() => t?.close());

  it('leaves one row for 50 concurrent identical requests', async () => {
    const eventId = await createEvent(t, staff, { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 600_000) }, 'IN_PROGRESS', [volunteerId]);
    const input = { clientId: randomUUID(), eventId, targetGroup: 'ELDERLY', name: '李爷爷', phone: '13812345678' };
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(CHECK_IN, { input })));
    expect(answers.every((a) => a.status === 200 && !a.body.errors)).toBe(true);
    const outcomes = answers.map((a) => a.body.data.checkIn.outcome);
    expect(outcomes.filter((o) => o === 'ACCEPTED')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'DUPLICATE')).toHaveLength(49);
    expect(Number((await rows(eventId)).n)).toBe(1);
  });

  it('decides each of many concurrent check-ins alone, new ones and repeats written together', async () => {
    // A volunteer of its own: the first test's volunteer already works at an event at this hour.
    const other = await createVolunteer(t);
    const eventId = await createEvent(t, staff, { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 600_000) }, 'IN_PROGRESS', [other.id]);
    // 60 new clientIds, each sent twice, plus 20 new clientIds all with one phone: statements that carry
    // several of them at once must still tell each request whether its own row went in.
    const twice = Array.from({ length: 60 }, () => ({ clientId: randomUUID(), eventId, targetGroup: 'YOUTH' }));
    const samePhone = Array.from({ length: 20 }, () => ({ clientId: randomUUID(), eventId, targetGroup: 'ELDERLY', phone: '13912345678' }));
    const inputs = [...twice, ...samePhone, ...twice];
    const answers = await Promise.all(inputs.map((input) => post(CHECK_IN, { input }, other.token)));
    expect(answers.filter((a) => a.status !== 200 || a.body.errors)).toEqual([]);
    const outcomes = answers.map((a) => a.body.data.checkIn.outcome as string);
    const byClient = new Map<string, string[]>();
    inputs.forEach((input, i) => byClient.set(input.clientId, [...(byClient.get(input.clientId) ?? []), outcomes[i]]));
    expect(twice.map((input) => byClient.get(input.clientId)!.sort())).toEqual(twice.map(() => ['ACCEPTED', 'DUPLICATE']));
    expect(samePhone.map((input) => byClient.get(input.clientId)![0]).sort()).toEqual(['ACCEPTED', ...new Array(19).fill('DUPLICATE')]);
    expect(Number((await rows(eventId)).n)).toBe(61);
  });

  it('accepts 300 concurrent different check-ins to one event with exact totals and no error', async () => {
    const eventId = await createEvent(t, staff, { startsAt: new Date(Date.now() + 600_000), endsAt: new Date(Date.now() + 3600_000) }, 'SCHEDULED', [volunteerId]);
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        post(CHECK_IN, { input: { clientId: randomUUID(), eventId, targetGroup: i % 2 ? 'ELDERLY' : 'YOUTH', ...(i % 3 === 0 ? { phone: `139${String(i).padStart(8, '0')}` } : {}) } }),
      ),
    );
    expect(answers.filter((a) => a.status !== 200 || a.body.errors)).toEqual([]);
    expect(answers.every((a) => a.body.data.checkIn.outcome === 'ACCEPTED')).toBe(true);
    const stored = await rows(eventId);
    expect(Number(stored.n)).toBe(300);
    const attendance = await t.gql(`query ($e: ID!) { attendance(eventId: $e) { total byTargetGroup { targetGroup count } } }`, { e: eventId }, staff);
    expect(attendance.data.attendance).toEqual({ total: 300, byTargetGroup: [{ targetGroup: 'ELDERLY', count: 150 }, { targetGroup: 'YOUTH', count: 150 }] });
  });

  it('counts a sync batch sent three times at once exactly once', async () => {
    const eventId = await createEvent(t, staff, { startsAt: new Date(Date.now() + 3600_000), endsAt: new Date(Date.now() + 2 * 3600_000) }, 'SCHEDULED', [volunteerId]);
    const items = Array.from({ length: 100 }, (_, i) => ({ clientId: randomUUID(), eventId, targetGroup: 'GENERAL', count: (i % 5) + 1 }));
    const answers = await Promise.all([post(SYNC, { items }), post(SYNC, { items }), post(SYNC, { items })]);
    expect(answers.every((a) => a.status === 200 && !a.body.errors)).toBe(true);
    const accepted = answers.flatMap((a) => a.body.data.syncCheckIns).filter((r: { outcome: string }) => r.outcome === 'ACCEPTED');
    expect(accepted).toHaveLength(100);
    const stored = await rows(eventId);
    expect(Number(stored.n)).toBe(100);
    expect(Number(stored.people)).toBe(items.reduce((sum, i) => sum + i.count, 0));
  });
});
