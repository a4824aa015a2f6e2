import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { USERS } from 'seeds/demo-bank';
import { GracefulShutdown } from 'src/bootstrap';
import { createEvent, createVolunteer } from '../support/events';
import { remoteApp, ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../support/test-database';
import { CheckInLoad, networkCode, sleep, storedClientIds } from './check-in-load';

const SYNC = `mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { clientId outcome } }`;

/**
 * The service runs as its own process (src/main.ts, as in production) with
 * phones checking people in; SIGTERM arrives in the middle. It must stop taking
 * connections, finish what is in flight, let its workers finish, and exit 0,
 * with every acknowledged check-in stored once.
 */
describe(`${GracefulShutdown.name}: SIGTERM under load (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: ServiceProcess;
  let load: CheckInLoad;
  let eventId: string;
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  let exitMs: number;
  let bigSync: { acknowledged: number; error?: string };
  let probeAfterSignal: string;
  let signalAt: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Background workers run on short timers, so a batch is likely in hand when the signal comes.
    svc = await startServiceProcess(db.url, { REACH_FOLD_INTERVAL_MS: '100', OUTBOX_INTERVAL_MS: '100', SCHEDULE_INTERVAL_MS: '100' });
    const remote = remoteApp(svc.url);
    const staff = await remote.login(USERS.lanzhouStaff.email);
    const volunteer = await createVolunteer(remote);
    eventId = await createEvent(remote, staff, {}, 'IN_PROGRESS', [volunteer.id]);

    load = new CheckInLoad({ url: svc.url, token: volunteer.token, eventId, singlePhones: 4, syncPhones: 2, batchSize: 50, syncPauseMs: 50 });
    load.start();
    await sleep(1500);

    // A large batch on the wire when the signal comes: it must still be answered in full.
    const items = Array.from({ length: 500 }, () => ({ clientId: randomUUID(), eventId, targetGroup: 'YOUTH' }));
    const inFlight = fetch(`${svc.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${volunteer.token}` },
      body: JSON.stringify({ query: SYNC, variables: { items } }),
    })
      .then((res) => res.json() as Promise<{ data?: { syncCheckIns: { clientId: string; outcome: string }[] } }>)
      .then((body) => {
        const results = body.data?.syncCheckIns ?? [];
        for (const r of results) if (r.outcome === 'ACCEPTED' || r.outcome === 'DUPLICATE') load.acknowledged.add(r.clientId);
        items.forEach((i) => load.sent.add(i.clientId));
        return { acknowledged: results.filter((r) => r.outcome === 'ACCEPTED').length };
      })
      .catch((error: unknown) => ({ acknowledged: 0, error: networkCode(error) }));
    await sleep(20);

    signalAt = Date.now();
    svc.child.kill('SIGTERM');
    // Wait for the service to say it stopped listening, then knock on a fresh connection.
    while (!svc.output().includes('no longer accepting connections') && Date.now() - signalAt < 5000) await sleep(10);
    probeAfterSignal = await tryConnect(svc.url);

    bigSync = await inFlight;
    exit = await svc.exitWithin(30_000);
    exitMs = Date.now() - signalAt;
    await load.stop();
  }, 180_000);

  afterAll(async () => {
    await load?.stop();
    await svc?.dispose();
    await db?.drop();
  });

  it('exits with code 0 soon after SIGTERM', () => {
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(15_000);
    expect(svc.output()).toContain('Stopped.');
    // Nothing had to be cut at the deadline: every request the server was working on finished.
    expect(svc.output()).not.toMatch(/Cut \d+ request/);
  });

  it('refuses new connections once the signal has arrived', () => {
    expect(probeAfterSignal).toBe('ECONNREFUSED');
  });

  it('answers the requests that were in flight in full', () => {
    expect(bigSync).toEqual({ acknowledged: 500 });
  });

  it('never half-answers: every answer is a full acknowledgement, and the rest fail at the connection', () => {
    // A request still queued on a connection the server had not read from when the signal came is
    // reset, never processed; the phone sends it again. No request gets an error answer.
    const answered = load.requests.filter((r) => r.answer.kind !== 'network');
    expect(answered.map((r) => r.answer.kind).filter((kind) => kind !== 'ack')).toEqual([]);
    const failed = load.requests.filter((r) => r.answer.kind === 'network').map((r) => (r.answer as { code: string }).code);
    expect(failed.filter((code) => !['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(code))).toEqual([]);
    expect(load.rejected).toEqual([]);
  });

  it('lets the background workers finish: no error logged while stopping', () => {
    const afterSignal = svc.output().split('no longer accepting connections')[1] ?? '';
    expect(afterSignal).not.toMatch(/ERROR/);
  });

  it('stores every acknowledged check-in exactly once', async () => {
    const rows = await storedClientIds(db.url, eventId);
    const missing = [...load.acknowledged].filter((id) => !rows.has(id.toLowerCase()));
    const twice = [...rows.values()].filter((n) => n > 1).length;
    console.log(
      [
        `shutdown figures (${TEST_ENGINE}):`,
        `  requests sent:          ${load.requests.length + 1}`,
        `  answers by kind:        ${JSON.stringify(load.tally())}`,
        `  in-flight batch of 500: ${JSON.stringify(bigSync)}`,
        `  new connection after SIGTERM: ${probeAfterSignal}`,
        `  requests on the wire at the signal that were reset: ${load.requests.filter((r) => r.answer.kind === 'network' && r.startedAt < signalAt).length}`,
        `  exit: ${JSON.stringify(exit)} after ${(exitMs / 1000).toFixed(2)} s`,
        `  acknowledged check-ins: ${load.acknowledged.size}; stored: ${[...rows.keys()].filter((id) => load.sent.has(id)).length} (missing ${missing.length}, stored twice ${twice})`,
      ].join('\n'),
    );
    expect(load.acknowledged.size).toBeGreaterThan(500);
    expect(missing).toEqual([]);
    expect(twice).toBe(0);
  });
});

/** ECONNREFUSED, or 'connected' if something still listens. */
function tryConnect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
