import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock';
import { isUniqueViolation } from './db-errors';
import { ScheduledRunEntity } from './scheduled-run.entity';
import { serialOnSqlite } from './sqlite-serial';

const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Runs scheduled work once per slot across every instance of the service.
 * Callers compute the latest slot that is due (e.g. the last Monday 09:00) on
 * each tick, so a run that fell due while the service was down happens at the
 * next tick after it comes back, and a slot already done is never repeated.
 */
@Injectable()
export class ScheduledRuns {
  private readonly logger = new Logger(ScheduledRuns.name);
  /** Identifies this process in `claimed_by`. */
  readonly owner = randomUUID();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` for (job, slot) unless it has finished already or another
   * instance holds an unexpired lease on it. Returns whether this call ran it.
   * `work` must finish within the lease or be safe to run twice.
   */
  async runOnce(job: string, slot: string, work: () => Promise<void>, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
    if (!(await this.claim(job, slot, leaseMs))) return false;
    try {
      await work();
    } catch (error) {
      // Give the slot back at once, so the next tick (here or elsewhere) retries it.
      await this.alone(() => this.repository.update({ job, slot, claimedBy: this.owner }, { leaseUntil: new Date(0) }));
      this.logger.error(`${job} ${slot} failed: ${(error as Error).message}`);
      return false;
    }
    await this.alone(() => this.repository.update({ job, slot, claimedBy: this.owner }, { finishedAt: this.clock.now() }));
    return true;
  }

  /** Whether (job, slot) has run to the end. */
  async isFinished(job: string, slot: string): Promise<boolean> {
    const row = await this.repository.findOneBy({ job, slot });
    return row?.finishedAt != null;
  }

  private async claim(job: string, slot: string, leaseMs: number): Promise<boolean> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.alone(() => this.repository.insert({ job, slot, claimedBy: this.owner, leaseUntil, attempts: 1, finishedAt: null }));
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    // Taken before: take it over only if unfinished and its lease has run out. One
    // conditional UPDATE decides between instances racing for the same expired lease.
    const result = await this.alone(() =>
      this.repository
        .createQueryBuilder()
        .update()
        .set({ claimedBy: this.owner, leaseUntil, attempts: () => 'attempts + 1' })
        .where('job = :job AND slot = :slot AND finished_at IS NULL AND lease_until < :now', { job, slot, now })
        .execute(),
    );
    return (result.affected ?? 0) === 1;
  }

  /** On SQLite's one shared connection, a lone statement must not land inside another request's open transaction. */
  private alone<T>(statement: () => Promise<T>): Promise<T> {
    return serialOnSqlite(this.dataSource, statement);
  }

  private get repository() {
    return this.dataSource.getRepository(ScheduledRunEntity);
  }
}
