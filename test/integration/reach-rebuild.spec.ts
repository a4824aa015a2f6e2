import { randomUUID } from 'node:crypto';
import { UNITS, USERS } from 'seeds/demo-bank';
import { localDateOf } from 'src/common/local-time';
import { ReachFolder } from 'src/reach/reach-folder';
import { ReachRebuild } from 'src/reach/reach-rebuild';
import { ReachRepository } from 'src/reach/reach.repository';
import { createEvent, createVolunteer } from '../support/events';
import { fold, insertCheckIns, reach } from '../support/reach';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`;

/** Everything reach keeps, in a form two ways of building it can be compared by: non-zero rollup rows and per-event state. */
async function reachTables(t: TestApp) {
  const rollups: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM reach_rollup ORDER BY unit_id, period_kind, period, venue_type, campaign_id, target_group, group_mask');
  const states: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM reach_event ORDER BY event_id');
  const numbers = (row: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && !/^\d+$/.test(v) ? v : Number(v)]));
  return {
    rollups: rollups.map(numbers).filter((r) => Object.entries(r).some(([k, v]) => typeof v === 'number' && k !== 'group_mask' && v !== 0)),
    states: states.map((s): Record<string, unknown> => ({ ...numbers(s), attendees: JSON.parse(String(s.attendees)), feedback: JSON.parse(String(s.feedback)) })),
  };
}

async function pending(t: TestApp): Promise<{ checkIns: number; dirty: number }> {
  const [[c], [d]] = await Promise.all([
    t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE reach_folded = 0'),
    t.dataSource.query('SELECT COUNT(*) AS n FROM reach_dirty_event'),
  ]);
  return { checkIns: Number(c.n), dirty: Number(d.n) };
}

/** Forgets everything reach knows, as on a first load: no rollups, no per-event state, every check-in pending. */
async function forgetReach(t: TestApp, { markDirty }: { markDirty: boolean }): Promise<void> {
  await t.dataSource.query('DELETE FROM reach_rollup');
  await t.dataSource.query('DELETE FROM reach_event');
  await t.dataSource.query('UPDATE check_in SET reach_folded = 0');
  if (markDirty) await t.dataSource.query('INSERT INTO reach_dirty_event (event_id) SELECT id FROM event WHERE id NOT IN (SELECT event_id FROM reach_dirty_event)');
}

describe(`${ReachRebuild.name} (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let staff: string;
  let rebuild: ReachRebuild;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.login(USERS.lanzhouStaff.email);
    rebuild = t.app.get(ReachRebuild);
    // The demo bank's events (with check-ins and feedback), plus held events at 兰州分行's outlet and a cancelled one.
    const recorder = (await createVolunteer(t)).id;
    for (const [status, counts] of [
      ['COMPLETED', { ELDERLY: 7, YOUTH: 3 }],
      ['IN_PROGRESS', { NEW_CITIZEN: 4 }],
      ['CANCELLED', { ELDERLY: 2 }],
    ] as const) {
      const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY', 'YOUTH', 'NEW_CITIZEN'] }, status === 'CANCELLED' ? 'SCHEDULED' : status);
      await insertCheckIns(t, eventId, recorder, counts);
      if (status === 'CANCELLED') await t.gql(`mutation ($id: ID!) { cancelEvent(id: $id, reason: "暴雨") { id } }`, { id: eventId }, staff);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('rebuilds exactly the rollups and per-event state the incremental folder gives, whatever the parts', async () => {
    await fold(t);
    const folded = await reachTables(t);
    expect(folded.rollups.length).toBeGreaterThan(100);
    expect(folded.states.some((s) => Object.keys(s.feedback as object).length > 0)).toBe(true);

    await forgetReach(t, { markDirty: false });
    const whole = await rebuild.rebuild();
    expect(await reachTables(t)).toEqual(folded);
    expect(await pending(t)).toEqual({ checkIns: 0, dirty: 0 });
    expect(whole.rollupRows).toBe(folded.rollups.length);

    // Parts of at most 3 events: head office and 兰州分行 are split into their own events plus their children's subtrees.
    const plan = await rebuild.plan(3);
    expect(plan.find((p) => p.unitId === UNITS.headOffice)).toEqual({ unitId: UNITS.headOffice, eventUnits: [UNITS.headOffice], rollupUnits: [] });
    expect(plan.filter((p) => p.unitId === UNITS.lanzhou)).toHaveLength(1);
    expect(plan.find((p) => p.unitId === UNITS.lanzhou)!.rollupUnits).toEqual([]);
    await forgetReach(t, { markDirty: false });
    expect((await rebuild.rebuild({ partEvents: 3 })).parts).toBe(plan.length);
    expect(await reachTables(t)).toEqual(folded);

    // A rebuild over rollups already up to date changes nothing.
    await rebuild.rebuild({ partEvents: 3 });
    expect(await reachTables(t)).toEqual(folded);
    expect(await fold(t)).toEqual({ events: 0, checkIns: 0 });
  });

  it('takes in pending check-ins and changed events, agreeing with a fold from scratch', async () => {
    const recorder = (await createVolunteer(t)).id;
    const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY'] }, 'IN_PROGRESS');
    await insertCheckIns(t, eventId, recorder, { ELDERLY: 5, GENERAL: 2 });
    await t.gql(`mutation ($id: ID!) { completeEvent(id: $id) { id } }`, { id: eventId }, staff);
    expect((await pending(t)).checkIns).toBeGreaterThan(0);
    expect((await pending(t)).dirty).toBeGreaterThan(0);

    await rebuild.rebuild({ partEvents: 2 });
    expect(await pending(t)).toEqual({ checkIns: 0, dirty: 0 });
    const rebuilt = await reachTables(t);
    expect(rebuilt.states.find((s) => s.event_id === eventId)).toMatchObject({ held: 1, attendees: { ELDERLY: 5, GENERAL: 2 } });

    await forgetReach(t, { markDirty: true });
    await fold(t);
    expect(await reachTables(t)).toEqual(rebuilt);
  });

  it('lets the folder take a backlog of more than one batch in one foldAll', async () => {
    const recorder = (await createVolunteer(t)).id;
    const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY'] }, 'IN_PROGRESS');
    await fold(t);
    const now = new Date();
    const rows = Array.from({ length: 5_200 }, () => ({ eventId, clientId: randomUUID(), targetGroup: 'ELDERLY', count: 1, checkedInAt: now, receivedAt: now, recordedById: recorder, batchId: randomUUID() }));
    for (let i = 0; i < rows.length; i += 500) await t.dataSource.createQueryBuilder().insert().into('check_in').values(rows.slice(i, i + 500)).execute();

    expect(await fold(t)).toEqual({ events: 0, checkIns: 5_200 });
    expect(await pending(t)).toEqual({ checkIns: 0, dirty: 0 });
    expect((await reachTables(t)).states.find((s) => s.event_id === eventId)).toMatchObject({ attendees: { ELDERLY: 5_200 } });
  });

  it('moves events to their local day under a new APP_TIMEZONE', async () => {
    // 07:30 in Shanghai is 23:30 the day before in UTC.
    const startsAt = new Date('2031-05-10T07:30:00+08:00');
    const eventId = await createEvent(t, staff, { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) }, 'COMPLETED');
    const dayOf = async () => (await t.dataSource.query('SELECT day FROM reach_event WHERE event_id = ?', [eventId]))[0]?.day;
    const unitDays = async () =>
      (await t.dataSource.query("SELECT DISTINCT period FROM reach_rollup WHERE unit_id = ? AND period_kind = 'D' AND period LIKE '2031-05-%' AND events <> 0", [UNITS.lanzhouDonggang])).map(
        (r: { period: string }) => r.period,
      );
    await fold(t);
    expect(await dayOf()).toBe('2031-05-10');

    const inUtc = new ReachRebuild(t.dataSource, { ...t.config, appTimezone: 'UTC' }, t.app.get(ReachRepository));
    await inUtc.rebuild();
    expect(await dayOf()).toBe('2031-05-09');
    expect(await unitDays()).toEqual(['2031-05-09']);

    await rebuild.rebuild();
    expect(await dayOf()).toBe('2031-05-10');
    expect(await unitDays()).toEqual(['2031-05-10']);
  });

  // Concurrency is only meaningful on MySQL/MariaDB (SQLite serialises everything).
  (TEST_ENGINE === 'mysql' ? it : it.skip)('stays exact for readers while check-ins arrive and folders try to run during a rebuild', async () => {
    const analyst = await t.login(USERS.analyst.email);
    const filter = { orgUnitId: UNITS.lanzhou, from: localDateOf(new Date(Date.now() - 86_400_000), t.config.appTimezone), to: localDateOf(new Date(), t.config.appTimezone) };
    const volunteer = await createVolunteer(t);
    const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY', 'YOUTH'] }, 'IN_PROGRESS', [volunteer.id]);
    await fold(t);
    const baseline = (await reach(t, analyst, filter)).totals.attendees;

    let acknowledged = 0;
    let sent = 0;
    let writing = true;
    const writer = async () => {
      for (let i = 0; i < 60; i++) {
        const count = (i % 3) + 1;
        sent += count;
        const res = await t.gql(CHECK_IN, { input: { clientId: randomUUID(), eventId, targetGroup: i % 2 ? 'ELDERLY' : 'YOUTH', count } }, volunteer.token);
        expect(res.data?.checkIn.outcome).toBe('ACCEPTED');
        acknowledged += count;
      }
    };
    const reader = async () => {
      let answers = 0;
      while (writing) {
        const floor = acknowledged;
        const answer = (await reach(t, analyst, filter)).totals.attendees - baseline;
        expect(answer).toBeGreaterThanOrEqual(floor);
        expect(answer).toBeLessThanOrEqual(sent);
        answers++;
      }
      return answers;
    };
    const rebuilder = async () => {
      let rebuilds = 0;
      while (writing) {
        await rebuild.rebuild({ partEvents: 2 });
        rebuilds++;
      }
      return rebuilds;
    };
    const folder = async () => {
      while (writing) await t.app.get(ReachFolder).foldOnce();
    };
    const running = Promise.all([reader(), reader(), rebuilder(), folder()]);
    await writer();
    writing = false;
    const [answersA, answersB, rebuilds] = await running;
    expect(answersA + answersB).toBeGreaterThan(0);
    expect(rebuilds).toBeGreaterThan(0);

    await fold(t);
    const [raw] = await t.dataSource.query('SELECT SUM(count) AS n FROM check_in WHERE event_id = ?', [eventId]);
    expect(Number(raw.n)).toBe(acknowledged);
    expect((await reach(t, analyst, filter)).totals.attendees - baseline).toBe(acknowledged);
    expect(await pending(t)).toEqual({ checkIns: 0, dirty: 0 });
  });
});
