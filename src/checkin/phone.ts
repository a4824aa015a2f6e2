import { createHmac } from 'node:crypto';

/** A mainland China mobile number: 11 digits starting 13–19. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalises what a volunteer typed (`+86 138-0013-8000`, `0086 13800138000`,
 * `(138) 0013 8000`) to 11 digits, or null when it is not a mainland mobile number.
 */
export function normaliseMobile(raw: string): string | null {
  let digits = raw.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return MAINLAND_MOBILE.test(digits) ? digits : null;
}

/** `138****5678`: what staff see; the clear number is never stored. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

/**
 * Keyed hash of a normalised number, for "same phone at the same event" without
 * storing the number. The key is derived from APP_SECRET for this purpose only,
 * so it lives outside the database.
 */
export class PhoneHasher {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('finreach:attendee-phone').digest();
  }

  hash(mobile: string): string {
    return createHmac('sha256', this.key).update(mobile).digest('hex');
  }
}
