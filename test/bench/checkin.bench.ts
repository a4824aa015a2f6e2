/**
 * `npm run bench:checkin`: check-in throughput on MariaDB.
 *
 * The service runs in its own process with the demo bank. autocannon sends
 * `checkIn` at 64 and 256 connections and `syncCheckIns` in batches of 100; in
 * the same run a raw mysql2 loop commits the same single-row inserts at the
 * same concurrency, as the yardstick. Prints throughput, p50/p99 latency and the
 * ratio to the raw loop, and checks that every acknowledged check-in is stored.
 * Options: --duration <s> (default 10), --fold-interval <ms> (reach folder; 0 = off),
 * --only 64|256|batch (one load only), --upkeep [--rounds n] [--fold-elsewhere] (the
 * reach folder's cost to check-in throughput: folder on against off, in turns).
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
const GROUPS = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'GENERAL'];
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

interface Target {
  server: RunningServer;
  databaseUrl: string;
  staff: string;
  eventId: string;
}

/** A fresh database, the service on it, and an event in progress that the planner checks people in to. */
async function startTarget(database: string, port: number, foldIntervalMs: string): Promise<Target> {
  const databaseUrl = await freshDatabase(database);
  // 256 raw connections plus the service's pool exceed MariaDB's default of 151.
  const admin = createPool({ uri: databaseUrl, connectionLimit: 1 });
  await admin.query('SET GLOBAL max_connections = GREATEST(@@max_connections, 600)');
  await admin.end();
  const server = await startServer(databaseUrl, port, { REACH_FOLD_INTERVAL_MS: foldIntervalMs, WEB_CONCURRENCY: argValue('--workers') ?? '1' });
  try {
    const staff = (
      await graphql<{ login: { token: string } }>(server.url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
        e: USERS.lanzhouStaff.email,
        p: DEMO_PASSWORD,
      })
    ).login.token;
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
    return { server, databaseUrl, staff, eventId };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function singleCheckIns(target: Target, connections: number, label = `checkIn, ${connections} connections`): Promise<Figures> {
  return load(label, target.server, target.staff, connections, () =>
    JSON.stringify({ query: CHECK_IN, variables: { input: { clientId: randomUUID(), eventId: target.eventId, targetGroup: GROUPS[Math.floor(Math.random() * 4)] } } }),
  );
}

function show(r: Figures): void {
  console.log(`  ${r.label}: ${r.checkInsPerSecond.toFixed(0)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}${r.cpuMsPerCheckIn === null ? '' : `, service CPU ${r.cpuMsPerCheckIn.toFixed(2)} ms/check-in`}`);
}

/**
 * --upkeep: what keeping reach up to date costs check-in. Two services, each on
 * its own database, one with the reach folder as in production and one with it
 * off, take the 64-connection load in turns (so machine drift hits both alike);
 * prints each round and the ratio of the medians. --fold-elsewhere adds a third:
 * the loaded service folds nothing, and a second, idle instance on the same
 * database folds (which tells the folder's cost in the loaded process from its
 * cost in the database).
 */
async function upkeep(): Promise<void> {
  const rounds = Number(argValue('--rounds') ?? 4);
  const interval = argValue('--fold-interval') ?? '2000';
  const variants: { name: string; target: Target; extra?: RunningServer; runs: Figures[] }[] = [
    { name: `on (every ${interval} ms)`, target: await startTarget('finreach_bench_checkin', PORT, interval), runs: [] },
    { name: 'off', target: await startTarget('finreach_bench_checkin_nofold', PORT + 1, '0'), runs: [] },
  ];
  try {
    if (process.argv.includes('--fold-elsewhere')) {
      const target = await startTarget('finreach_bench_checkin_elsewhere', PORT + 2, '0');
      variants.push({ name: 'in another instance', target, extra: await startServer(target.databaseUrl, PORT + 3, { REACH_FOLD_INTERVAL_MS: interval }), runs: [] });
    }
    for (let round = 1; round <= rounds; round++) {
      // Rotate which goes first, so none always runs on a warmer machine.
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(i + round) % variants.length];
        const r = await singleCheckIns(v.target, 64, `round ${round}, folder ${v.name}`);
        v.runs.push(r);
        show(r);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rate = (v: (typeof variants)[number]) => median(v.runs.map((r) => r.checkInsPerSecond));
    console.log('\nReach upkeep and check-in throughput (checkIn, 64 connections, MariaDB)\n');
    console.log('| reach folder | median check-ins/s | median p99 ms |');
    console.log('| --- | ---: | ---: |');
    for (const v of variants) console.log(`| ${v.name} | ${rate(v).toFixed(0)} | ${median(v.runs.map((r) => r.p99))} |`);
    const ratio = rate(variants[0]) / rate(variants[1]);
    // Rounds run back to back, so the ratio within a round is the least touched by the machine's drift.
    const paired = median(variants[0].runs.map((r, i) => r.checkInsPerSecond / variants[1].runs[i].checkInsPerSecond));
    console.log(`\nthroughput with upkeep: ${(ratio * 100).toFixed(1)} % of without by the medians, ${(paired * 100).toFixed(1)} % by the median of the rounds' ratios`);
    console.log(`lowered by ${Math.max(0, (1 - ratio) * 100).toFixed(1)} % / ${Math.max(0, (1 - paired) * 100).toFixed(1)} %`);
  } finally {
    for (const v of variants) {
      await v.target.server.stop();
      await v.extra?.stop();
    }
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--upkeep')) return upkeep();
  // The reach folder runs as in production unless --fold-interval 0 turns it off (to measure its cost).
  const target = await startTarget('finreach_bench_checkin', PORT, argValue('--fold-interval') ?? '2000');
  const { server, databaseUrl, staff, eventId } = target;
  try {
    const single = (connections: number) => singleCheckIns(target, connections);
    const batch = (connections: number) =>
      load(`syncCheckIns ×100, ${connections} connections`, server, staff, connections, () =>
        JSON.stringify({ query: SYNC, variables: { items: Array.from({ length: 100 }, () => ({ clientId: randomUUID(), eventId, targetGroup: GROUPS[Math.floor(Math.random() * 4)] })) } }),
    );

    const results: Figures[] = [];
    const rawResults = new Map<number, Figures>();
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
