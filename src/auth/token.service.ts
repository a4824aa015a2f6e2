import { Inject, Injectable } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { UnauthenticatedError } from 'src/common/errors';
import { Principal, Role } from 'src/common/request-context';

interface TokenClaims {
  sub: string;
  role: Role;
  org: string;
  /** Present on a session opened by a check-in link: the one event it may act on. */
  evt?: string;
}

/** Signed bearer tokens (HS256) with an expiry; the key is derived from APP_SECRET. */
@Injectable()
export class TokenService {
  /** A KeyObject made once: jsonwebtoken would otherwise build one from the bytes on every request. */
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A purpose-specific key, so a token key can never double as the phone-HMAC key.
    this.key = createSecretKey(createHmac('sha256', config.appSecret).update('finreach:session-token').digest());
  }

  issue(principal: Principal, expiresAt?: Date): { token: string; expiresAt: Date } {
    const expiry = expiresAt ?? new Date(Date.now() + this.config.tokenTtlHours * 3600_000);
    const claims: TokenClaims = { sub: principal.userId, role: principal.role, org: principal.orgUnitId, ...(principal.eventId ? { evt: principal.eventId } : {}) };
    const token = jwt.sign({ ...claims, exp: Math.floor(expiry.getTime() / 1000) }, this.key, { algorithm: 'HS256', issuer: 'finreach' });
    return { token, expiresAt: new Date(Math.floor(expiry.getTime() / 1000) * 1000) };
  }

  /** The principal a token proves, or UNAUTHENTICATED when it is forged, malformed or expired. */
  verify(token: string): Principal {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'finreach' }) as TokenClaims;
      if (!claims.sub || !Object.values(Role).includes(claims.role) || !claims.org) throw new Error('claims');
      return { userId: claims.sub, role: claims.role, orgUnitId: claims.org, ...(claims.evt ? { eventId: claims.evt } : {}) };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw new UnauthenticatedError('Your session has expired; please log in again.');
      throw new UnauthenticatedError('The bearer token is not valid; please log in again.');
    }
  }
}
