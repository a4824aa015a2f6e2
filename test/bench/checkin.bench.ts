/**
 * `npm run bench:checkin`: check-in throughput on MariaDB.
 *
 * The service runs in its own process with the demo bank. autocannon sends
 * `checkIn` at 64 and 256 connections and `syncCheckIns` in batches of 100; in
 * the same run a raw mysql2 loop commits the same single-row inserts at the
 * same concurrency, as the yardstick. Prints throughput, p50/p99 latency and the
 * ratio to the raw loop, and checks that every acknowledged check-in is stored.
 * Options: --duration <s> (default 10), --fold-interval <ms> (reach folder; 0 = off),
 * --only 64|256|batch (one load only).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { cpuMsOf, freshDatabase, graphql, percentile, RunningServer, startServer } from './bench-server';

const DURATION = Number(argValue('--duration') ?? 10);
const PORT = 3311;
const CHECK_IN = 'mutation ($input: CheckInInput!) { checkIn(input: $input) { outcome } }';
const SYNC = 'mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome } }';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Figures {
  label: string;
  connections: number;
  /** Check-ins the service answered ACCEPTED (or the raw loop committed). */
  acknowledged: number;
  checkInsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Service CPU time (all its processes) per acknowledged check-in, ms; null where /proc is missing. */
  cpuMsPerCheckIn: number | null;
}

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase('finreach_bench_checkin');
  // 256 raw connections plus the service's pool exceed MariaDB's default of 151.
  const admin = createPool({ uri: databaseUrl, connectionLimit: 1 });
  await admin.query('SET GLOBAL max_connections = GREATEST(@@max_connections, 600)');
  await admin.end();
  // The reach folder runs as in production unless --fold-interval 0 turns it off (to measure its cost).
  const server = await startServer(databaseUrl, PORT, { REACH_FOLD_INTERVAL_MS: argValue('--fold-interval') ?? '2000', WEB_CONCURRENCY: argValue('--workers') ?? '1' });
  try {
    const login = async (email: string) =>
      (await graphql<{ login: { token: string } }>(server.url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: DEMO_PASSWORD })).login.token;
    const staff = await login(USERS.lanzhouStaff.email);
    const volunteer = await login(USERS.lanzhouVolunteer.email);
    const now = Date.now();
    const event = await graphql<{ createEvent: { id: string } }>(
      server.url,
      'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: '基准测试: 防范电信网络诈骗宣传',
          orgUnitId: UNITS.lanzhouDonggang,
          venueType: 'BUSINESS_DISTRICT',
          venueName: '东方红广场',
          address: '兰州市城关区',
          startsAt: new Date(now - 3600_000).toISOString(),
          endsAt: new Date(now + 6 * 3600_000).toISOString(),
          targetGroups: ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'GENERAL'],
        },
      },
      staff,
    );
    const eventId = event.createEvent.id;
    // The demo volunteer may already work at a demo event today; this bench checks in as the planner.
    for (const step of ['scheduleEvent', 'startEvent']) await graphql(server.url, `mutation ($id: ID!) { ${step}(id: $id) { id } }`, { id: eventId }, staff);
    void volunteer;

    const groups = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'GENERAL'];
    const single = (connections: number) =>
      load(`checkIn, ${connections} connections`, server, staff, connections, () =>
        JSON.stringify({ query: CHECK_IN, variables: { input: { clientId: randomUUID(), eventId, targetGroup: groups[Math.floor(Math.random() * 4)] } } }),
    );
    const batch = (connections: number) =>
      load(`syncCheckIns ×100, ${connections} connections`, server, staff, connections, () =>
        JSON.stringify({ query: SYNC, variables: { items: Array.from({ length: 100 }, () => ({ clientId: randomUUID(), eventId, targetGroup: groups[Math.floor(Math.random() * 4)] })) } }),
    );

    const results: Figures[] = [];
    const rawResults = new Map<number, Figures>();
    const show = (r: Figures) => console.log(`  ${r.label}: ${r.checkInsPerSecond.toFixed(0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}${r.cpuMsPerCheckIn === null ? '' : `, service CPU ${r.cpuMsPerCheckIn.toFixed(2)} ms/check-in`}`);
    const only = argValue('--only');
    for (const connections of [64, 256]) {
      if (only && only !== String(connections)) continue;
      results.push(await single(connections));
      show(results[results.length - 1]);
      rawResults.set(connections, await rawLoop(databaseUrl, eventId, connections));
      show(rawResults.get(connections)!);
    }
    if (!only || only === 'batch') {
      results.push(await batch(16));
      show(results[results.length - 1]);
    }

    const pool = createPool({ uri: databaseUrl, connectionLimit: 2 });
    const [[stored]] = (await pool.query('SELECT COUNT(*) AS n, SUM(count) AS people FROM check_in WHERE event_id = ? AND recorded_by_id = ?', [eventId, USERS.lanzhouStaff.id])) as unknown as [[{ n: number }]];
    await pool.end();
    const acknowledged = results.reduce((sum, r) => sum + r.acknowledged, 0);

    console.log('\nCheck-in throughput on MariaDB (2 cores, service and load generator on one machine)\n');
    console.log('| load | check-ins/s | p50 ms | p99 ms | errors | raw mysql2 loop/s | ratio | service CPU ms/check-in |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const raw = rawResults.get(r.connections) ?? rawResults.get(64)!;
      console.log(`| ${r.label} | ${r.checkInsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${raw.checkInsPerSecond.toFixed(0)} (${raw.connections} conns) | ${(r.checkInsPerSecond / raw.checkInsPerSecond).toFixed(2)} | ${r.cpuMsPerCheckIn?.toFixed(2) ?? '–'} |`);
    }
    // autocannon stops listening at the deadline; requests still in flight then commit unseen, so stored ≥ acknowledged.
    console.log(`\nacknowledged check-ins: ${acknowledged}; stored: ${stored.n} (${Number(stored.n) >= acknowledged ? 'every acknowledged check-in is stored' : 'MISSING ROWS'})`);
  } finally {
    await server.stop();
  }
}

async function load(label: string, server: RunningServer, token: string, connections: number, body: () => string): Promise<Figures> {
  let acknowledged = 0;
  const cpuBefore = cpuMsOf(server.process.pid!);
  let errors = 0;
  const result = await autocannon({
    url: `${server.url}/graphql`,
    connections,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: (status, responseBody) => {
          const parsed = status === 200 ? (JSON.parse(responseBody) as { data?: Record<string, unknown>; errors?: unknown }) : null;
          if (!parsed || parsed.errors) {
            errors += 1;
            return;
          }
          const answer = Object.values(parsed.data ?? {})[0];
          const outcomes = (Array.isArray(answer) ? answer : [answer]) as { outcome: string }[];
          acknowledged += outcomes.filter((o) => o.outcome === 'ACCEPTED').length;
        },
      },
    ],
  });
  const seconds = result.duration;
  const cpuAfter = cpuMsOf(server.process.pid!);
  return {
    label,
    connections,
    acknowledged,
    checkInsPerSecond: (acknowledged) / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.non2xx + result.errors,
    cpuMsPerCheckIn: cpuBefore !== null && cpuAfter !== null && acknowledged > 0 ? (cpuAfter - cpuBefore) / acknowledged : null,
  };
}

/** The same single-row insert, committed one at a time from `connections` connections, for DURATION seconds. */
async function rawLoop(databaseUrl: string, eventId: string, connections: number): Promise<Figures> {
  const pool = createPool({ uri: databaseUrl, connectionLimit: connections, timezone: 'Z' });
  const latencies: number[] = [];
  const end = Date.now() + DURATION * 1000;
  let done = 0;
  const batchId = randomUUID();
  const worker = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      await pool.query(
        'INSERT IGNORE INTO check_in (event_id, client_id, target_group, count, checked_in_at, received_at, recorded_by_id, batch_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
        [eventId, randomUUID(), 'GENERAL', new Date(), new Date(), USERS.admin.id, batchId],
      );
      latencies.push(performance.now() - started);
      done += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (Date.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { label: `raw mysql2, ${connections}`, connections, acknowledged: done, checkInsPerSecond: done / seconds, p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), errors: 0, cpuMsPerCheckIn: null };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
