import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
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

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Builds the application on Fastify (its request path costs about half of
 * Express's, which on the check-in hot path is most of a request): migrations
 * applied, first data in place, routes ready, not yet listening.
 */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestFastifyApplication> {
  // JSON bodies only (Fastify's own parser): nothing here takes form posts. No ETags on API answers.
  const adapter = new FinreachFastifyAdapter({ bodyLimit: MAX_BODY_BYTES, trustProxy: config.trustProxy, clientErrorHandler });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forConfig(config), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Ahead of Apollo: documents whose shape would make validation itself costly.
  fastify.addHook('preHandler', documentLimits(MAX_QUERY_TOKENS, '/graphql'));
  // No app.enableShutdownHooks(): its handler re-raises the signal once closed, so the process ends
  // as killed (143) instead of exiting 0. main.ts stops with GracefulShutdown, which drains HTTP first.

  const dataSource = app.get(DataSource);
  serialiseSqliteTransactions(dataSource);
  await runPendingMigrations(dataSource);
  await prepareData(dataSource, config);

  await app.init();
  // Routes are registered; a server used without listen() (supertest) needs Fastify ready.
  await fastify.ready();
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

/**
 * Nest installs one error handler on Fastify at init; this puts ours in front of
 * it in that same call (Fastify warns when a handler is replaced): a body that
 * cannot be read (bad JSON, too large, not JSON) is answered in the contract's
 * shape, anything else (an unknown route…) goes on to Nest's.
 */
class FinreachFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    return super.setErrorHandler(function (this: unknown, error: unknown, request: FastifyRequest, reply: FastifyReply) {
      if (isBodyError(error as FastifyError)) return requestErrorHandler(error as FastifyError, request, reply);
      return (handler as (this: unknown, e: unknown, q: FastifyRequest, r: FastifyReply) => unknown).call(this, error, request, reply);
    });
  }
}

/**
 * A request Node's HTTP parser cannot read (headers over 16 KB, a malformed
 * request line): answered in the contract's shape and, as Node itself would,
 * with `Connection: close`. Fastify's default answer leaves that header out, so
 * a keep-alive client sends its next request on a socket being torn down.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request could not be read.';
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** An error Fastify raised reading the request body (its content-type parsers). */
function isBodyError(error: FastifyError): boolean {
  return error instanceof SyntaxError || (typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP_'));
}

/** Errors Fastify raises before a handler runs (reading the body), in the contract's shape. */
function requestErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  keepConnectionToAnswer(request, reply);
  const status = error instanceof SyntaxError ? 400 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  const message =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? `The request body is larger than ${MAX_BODY_BYTES} bytes.`
      : error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError
        ? 'The request body is not valid JSON.'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send the request body as application/json.'
          : status < 500
            ? 'The request could not be read.'
            : 'Internal server error.';
  if (status >= 500) new Logger('HTTP').error(error);
  void reply.code(status).send({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', fields: [] } }] });
}

/**
 * Fastify closes the connection after a body error, so a client still sending
 * (a body over the limit) gets a broken pipe instead of the 413. Up to
 * DRAIN_LIMIT_BYTES the rest of the body is read and thrown away instead, as
 * Node does for any unread body, and the client reads the answer; a larger
 * body keeps Fastify's close, so nobody can make the service read gigabytes.
 */
function keepConnectionToAnswer(request: FastifyRequest, reply: FastifyReply): void {
  const length = Number(request.headers['content-length']);
  if (!(length <= DRAIN_LIMIT_BYTES)) return;
  reply.removeHeader('connection');
  request.raw.resume();
}

const DRAIN_LIMIT_BYTES = 10 * MAX_BODY_BYTES;

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
    private readonly app: NestFastifyApplication,
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
