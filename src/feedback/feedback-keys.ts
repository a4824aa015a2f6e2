import { createHmac } from 'node:crypto';

/**
 * Keyed hashes for "same phone" and "same address" at one event, without
 * storing the phone's token or the address. Keys are derived from APP_SECRET
 * for these purposes only, as PhoneHasher (src/checkin/phone.ts) does, so they
 * live outside the database; the event id is hashed in, so one phone's keys at
 * two events cannot be linked.
 */
export class FeedbackKeys {
  private readonly deviceKey: Buffer;
  private readonly addressKey: Buffer;

  constructor(appSecret: string) {
    this.deviceKey = createHmac('sha256', appSecret).update('finreach:feedback-device').digest();
    this.addressKey = createHmac('sha256', appSecret).update('finreach:feedback-address').digest();
  }

  device(eventId: string, deviceToken: string): string {
    return createHmac('sha256', this.deviceKey).update(`${eventId}\n${deviceToken}`).digest('hex');
  }

  address(eventId: string, clientIp: string): string {
    return createHmac('sha256', this.addressKey).update(`${eventId}\n${clientIp}`).digest('hex');
  }
}
