import { Inject, Injectable } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { UnauthenticatedError } from 'src/common/errors';
import { Principal, Role } from 'src/common/request-context';

/** How many verified tokens a process remembers; more are verified again. */
const VERIFIED_LIMIT = 10_000;

interface TokenClaims {
  sub: string;
  role: Role;
  org: string;
  /** Present on a session opened by a check-in link: the one event it may act on. */
  evt?: string;
  /** Expiry, seconds since the epoch (set by `issue`, checked by jsonwebtoken). */
  exp: number;
}

/** Signed bearer tokens (HS256) with an expiry; the key is derived from APP_SECRET. */
@Injectable()
export class TokenService {
  /** A KeyObject made once: jsonwebtoken would otherwise build one from the bytes on every request. */
  private readonly key: KeyObject;
  /** Tokens whose signature this process has checked, with their expiry. */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A purpose-specific key, so a token key can never double as the phone-HMAC key.
    this.key = createSecretKey(createHmac('sha256', config.appSecret).update('finreach:session-token').digest());
  }

  issue(principal: Principal, expiresAt?: Date): { token: string; expiresAt: Date } {
    const expiry = expiresAt ?? new Date(Date.now() + this.config.tokenTtlHours * 3600_000);
    const claims: Omit<TokenClaims, 'exp'> = { sub: principal.userId, role: principal.role, org: principal.orgUnitId, ...(principal.eventId ? { evt: principal.eventId } : {}) };
    const token = jwt.sign({ ...claims, exp: Math.floor(expiry.getTime() / 1000) }, this.key, { algorithm: 'HS256', issuer: 'finreach' });
    return { token, expiresAt: new Date(Math.floor(expiry.getTime() / 1000) * 1000) };
  }

  /** The principal a token proves, or UNAUTHENTICATED when it is forged, malformed or expired. */
  verify(token: string): Principal {
    // A phone sends the same token with every tap: checking its signature once per
    // process is enough (a token cannot change), its expiry is checked every time.
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.principal;
    const checked = this.verifySignature(token);
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
    this.verified.set(token, checked);
    return checked.principal;
  }

  private verifySignature(token: string): { principal: Principal; expiresAtMs: number } {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'finreach' }) as TokenClaims;
      if (!claims.sub || !Object.values(Role).includes(claims.role) || !claims.org) throw new Error('claims');
      const principal = { userId: claims.sub, role: claims.role, orgUnitId: claims.org, ...(claims.evt ? { eventId: claims.evt } : {}) };
      return { principal, expiresAtMs: claims.exp * 1000 };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new UnauthenticatedError('Your session has expired; please log in again.');
      throw new UnauthenticatedError('The bearer token is not valid; please log in again.');
    }
  }
}
