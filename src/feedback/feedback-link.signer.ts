import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { FeedbackPhase } from './feedback.enums';

const VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 128 bits of HMAC-SHA256, as for check-in links: ample against forgery, small in a QR code. */
const MAC_BYTES = 16;
const BODY_BYTES = 1 + 1 + 16 + 4;
const PHASE_CODES: Record<FeedbackPhase, number> = { [FeedbackPhase.BEFORE]: 1, [FeedbackPhase.AFTER]: 2 };

export interface FeedbackLinkClaims {
  eventId: string;
  phase: FeedbackPhase;
  /** Whole seconds, as carried in the token. */
  expiresAt: Date;
}

/**
 * Signs feedback link tokens: version, phase, event id and expiry in 22 bytes
 * plus a truncated HMAC, base64url-encoded (51 characters). The same layout as
 * CheckInLinkSigner but its own key (derived from APP_SECRET for this purpose
 * only) and a phase byte, so a check-in join link is never a feedback link, nor
 * the other way round, and a BEFORE link cannot be used to answer AFTER.
 */
@Injectable()
export class FeedbackLinkSigner {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.appSecret).update('finreach:feedback-link').digest();
  }

  sign(eventId: string, phase: FeedbackPhase, expiresAt: Date): { token: string; expiresAt: Date } {
    if (!UUID.test(eventId)) throw new Error(`Event id ${eventId} is not a UUID.`);
    const seconds = Math.floor(expiresAt.getTime() / 1000);
    const body = Buffer.alloc(BODY_BYTES);
    body.writeUInt8(VERSION, 0);
    body.writeUInt8(PHASE_CODES[phase], 1);
    Buffer.from(eventId.replace(/-/g, ''), 'hex').copy(body, 2);
    body.writeUInt32BE(seconds, 18);
    return { token: Buffer.concat([body, this.mac(body)]).toString('base64url'), expiresAt: new Date(seconds * 1000) };
  }

  /** The claims of a token this service signed, or null for anything else (forged, altered, truncated, a check-in link). */
  verify(token: string): FeedbackLinkClaims | null {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== BODY_BYTES + MAC_BYTES) return null;
    const body = raw.subarray(0, BODY_BYTES);
    if (!timingSafeEqual(raw.subarray(BODY_BYTES), this.mac(body)) || body.readUInt8(0) !== VERSION) return null;
    const phase = (Object.keys(PHASE_CODES) as FeedbackPhase[]).find((p) => PHASE_CODES[p] === body.readUInt8(1));
    if (!phase) return null;
    const hex = body.subarray(2, 18).toString('hex');
    const eventId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { eventId, phase, expiresAt: new Date(body.readUInt32BE(18) * 1000) };
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
