import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** At most this many hashes at once per process: each takes 64 MiB, so a burst of logins cannot exhaust memory. */
const CONCURRENT_HASHES = 4;

/** argon2id with the library's defaults (64 MiB, 3 passes): slow enough to make guessing costly. */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Verified against when the account does not exist, so timing doesn't reveal which emails are registered. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return this.inTurn(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('finreach-dummy-password');
      const dummy = await this.dummyHash;
      await this.inTurn(() => argon2.verify(dummy, password)).catch(() => false);
      return false;
    }
    return this.inTurn(() => argon2.verify(hash, password)).catch(() => false);
  }

  /** Runs `work` when fewer than CONCURRENT_HASHES are running; the others wait their turn in order. */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= CONCURRENT_HASHES) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
