import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** The MariaDB server benchmarks run on: BENCH_MYSQL_URL, else TEST_MYSQL_URL, else local root. */
export function benchServerUrl(): URL {
  const url = new URL(process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  url.pathname = '/';
  return url;
}

/** The URL of a database an earlier benchmark run left on the bench server. */
export function existingDatabase(name: string): string {
  const url = benchServerUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database for one benchmark, dropped first if a previous run left it. */
export async function freshDatabase(name: string): Promise<string> {
  const server = benchServerUrl();
  const conn = await createConnection({ uri: server.toString() });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built service (dist/, `npm run build` first) in its own process (as in production: NODE_ENV=production,
 * demo bank seeded) so the load generator does not share its event loop.
 */
export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The compiled service, as `npm start` runs it: under ts-node the service would also carry ts-node's
  // hooks (which load the domain module, and with it a slower EventEmitter), which production does not.
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', '..', 'dist', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // The bench drives one session far harder than a phone would; the per-session sync limit would refuse it.
      SYNC_RATE_LIMIT: '0',
      APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SEED_DEMO: 'true',
      VAR_DIR: join(__dirname, '..', '..', 'var', 'bench'),
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not become healthy within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await settled(child.pid!);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function graphql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * CPU time (ms, user + system) used so far by a process and its direct children
 * (the workers of a cluster), from /proc: how much work a request costs the
 * service, which the machine's drifting speed and the other processes on its
 * two cores disturb far less than requests a second. Linux only; null elsewhere.
 */
export function cpuMsOf(pid: number): number | null {
  const ticks = (id: string): number => {
    // Fields after the command name (which may hold spaces) start at the third; utime and stime are the 14th and 15th.
    const stat = readFileSync(`/proc/${id}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    const total = [String(pid), ...children].reduce((sum, id) => sum + ticks(id), 0);
    return (total * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Waits until the service is idle (under 10 % of a core for half a second): the
 * first answer to /health comes from the first worker of a cluster while the
 * others are still booting, which must not be measured as request work.
 */
async function settled(pid: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = cpuMsOf(pid);
  while (before !== null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuMsOf(pid)!;
    if (now - before < 50) return;
    before = now;
  }
}
