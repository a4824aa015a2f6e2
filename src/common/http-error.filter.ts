import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { isConnectionError, logDatabaseUnavailable } from 'src/database/db-errors';
import { DomainError, ErrorCode } from './errors';

const STATUS_OF: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
};

const CODE_OF: Record<number, ErrorCode> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'BAD_USER_INPUT', 429: 'RATE_LIMITED' };

const logger = new Logger('HTTP');

/**
 * The contract's error shape for plain HTTP endpoints (exports, pages' APIs):
 * `{ errors: [{ message, extensions: { code, … } }] }` with a matching status.
 * Anything unexpected is logged and answered 500 with no detail; an unreachable
 * database is 503, so a load balancer or client knows to try again.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      void res.code(STATUS_OF[error.code]).type('application/json; charset=utf-8').send({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions() } }] });
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : 500;
    const code = CODE_OF[status];
    if (!code && isConnectionError(error)) {
      logDatabaseUnavailable(logger, error);
      void res.code(503).type('application/json; charset=utf-8').send({ errors: [{ message: 'The service is unavailable; try again shortly.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    if (!code) {
      logger.error(error);
      void res.code(500).type('application/json; charset=utf-8').send({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    void res.code(status).type('application/json; charset=utf-8').send({ errors: [{ message: (error as Error).message, extensions: { code } }] });
  }
}
