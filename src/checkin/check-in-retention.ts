import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IntervalJob } from 'src/common/interval-job';
import { Clock } from 'src/common/clock';
import { localDateOf } from 'src/common/local-time';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { ScheduledRuns } from 'src/database/scheduled-runs';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { CheckInEntity } from './check-in.entity';

/** The job's name in `scheduled_run`; its slot is the day in APP_TIMEZONE. */
export const RETENTION_JOB = 'pii-retention';
const DAY_MS = 24 * 3600_000;
/** Rows per statement: each batch is its own short write, so a first run over millions of rows never holds locks for long. */
export const RETENTION_BATCH = 1000;
/** A first run on a large table may take a while; erasing is safe to repeat, so an instance may take over an expired lease. */
const LEASE_MS = 60 * 60_000;

/**
 * Personal-data retention: once a day (claimed through the database, so one
 * instance runs it) it erases the attendee name, phone HMAC and masked phone of
 * check-ins made more than PII_RETENTION_DAYS ago. The row stays with its event,
 * target group and count, so attendance and reach stay exactly as they were;
 * the reach fold reads none of the erased columns and no trigger watches them.
 */
@Injectable()
export class CheckInRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckInRetention.name);
  private readonly job = new IntervalJob('personal-data retention', this.logger, () => this.runDue());
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: ScheduledRuns,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.retentionIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.job.stop();
  }

  /**
   * Today's run (the day in APP_TIMEZONE), unless some instance has done it
   * already; a day missed while the service was down is covered by the next run,
   * which erases everything older than the cutoff. Returns whether this call ran it.
   */
  runDue(): Promise<boolean> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.piiRetentionDays * DAY_MS);
    return this.runs.runOnce(
      RETENTION_JOB,
      localDateOf(now, this.config.appTimezone),
      async () => {
        const erased = await this.eraseOlderThan(cutoff);
        if (erased > 0) this.logger.log(`Erased the personal data of ${erased} check-ins made before ${cutoff.toISOString()}.`);
      },
      LEASE_MS,
    );
  }

  /**
   * Erases name and phone of every check-in made before `cutoff` and stamps
   * `pii_erased_at`, in batches; rows with nothing to erase (tallies, plain taps)
   * are stamped too, so they leave the job's index and the next run starts where
   * this one ended. Returns the number of rows stamped.
   */
  async eraseOlderThan(cutoff: Date, batchSize = RETENTION_BATCH): Promise<number> {
    const repository = this.dataSource.getRepository(CheckInEntity);
    let total = 0;
    for (;;) {
      // Shutting down mid-run: fail the run, so the next tick (here or on another instance) finishes it today.
      if (this.stopping) throw new Error('stopped because the service is shutting down');
      const rows = await serialOnSqlite(this.dataSource, () =>
        repository
          .createQueryBuilder('c')
          .select('c.id', 'id')
          .where('c.pii_erased_at IS NULL')
          .andWhere('c.checked_in_at < :cutoff', { cutoff })
          .limit(batchSize)
          .getRawMany<{ id: number | string }>(),
      );
      if (rows.length === 0) return total;
      const ids = rows.map((r) => Number(r.id));
      const erasedAt = this.clock.now();
      // One statement per batch, safe to repeat after a lost deadlock.
      const result = await retryingDeadlocks(() =>
        serialOnSqlite(this.dataSource, () =>
          repository
            .createQueryBuilder()
            .update()
            .set({ name: null, phoneHmac: null, phoneMasked: null, piiErasedAt: erasedAt })
            .where('id IN (:...ids)', { ids })
            .andWhere('pii_erased_at IS NULL')
            .execute(),
        ),
      );
      total += result.affected ?? 0;
      if (rows.length < batchSize) return total;
    }
  }
}
