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

/** Rows older than this are deleted as new failures come in; only the last window is ever counted. */
const KEEP_MS = 10 * LOGIN_LIMITS.windowMs;

/** One login attempt that passed the throttle; `succeeded` or `failed` says how it ended. */
export interface LoginAttempt {
  id: string;
  accountKey: string;
  clientIp: string;
}

/**
 * Throttles failed logins per account and per client address. Attempts are rows
 * in the database, so every instance sees the same counts, and each login call
 * (alias, retry or concurrent request) is checked and counted on its own.
 *
 * An attempt is written *before* its password is checked and removed again only
 * if it succeeds: a burst of concurrent guesses sees itself, so no more than the
 * limit get through, however many arrive at once.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an attempt in flight; RATE_LIMITED when the account or the address has used up its failures in the last minute. */
  async begin(accountKey: string, clientIp: string): Promise<LoginAttempt> {
    const repo = this.dataSource.getRepository(LoginFailureEntity);
    const attempt = { id: randomUUID(), accountKey, clientIp };
    const now = new Date();
    await repo.insert({ ...attempt, createdAt: now });
    const since = MoreThanOrEqual(new Date(now.getTime() - LOGIN_LIMITS.windowMs));
    const [byAccount, byAddress] = await Promise.all([
      repo.count({ where: { accountKey, createdAt: since } }),
      repo.count({ where: { clientIp, createdAt: since } }),
    ]);
    // The counts include this attempt itself.
    if (byAccount > LOGIN_LIMITS.perAccount || byAddress > LOGIN_LIMITS.perAddress) {
      // A refused attempt checked no password, so it is not a failure of its own.
      await repo.delete({ id: attempt.id });
      throw new RateLimitedError('Too many failed logins; wait a minute and try again.', LOGIN_LIMITS.windowMs / 1000);
    }
    return attempt;
  }

  /** The password was right: the attempt does not count against anyone. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.dataSource.getRepository(LoginFailureEntity).delete({ id: attempt.id });
  }

  /** The attempt stays counted as a failure; expired rows of the same account and address are cleared on the way. */
  async failed(attempt: LoginAttempt): Promise<void> {
    const repo = this.dataSource.getRepository(LoginFailureEntity);
    const expired = LessThan(new Date(Date.now() - KEEP_MS));
    await repo.delete({ accountKey: attempt.accountKey, createdAt: expired });
    await repo.delete({ clientIp: attempt.clientIp, createdAt: expired });
  }
}
