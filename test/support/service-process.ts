import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD } from 'seeds/demo-bank';
import { TEST_APP_SECRET, TestApp } from './test-app';

const ROOT = resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 90_000;

export interface ServiceProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `exited`, or code -1 if the process is still running after `timeoutMs`. */
  exitWithin(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Heap and RSS after a full GC, asked of the process over IPC (see memory-probe.ts). */
  memory(): Promise<{ heapUsed: number; rss: number }>;
  /** Kills the process if it still runs and deletes its VAR_DIR. */
  dispose(): Promise<void>;
}

/**
 * Runs `src/main.ts` in a process of its own, as production does (same entry
 * point, same signal handling), on `databaseUrl`, on a free port. Resolves once
 * it logs the port it listens on.
 */
export async function startServiceProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const varDir = mkdtempSync(join(tmpdir(), 'finreach-proc-'));
  const child = spawn(
    process.execPath,
    ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-r', join(__dirname, 'memory-probe.ts'), join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        NO_COLOR: '1',
        APP_SECRET: TEST_APP_SECRET,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        SEED_DEMO: 'true',
        VAR_DIR: varDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A test process that dies must not leave the service running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      done({ code, signal });
    }),
  );
  let ended = false;
  void exited.then(() => (ended = true));

  const deadline = Date.now() + START_TIMEOUT_MS;
  let port = 0;
  while (!port) {
    const match = /Listening on port (\d+)/.exec(output);
    if (match) port = Number(match[1]);
    else if (ended) throw new Error(`the service exited while starting:\n${output.slice(-3000)}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-3000)}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }

  return {
    child,
    pid: child.pid as number,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    exitWithin: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<{ code: number; signal: null }>((resolve) => (timer = setTimeout(() => resolve({ code: -1, signal: null }), timeoutMs)));
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    memory: () =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error('no memory report within 10 s')), 10_000);
        child.once('message', (message: { heapUsed: number; rss: number }) => {
          clearTimeout(timer);
          done(message);
        });
        child.send('memory');
      }),
    dispose: async () => {
      if (!ended) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

/** The `gql` and `login` of a TestApp, over HTTP to a service in another process, for the shared test helpers. */
export function remoteApp(url: string): TestApp {
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: any };
    return { status: res.status, data: body.data, errors: body.errors, body };
  };
  const login = async (email: string, password = DEMO_PASSWORD) => {
    const res = await gql(`mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email, password });
    if (!res.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(res.errors)}`);
    return res.data.login.token as string;
  };
  // Only gql and login exist: what createEvent and createVolunteer use.
  return { gql, login } as unknown as TestApp;
}
