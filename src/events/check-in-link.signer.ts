import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';

const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 128 bits of HMAC-SHA256: ample against forgery, and it keeps the QR code small. */
const MAC_BYTES = 16;
const BODY_BYTES = 1 + 16 + 4;

export interface LinkClaims {
  eventId: string;
  /** Whole seconds, as carried in the token. */
  expiresAt: Date;
}

/**
 * Signs check-in link tokens: version, event id and expiry in 21 bytes plus a
 * truncated HMAC, base64url-encoded to 50 characters so the QR code stays
 * small enough to scan from a printed leaflet. The key is derived from
 * APP_SECRET for this purpose only, so a link token is never a session token.
 */
@Injectable()
export class CheckInLinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.appSecret).update('finreach:check-in-link').digest();
  }

  sign(eventId: string, expiresAt: Date): { token: string; expiresAt: Date } {
    if (!UUID.test(eventId)) throw new Error(`Event id ${eventId} is not a UUID.`);
    const seconds = Math.floor(expiresAt.getTime() / 1000);
    const body = Buffer.alloc(BODY_BYTES);
    body.writeUInt8(VERSION, 0);
    Buffer.from(eventId.replace(/-/g, ''), 'hex').copy(body, 1);
    body.writeUInt32BE(seconds, 17);
    return { token: Buffer.concat([body, this.mac(body)]).toString('base64url'), expiresAt: new Date(seconds * 1000) };
  }

  /** The claims of a token this service signed, or null for anything else (forged, altered, truncated). */
  verify(token: string): LinkClaims | null {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== BODY_BYTES + MAC_BYTES) return null;
    const body = raw.subarray(0, BODY_BYTES);
    if (!timingSafeEqual(raw.subarray(BODY_BYTES), this.mac(body)) || body.readUInt8(0) !== VERSION) return null;
    const hex = body.subarray(1, 17).toString('hex');
    const eventId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { eventId, expiresAt: new Date(body.readUInt32BE(17) * 1000) };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
