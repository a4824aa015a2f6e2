import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

const MARIADBD = process.env.MARIADBD_PATH || '/usr/sbin/mariadbd';
const INSTALL_DB = ['mariadb-install-db', 'mysql_install_db'];
const START_TIMEOUT_MS = 30_000;

/** Where mariadbd is, or null when this machine has none (the fault suites then skip, or fail under CI). */
export function mariadbdBinary(): string | null {
  return existsSync(MARIADBD) ? MARIADBD : null;
}

/**
 * A MariaDB server of the test's own: a fresh data directory, a free port on
 * 127.0.0.1, root without a password. It can be stopped and started again on
 * the same port and data, which the shared server on 3306 must never be.
 */
export class PrivateMariaDb {
  private process: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Installs a data directory and starts the server on it. */
  static async create(): Promise<PrivateMariaDb> {
    const binary = mariadbdBinary();
    if (!binary) throw new Error(`${MARIADBD} is not installed`);
    const dir = mkdtempSync(join(tmpdir(), 'finreach-mariadb-'));
    const server = new PrivateMariaDb(dir, await freePort());
    await installDataDir(join(dir, 'data'));
    await server.start();
    return server;
  }

  /** `mysql://root@127.0.0.1:<port>/<database>`. */
  url(database = ''): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates a database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const conn = await createConnection({ uri: this.url() });
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return this.url(name);
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts mariadbd and resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.process) return;
    const args = [
      '--no-defaults',
      `--datadir=${join(this.dir, 'data')}`,
      `--port=${this.port}`,
      `--socket=${join(this.dir, 'sock')}`,
      `--pid-file=${join(this.dir, 'pid')}`,
      `--log-error=${join(this.dir, 'error.log')}`,
      '--bind-address=127.0.0.1',
      '--skip-log-bin',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=64M',
      '--max-connections=200',
      // mariadbd refuses to run as root unless told so (CI runs as root); otherwise it runs as whoever we are.
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
    ];
    const child = spawn(mariadbdBinary() ?? MARIADBD, args, { stdio: 'ignore' });
    this.process = child;
    // A test process that dies must not leave a server running.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.removeListener('exit', killOnExit);
        resolve();
      }),
    );
    void this.exited.then(() => {
      if (this.process === child) this.process = undefined;
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!this.process) throw new Error(`mariadbd exited while starting:\n${this.errorLogTail()}`);
      if (await this.ping()) return;
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer within ${START_TIMEOUT_MS / 1000} s:\n${this.errorLogTail()}`);
      await sleep(100);
    }
  }

  /** Stops the server the way an operator does (SIGTERM: a clean shutdown) and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child) return;
    child.kill(signal);
    await this.exited;
    this.process = undefined;
  }

  /** Stops the server and deletes its data directory. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ping(): Promise<boolean> {
    try {
      const conn = await createConnection({ uri: this.url(), connectTimeout: 1000 });
      await conn.end();
      return true;
    } catch {
      return false;
    }
  }

  private errorLogTail(): string {
    const file = join(this.dir, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '(no error log)';
  }
}

async function installDataDir(dataDir: string): Promise<void> {
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...(process.getuid?.() === 0 ? ['--user=root'] : []),
  ];
  let lastError: unknown;
  for (const tool of INSTALL_DB) {
    try {
      await promisify(execFile)(tool, args, { timeout: 60_000 });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`could not install a MariaDB data directory: ${(lastError as Error).message}`);
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
