import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { requestContextFromHttp, requestOf } from 'src/common/request-context';
import { TokenService } from './token.service';

/**
 * Global guard: turns `Authorization: Bearer <token>` into the request's
 * principal. It lets anonymous requests through; services decide what needs a
 * caller (AccessPolicy.principal throws UNAUTHENTICATED, with the token's problem if it had one).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(execution: ExecutionContext): boolean {
    const req = requestOf(execution);
    const ctx = requestContextFromHttp(req);
    if (ctx.principal) return true;
    const header = req.headers.authorization;
    if (!header) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return true;
    try {
      ctx.principal = this.tokens.verify(match[1]);
    } catch (error) {
      // A stale token must not stop `login` or `joinEvent`; anything needing a caller reports it.
      ctx.authError = error as Error;
    }
    return true;
  }
}
