import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { USERS } from 'seeds/demo-bank';
import { formatGraphQLError } from 'src/common/graphql/format-error';
import { createEvent, createVolunteer } from '../support/events';
import { remoteApp, ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TEST_ENGINE, TestDatabase } from '../support/test-database';
import { HostileRequest, hostileRequests } from './hostile-requests';

const CONCURRENCY = 6;
const REQUEST_TIMEOUT_MS = 20_000;
/**
 * "Back near its starting level": heap after a full GC within this much of where it started. The first
 * pass fills bounded caches (Apollo's parsed documents, verified tokens, rate-limit buckets) by about
 * 13 MB; further passes add under 1 MB each (HOSTILE_PASSES=3 shows it).
 */
const HEAP_SLACK_BYTES = 32 * 1024 * 1024;
const CONTRACT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX', 'INTERNAL_SERVER_ERROR']);

/** Something internal in a body a client sees: a stack frame, SQL, a driver error, a file path. */
const INTERNALS: [string, RegExp][] = [
  // `at fn (/app/src/x.ts:1:2)`, `at node:internal/…:1:2`; not an echoed time such as "at 23:59:59".
  ['stack frame', /\bat (?:\S+ )?\(?(?:\/|node:|file:|[A-Za-z]:\\)[^\s()]*:\d+:\d+/],
  ['stack', /"stack(trace)?"/i],
  ['SQL', /\b(SELECT .+ FROM|INSERT INTO|UPDATE .+ SET|DELETE FROM)\b/],
  ['driver error', /SQLITE_|\bER_[A-Z_]{3,}|QueryFailedError|TypeORMError/],
  ['file path', /(\/[\w.-]+){2,}\.(ts|js)\b|node_modules|\/work\/|\/tmp\//],
];

interface Outcome {
  request: HostileRequest;
  status: number;
  codes: string[];
  problem?: string;
  ms?: number;
}

/**
 * Thousands of malformed and extreme requests, derived from schema.gql, against
 * the service running as its own process: none may be answered 500 or
 * INTERNAL_SERVER_ERROR, none may show anything internal, the process must
 * survive and keep serving, and its memory must come back afterwards.
 */
// The generator's ~2,700 requests take a minute or more: when `npm test` will also run the
// MariaDB pass (TEST_MYSQL_URL set), they run there only, which keeps CI within its time.
const runHere = TEST_ENGINE === 'mysql' || !process.env.TEST_MYSQL_URL;
if (!runHere) console.log('hostile input: runs in the MySQL/MariaDB pass (TEST_MYSQL_URL is set), not again on SQLite.');

(runHere ? describe : describe.skip)(`${formatGraphQLError.name}: hostile input (${TEST_ENGINE})`, () => {
  let db: TestDatabase;
  let svc: ServiceProcess;
  let outcomes: Outcome[];
  let tokens: (string | undefined)[];
  let memoryBefore: { heapUsed: number; rss: number };
  let memoryAfter: { heapUsed: number; rss: number };
  let seconds: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    svc = await startServiceProcess(db.url);
    const remote = remoteApp(svc.url);
    const [admin, analyst, manager, staff] = await Promise.all(
      [USERS.admin, USERS.analyst, USERS.lanzhouManager, USERS.lanzhouStaff].map((u) => remote.login(u.email)),
    );
    // A volunteer of its own: the demo volunteer's events around today could overlap this one.
    const volunteer = await createVolunteer(remote);
    tokens = [undefined, admin, analyst, manager, staff, volunteer.token];
    const event = await createEvent(remote, staff, {}, 'IN_PROGRESS', [volunteer.id]);
    const campaign = (await remote.gql('{ campaigns(first: 1) { nodes { id } } }', {}, admin)).data.campaigns.nodes[0].id;
    const material = (await remote.gql('{ materials(first: 1) { nodes { id } } }', {}, admin)).data.materials.nodes[0].id;
    const requests = hostileRequests(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'), {
      orgUnit: USERS.lanzhouStaff.orgUnitId,
      user: volunteer.id,
      event,
      campaign,
      material,
    });

    // Warm up with ordinary traffic, so the baseline includes what a serving process normally holds.
    for (let i = 0; i < 50; i++) await remote.gql('{ me { id orgUnit { name } } events(first: 20) { nodes { id title } } }', {}, admin);
    memoryBefore = await svc.memory();
    const started = Date.now();
    outcomes = await sendAll(svc.url, requests, tokens);
    seconds = (Date.now() - started) / 1000;
    memoryAfter = await svc.memory();
    // HOSTILE_PASSES=3 sends the whole set again, to tell caches that fill once from a leak that grows every time.
    const heapByPass = [memoryBefore.heapUsed, memoryAfter.heapUsed];
    for (let pass = 2; pass <= Number(process.env.HOSTILE_PASSES ?? 1); pass++) {
      outcomes.push(...(await sendAll(svc.url, requests, tokens)));
      memoryAfter = await svc.memory();
      heapByPass.push(memoryAfter.heapUsed);
    }

    if (process.env.HOSTILE_REPORT) {
      writeFileSync(process.env.HOSTILE_REPORT, outcomes.map((o) => JSON.stringify({ category: o.request.category, label: o.request.label, status: o.status, codes: o.codes, problem: o.problem, ms: o.ms })).join('\n'));
      writeFileSync(`${process.env.HOSTILE_REPORT}.log`, svc.output());
    }
    const by = (key: (o: Outcome) => string) => {
      const counts: Record<string, number> = {};
      for (const o of outcomes) counts[key(o)] = (counts[key(o)] ?? 0) + 1;
      return JSON.stringify(counts);
    };
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      [
        `hostile-input figures (${TEST_ENGINE}):`,
        `  requests sent:  ${outcomes.length} (${requests.length} a pass, the first in ${seconds.toFixed(1)} s)`,
        `  by category:    ${by((o) => o.request.category)}`,
        `  by HTTP status: ${by((o) => String(o.status))}`,
        `  by error code:  ${by((o) => [...new Set(o.codes)].sort().join('+') || '(none)')}`,
        `  500s seen:      ${outcomes.filter((o) => o.status >= 500).length}; problems: ${outcomes.filter((o) => o.problem).length}`,
        `  heap after GC:  ${heapByPass.map(mb).join(' -> ')} (before, then after each pass); RSS ${mb(memoryBefore.rss)} -> ${mb(memoryAfter.rss)}`,
      ].join('\n'),
    );
  }, 300_000);

  afterAll(async () => {
    await svc?.dispose();
    await db?.drop();
  });

  it('sends at least 2,000 requests derived from the schema', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(2000);
  });

  it('answers none of them with a 5xx or INTERNAL_SERVER_ERROR, and shows nothing internal in any answer', () => {
    const problems = outcomes.filter((o) => o.problem).map((o) => `${o.request.category} | ${o.request.label} -> ${o.problem}`);
    expect(problems).toEqual([]);
  });

  it('refuses abusive query shapes with QUERY_TOO_COMPLEX', () => {
    const refused = (label: string) => outcomes.filter((o) => o.request.label.endsWith(label)).every((o) => o.codes.includes('QUERY_TOO_COMPLEX'));
    expect(refused(' 300 aliases')).toBe(true);
    expect(refused(' repeated 200 times')).toBe(true);
    expect(refused(' exponential fragments')).toBe(true);
    expect(refused(' 100 fragments')).toBe(true);
  });

  it('is still alive and serving afterwards', async () => {
    expect(svc.child.exitCode).toBeNull();
    expect((await fetch(`${svc.url}/health`)).status).toBe(200);
    const me = await remoteApp(svc.url).gql('{ me { email } }', {}, tokens[1]);
    expect(me.data.me.email).toBe(USERS.admin.email);
  });

  it('comes back to about the memory it started with', () => {
    expect(memoryAfter.heapUsed - memoryBefore.heapUsed).toBeLessThan(HEAP_SLACK_BYTES);
  });
});

/** Sends every request, `CONCURRENCY` at a time, cycling through the callers (none, then each role). */
async function sendAll(url: string, requests: HostileRequest[], tokens: (string | undefined)[]): Promise<Outcome[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const hostile = requests[index];
      const token = hostile.ownAuth ? undefined : tokens[index % tokens.length];
      const started = Date.now();
      outcomes[index] = { ...judge(hostile, await send(url, hostile, token, agent)), ms: Date.now() - started };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return outcomes;
}

function send(base: string, hostile: HostileRequest, token: string | undefined, agent: Agent): Promise<{ status: number; contentType: string; body: string }> {
  const { hostname, port } = new URL(base);
  const headers: Record<string, string> = { ...hostile.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve) => {
    const req = request(
      // Requests that play with framing get a connection of their own.
      { host: hostname, port, method: hostile.method, path: hostile.path, headers, agent: hostile.category === 'header' ? false : agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: -1, contentType: '', body: 'response aborted' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: -1, contentType: '', body: `${error.code ?? ''} ${error.message}` }));
    if (hostile.body !== undefined && hostile.body !== '') req.write(hostile.body);
    req.end();
  });
}

function judge(request: HostileRequest, res: { status: number; contentType: string; body: string }): Outcome {
  let codes: string[] = [];
  const isJson = res.contentType.includes('json') && request.method !== 'HEAD';
  if (isJson) {
    try {
      const parsed = JSON.parse(res.body) as { errors?: { extensions?: { code?: string } }[] };
      codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
    } catch {
      codes = ['(unparsable JSON)'];
    }
  }
  const outcome: Outcome = { request, status: res.status, codes };
  if (res.status === -1) outcome.problem = `no answer: ${res.body}`;
  else if (res.status >= 500) outcome.problem = `HTTP ${res.status}: ${res.body.slice(0, 300)}`;
  else if (codes.includes('INTERNAL_SERVER_ERROR')) outcome.problem = `INTERNAL_SERVER_ERROR: ${res.body.slice(0, 300)}`;
  else if (request.path.startsWith('/graphql') && isJson && codes.some((c) => !CONTRACT_CODES.has(c))) outcome.problem = `codes outside the contract: ${codes.join(', ')}`;
  // Pages and their scripts are served as they are; everything else is checked for internals.
  else if (res.status >= 300 || isJson) {
    const leak = INTERNALS.find(([, pattern]) => pattern.test(res.body));
    if (leak) outcome.problem = `${leak[0]} in the answer: ${res.body.slice(0, 300)}`;
  }
  return outcome;
}
