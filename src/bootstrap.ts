import type { Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { createAdmin, hasAnyUser } from 'src/auth/first-admin';
import { ConflictError } from 'src/common/errors';
import { documentLimits } from 'src/common/graphql/document-limits';
import { MAX_QUERY_TOKENS } from 'src/common/graphql/graphql-options';
import { AppConfig } from 'src/config/app-config';
import { serialiseSqliteTransactions } from 'src/database/sqlite-serial';
import { isUniqueViolation } from 'src/database/db-errors';
import { runPendingMigrations } from 'src/database/migration-runner';
import { loadDemoBank } from 'seeds/load-demo-bank';

export const MAX_BODY_BYTES = '1mb';

/** Builds the application: migrations applied, first data in place, not yet listening. */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // API answers are never revalidated by ETag; hashing every body costs the check-in path for nothing.
  app.set('etag', false);
  // JSON only: nothing here takes form posts, and a parser that never matches still costs every request.
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  // Right behind the body parsers, ahead of Nest's own exception handler (added at init): a body that
  // cannot be read (bad JSON, too large) is answered here in the contract's shape.
  app.use(requestErrorHandler);
  // Ahead of Apollo (mounted at init): documents whose shape would make validation itself costly.
  app.use('/graphql', documentLimits(MAX_QUERY_TOKENS));
  // No app.enableShutdownHooks(): its handler re-raises the signal once closed, so the process ends
  // as killed (143) instead of exiting 0. main.ts stops with GracefulShutdown, which drains HTTP first.

  const dataSource = app.get(DataSource);
  serialiseSqliteTransactions(dataSource);
  await runPendingMigrations(dataSource);
  await prepareData(dataSource, config);

  await app.init();
  return app;
}

/** On an empty database: the demo bank when SEED_DEMO is on, and the first admin from ADMIN_EMAIL. */
async function prepareData(dataSource: DataSource, config: AppConfig): Promise<void> {
  if (await hasAnyUser(dataSource)) return;
  const logger = new Logger('Bootstrap');
  try {
    if (config.seedDemo) {
      const loaded = await loadDemoBank(dataSource);
      logger.log(`Loaded the demo bank: ${loaded.units} org units, ${loaded.users} users.`);
    }
    if (config.adminEmail && config.adminPassword) {
      await createAdmin(dataSource, { email: config.adminEmail, password: config.adminPassword, headOfficeName: config.headOfficeName });
      logger.log(`Created the first administrator ${config.adminEmail}.`);
    }
  } catch (error) {
    // Several instances started together on an empty database: one wins, the others find its rows and go on.
    if ((isUniqueViolation(error) || error instanceof ConflictError) && (await hasAnyUser(dataSource))) {
      logger.log('Another instance prepared the first data.');
      return;
    }
    throw error;
  }
}

function requestErrorHandler(error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    error.type === 'entity.too.large'
      ? `The request body is larger than ${MAX_BODY_BYTES}.`
      : error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : status < 500
          ? 'The request could not be read.'
          : 'Internal server error.';
  if (status >= 500) new Logger('HTTP').error(error);
  res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', fields: [] } }] });
}

/**
 * Stops the service without losing acknowledged work: stop accepting
 * connections, let the requests in flight finish (answering them with
 * `Connection: close`), cut whatever is still open after `timeoutMs`, then run
 * Nest's shutdown hooks (background workers finish the batch in hand, the
 * database pool closes last).
 */
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private closing = false;

  constructor(
    private readonly app: NestExpressApplication,
    private readonly timeoutMs: number,
  ) {
    const server: Server = app.getHttpServer();
    server.on('request', (_req, res: ServerResponse) => {
      if (this.closing) res.shouldKeepAlive = false;
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
    });
  }

  /** Runs on SIGTERM and SIGINT; a second signal while stopping is ignored. Exits 0 when everything closed in order. */
  listen(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.closing) {
        this.logger.warn(`${signal} again: still stopping.`);
        return;
      }
      // Workers that never finish must not keep a stopped instance around for ever.
      setTimeout(() => {
        this.logger.error('Shutdown did not finish in time; exiting.');
        exit(1);
      }, 2 * this.timeoutMs + 10_000).unref();
      this.close(signal).then(
        () => exit(0),
        (error: unknown) => {
          this.logger.error(`Shutdown failed: ${(error as Error).message}`);
          exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  async close(reason = 'shutdown'): Promise<void> {
    this.closing = true;
    const cut = await this.drainHttp(reason);
    if (cut > 0) this.logger.warn(`Cut ${cut} request(s) still running after ${this.timeoutMs} ms.`);
    await this.app.close();
    this.logger.log('Stopped.');
  }

  /**
   * Resolves once the listener is closed and every connection has ended; returns how many requests had to be cut.
   * Connections the server has not read a request from yet (still queued, or idle keep-alive) are closed at once:
   * their clients see the connection fail and send again, as they do for any network error.
   */
  private drainHttp(reason: string): Promise<number> {
    const server: Server = this.app.getHttpServer();
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    return new Promise((resolve) => {
      let cut = 0;
      const deadline = setTimeout(() => {
        cut = this.inFlight.size;
        server.closeAllConnections();
      }, this.timeoutMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve(cut);
      });
      // Keep-alive connections waiting for their next request would hold close() open.
      server.closeIdleConnections();
      this.logger.log(`${reason}: no longer accepting connections; finishing ${this.inFlight.size} request(s) in flight.`);
    });
  }
}
