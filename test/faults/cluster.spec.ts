import { readFileSync } from 'node:fs';
import { USERS } from 'seeds/demo-bank';
import { runPrimary } from 'src/cluster';
import { createEvent, createVolunteer } from '../support/events';
import { remoteApp, ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../support/test-database';
import { CheckInLoad, sleep, storedClientIds } from './check-in-load';

/** The worker processes of a cluster primary, from /proc (Linux). */
function workersOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

if (TEST_ENGINE === 'sqlite') {
  describe(`${runPrimary.name}: WEB_CONCURRENCY on SQLite`, () => {
    let db: TestDatabase;
    beforeAll(async () => (db = await createTestDatabase()));
    afterAll(async () => db?.drop());

    it('refuses to start more than one worker on a SQLite file, saying why', async () => {
      const started = startServiceProcess(db.url, { WEB_CONCURRENCY: '2' });
      await expect(started).rejects.toThrow(/WEB_CONCURRENCY above 1 needs MySQL\/MariaDB/);
    }, 120_000);
  });
} else {
  /**
   * The service as a cluster of two workers on MariaDB, with phones checking
   * people in: both workers serve, a worker that dies is replaced while the
   * other keeps serving, and SIGTERM to the primary stops both gracefully with
   * every acknowledged check-in stored once.
   */
  describe(`${runPrimary.name}: a cluster of two workers under load (${TEST_ENGINE})`, () => {
    let db: TestDatabase;
    let svc: ServiceProcess;
    let load: CheckInLoad;
    let eventId: string;
    let firstWorkers: number[];
    let killed: number;
    let replacedWorkers: number[];
    let acknowledgedWhileOneDown: number;
    let exit: { code: number | null; signal: NodeJS.Signals | null };

    beforeAll(async () => {
      db = await createTestDatabase();
      svc = await startServiceProcess(db.url, { WEB_CONCURRENCY: '2', REACH_FOLD_INTERVAL_MS: '200', OUTBOX_INTERVAL_MS: '200', SYNC_RATE_LIMIT: '0' });
      await until('two workers listening', () => (svc.output().match(/Listening on port/g) ?? []).length === 2);
      firstWorkers = workersOf(svc.pid);

      const remote = remoteApp(svc.url);
      const staff = await remote.login(USERS.lanzhouStaff.email);
      const volunteer = await createVolunteer(remote);
      eventId = await createEvent(remote, staff, {}, 'IN_PROGRESS', [volunteer.id]);
      load = new CheckInLoad({ url: svc.url, token: volunteer.token, eventId, singlePhones: 6, syncPhones: 2, batchSize: 20, syncPauseMs: 50 });
      load.start();
      await sleep(1500);

      // A worker crashes: its connections drop, the phones send again, the other worker answers.
      killed = firstWorkers[1];
      const before = load.acknowledged.size;
      process.kill(killed, 'SIGKILL');
      await until('a replacement worker', () => workersOf(svc.pid).length === 2 && !workersOf(svc.pid).includes(killed));
      acknowledgedWhileOneDown = load.acknowledged.size - before;
      replacedWorkers = workersOf(svc.pid);
      await until('the replacement listening', () => (svc.output().match(/Listening on port/g) ?? []).length === 3);
      await sleep(1000);

      svc.child.kill('SIGTERM');
      exit = await svc.exitWithin(45_000);
      await load.stop();
    }, 240_000);

    afterAll(async () => {
      await load?.stop();
      await svc?.dispose();
      await db?.drop();
    });

    it('runs two worker processes under one primary', () => {
      expect(firstWorkers).toHaveLength(2);
      expect(svc.output()).toContain('2 workers serving (WEB_CONCURRENCY=2).');
    });

    it('replaces a worker that died and keeps serving meanwhile', () => {
      expect(svc.output()).toContain(`Worker ${killed} died (SIGKILL); starting another.`);
      expect(replacedWorkers).toContain(firstWorkers[0]);
      expect(acknowledgedWhileOneDown).toBeGreaterThan(0);
    });

    it('stops every worker on SIGTERM and exits 0', () => {
      expect(exit).toEqual({ code: 0, signal: null });
      expect((svc.output().match(/Stopped\./g) ?? []).length).toBe(2);
    });

    it('stores every acknowledged check-in exactly once, the answers of both workers alike', async () => {
      const rows = await storedClientIds(db.url, eventId);
      const missing = [...load.acknowledged].filter((id) => !rows.has(id.toLowerCase()));
      const twice = [...rows.values()].filter((n) => n > 1).length;
      console.log(
        [
          `cluster figures (${TEST_ENGINE}):`,
          `  answers by kind: ${JSON.stringify(load.tally())}`,
          `  acknowledged while one worker was down: ${acknowledgedWhileOneDown}`,
          `  acknowledged check-ins: ${load.acknowledged.size}; missing ${missing.length}, stored twice ${twice}`,
        ].join('\n'),
      );
      expect(load.acknowledged.size).toBeGreaterThan(200);
      expect(missing).toEqual([]);
      expect(twice).toBe(0);
      expect(load.rejected).toEqual([]);
      // Only the network may fail a request (the killed worker's connections, the stop); never an error answer.
      expect(load.requests.filter((r) => r.answer.kind !== 'ack' && r.answer.kind !== 'network')).toEqual([]);
    });
  });
}
