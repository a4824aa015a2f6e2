import { randomUUID } from 'node:crypto';
import { UNITS, USERS } from 'seeds/demo-bank';
import { localDateOf } from 'src/common/local-time';
import { ReachFolder } from 'src/reach/reach-folder';
import { ReachRepository } from 'src/reach/reach.repository';
import { createEvent, createVolunteer } from '../support/events';
import { reach } from '../support/reach';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const CHECK_IN = `mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }`;
const ROUNDS = 40;

// Concurrency is only meaningful on MySQL/MariaDB (SQLite serialises everything).
const describeOnMysql = TEST_ENGINE === 'mysql' ? describe : describe.skip;

describeOnMysql(`${ReachFolder.name} exactness under concurrency`, () => {
  let t: TestApp;
  let peer: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    peer = await t.startPeer();
  });

  afterAll(async () => {
    await peer?.close();
    await t?.close();
  });

  it('answers every reach query with every check-in acknowledged before it began, while folders run on two instances', async () => {
    const staff = await t.login(USERS.lanzhouStaff.email);
    const analyst = await t.login(USERS.analyst.email);
    // The events start an hour ago: yesterday and today cover them whatever the local hour.
    const filter = { orgUnitId: UNITS.lanzhou, from: localDateOf(new Date(Date.now() - 86_400_000), t.config.appTimezone), to: localDateOf(new Date(), t.config.appTimezone) };
    const writers = await Promise.all(
      [0, 1, 2].map(async () => {
        const volunteer = await createVolunteer(t, UNITS.lanzhouDonggang);
        const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY', 'YOUTH'] }, 'IN_PROGRESS', [volunteer.id]);
        return { volunteer, eventId };
      }),
    );
    const baseline = (await reach(t, analyst, filter)).totals.attendees;

    let acknowledged = 0; // accepted and answered
    let sent = 0; // possibly accepted
    let writing = true;
    const apps = [t, peer];

    const writer = async (w: (typeof writers)[number], n: number) => {
      for (let i = 0; i < ROUNDS; i++) {
        const count = (i % 3) + 1;
        sent += count;
        const res = await apps[(i + n) % 2].gql(
          CHECK_IN,
          { input: { clientId: randomUUID(), eventId: w.eventId, targetGroup: i % 2 ? 'ELDERLY' : 'YOUTH', count } },
          w.volunteer.token,
        );
        expect(res.data?.checkIn.outcome).toBe('ACCEPTED');
        acknowledged += count;
      }
    };
    const reader = async (n: number) => {
      let answers = 0;
      while (writing) {
        const floor = acknowledged;
        const answer = (await reach(apps[n % 2], analyst, filter)).totals.attendees - baseline;
        const ceiling = sent;
        expect(answer).toBeGreaterThanOrEqual(floor);
        expect(answer).toBeLessThanOrEqual(ceiling);
        answers++;
      }
      return answers;
    };
    const folder = async (app: TestApp) => {
      let folds = 0;
      while (writing) {
        await app.app.get(ReachFolder).foldOnce();
        folds++;
      }
      return folds;
    };

    const readers = [reader(0), reader(1), reader(2)];
    const folders = [folder(t), folder(peer)];
    await Promise.all(writers.map((w, n) => writer(w, n)));
    writing = false;
    const answers = (await Promise.all(readers)).reduce((a, b) => a + b, 0);
    await Promise.all(folders);
    expect(answers).toBeGreaterThan(0);

    const [raw] = await t.dataSource.query(
      `SELECT SUM(count) AS n FROM check_in WHERE event_id IN (${writers.map(() => '?').join(', ')})`,
      writers.map((w) => w.eventId),
    );
    expect(Number(raw.n)).toBe(acknowledged);
    expect((await reach(t, analyst, filter)).totals.attendees - baseline).toBe(acknowledged);
    await t.app.get(ReachFolder).foldAll();
    const [unfolded] = await t.dataSource.query('SELECT COUNT(*) AS n FROM check_in WHERE reach_folded = 0');
    expect(Number(unfolded.n)).toBe(0);
    expect((await reach(peer, analyst, filter)).totals.attendees - baseline).toBe(acknowledged);
  });

  it('folds while the folder of another finreach database on the same server holds its own lock', async () => {
    const other = await startTestApp({ seed: false });
    const runner = other.dataSource.createQueryRunner();
    try {
      expect(await other.app.get(ReachRepository).tryFoldLock(runner)).toBe(true);
      expect(await t.app.get(ReachFolder).foldOnce()).not.toBeNull();
    } finally {
      await other.app.get(ReachRepository).releaseFoldLock(runner);
      await runner.release();
      await other.close();
    }
  });
});
