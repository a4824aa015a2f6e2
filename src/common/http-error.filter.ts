import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
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
      res.status(STATUS_OF[error.code]).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions() } }] });
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : 500;
    const code = CODE_OF[status];
    if (!code && isConnectionError(error)) {
      logDatabaseUnavailable(logger, error);
      res.status(503).json({ errors: [{ message: 'The service is unavailable; try again shortly.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    if (!code) {
      logger.error(error);
      res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code } }] });
  }
}
