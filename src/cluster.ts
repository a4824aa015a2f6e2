import cluster, { Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

/** A replacement for a worker that died is forked after this pause, so a crash loop does not spin. */
const RESTART_DELAY_MS = 1000;

/**
 * The primary process of a Node cluster (WEB_CONCURRENCY > 1). It serves
 * nothing itself: it forks `count` workers, each the whole service (HTTP and
 * the background jobs, which claim their work through the database as separate
 * instances would), and the cluster module shares the port between them.
 *
 * - The first worker starts alone, so only it applies migrations and loads the
 *   first data; the others start once it listens. If it cannot start, the
 *   primary exits 1: a bad configuration or an unreachable database is not
 *   mended by forking again.
 * - A worker that dies later is replaced.
 * - SIGTERM or SIGINT is passed to every worker, each stops gracefully (see
 *   GracefulShutdown), and the primary exits once all are gone: 0 if every one
 *   stopped cleanly.
 */
export function runPrimary(count: number, shutdownTimeoutMs: number): void {
  const logger = new Logger('Cluster');
  let stopping = false;
  let started = false;
  let failed = false;

  const fork = (): Worker => cluster.fork();

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    if (!started) {
      logger.error(`The first worker exited (${signal ?? code}) before it listened; not starting the others.`);
      process.exit(1);
    }
    logger.error(`Worker ${worker.process.pid} died (${signal ?? code}); starting another.`);
    setTimeout(() => !stopping && fork(), RESTART_DELAY_MS);
  });

  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === count) logger.log(`${count} workers serving (WEB_CONCURRENCY=${count}).`);
  });

  const first = fork();
  first.once('listening', () => {
    started = true;
    for (let i = 1; i < count; i++) fork();
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping the workers.`);
    // Each worker drains its own requests within shutdownTimeoutMs; one that hangs is not waited for forever.
    setTimeout(() => {
      logger.error('Workers did not stop in time; exiting.');
      process.exit(1);
    }, 2 * shutdownTimeoutMs + 15_000).unref();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker.process.kill('SIGTERM');
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
