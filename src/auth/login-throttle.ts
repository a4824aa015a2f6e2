import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, LessThan, MoreThanOrEqual } from 'typeorm';
import { RateLimitedError } from 'src/common/errors';
import { LoginFailureEntity } from './user.entity';

export const LOGIN_LIMITS = {
  windowMs: 60_000,
  /** Failed attempts per account per window. */
  perAccount: 5,
  /** Failed attempts per client address per window: a branch office may share one address. */
  perAddress: 30,
};

/**
 * Throttles failed logins per account and per client address. Failures are rows
 * in the database, so every instance sees the same counts, and each login call
 * (alias or not) is checked and counted on its own.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** RATE_LIMITED when the account or the address has used up its failures in the last minute. */
  async assertAllowed(accountKey: string, clientIp: string): Promise<void> {
    const repo = this.dataSource.getRepository(LoginFailureEntity);
    const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
    const [byAccount, byAddress] = await Promise.all([
      repo.count({ where: { accountKey, createdAt: MoreThanOrEqual(since) } }),
      repo.count({ where: { clientIp, createdAt: MoreThanOrEqual(since) } }),
    ]);
    if (byAccount >= LOGIN_LIMITS.perAccount || byAddress >= LOGIN_LIMITS.perAddress) {
      throw new RateLimitedError('Too many failed logins; wait a minute and try again.', LOGIN_LIMITS.windowMs / 1000);
    }
  }

  async recordFailure(accountKey: string, clientIp: string): Promise<void> {
    const repo = this.dataSource.getRepository(LoginFailureEntity);
    const now = new Date();
    await repo.insert({ id: randomUUID(), accountKey, clientIp, createdAt: now });
    // Old rows only matter for the window; drop this account's and address's expired ones as we go.
    const expired = LessThan(new Date(now.getTime() - 10 * LOGIN_LIMITS.windowMs));
    await repo.delete({ accountKey, createdAt: expired });
    await repo.delete({ clientIp, createdAt: expired });
  }
}
