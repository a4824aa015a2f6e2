import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock';
import { localDateOf } from 'src/common/local-time';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { ScheduledRuns } from 'src/database/scheduled-runs';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';

/** The job's name in `scheduled_run`; its slot is the day in APP_TIMEZONE. */
export const FEEDBACK_RETENTION_JOB = 'feedback-retention';
const DAY_MS = 24 * 3600_000;
const BATCH = 1000;

/**
 * Feedback asks for no personal data, but a free-text comment may hold some (a
 * name, a phone number). Once a day, claimed through the database like the
 * check-in retention job, comments older than PII_RETENTION_DAYS are erased;
 * ratings and answers, which carry no one's identity, stay and keep counting.
 */
@Injectable()
export class FeedbackRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedbackRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: ScheduledRuns,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue()
        .catch((error: unknown) => this.logger.error(`feedback retention failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.retentionIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Today's run unless some instance has done it; returns whether this call ran it. */
  runDue(): Promise<boolean> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.piiRetentionDays * DAY_MS);
    return this.runs.runOnce(FEEDBACK_RETENTION_JOB, localDateOf(now, this.config.appTimezone), async () => {
      const erased = await this.eraseCommentsBefore(cutoff);
      if (erased > 0) this.logger.log(`Erased ${erased} feedback comments made before ${cutoff.toISOString()}.`);
    });
  }

  /** Erases the comments of submissions made before `cutoff`, a batch per statement; returns how many. */
  async eraseCommentsBefore(cutoff: Date): Promise<number> {
    const repository = this.dataSource.getRepository(FeedbackSubmissionEntity);
    let total = 0;
    for (;;) {
      const rows = await serialOnSqlite(this.dataSource, () =>
        repository
          .createQueryBuilder('s')
          .select('s.id', 'id')
          .where('s.comment IS NOT NULL')
          .andWhere('s.submitted_at < :cutoff', { cutoff })
          .limit(BATCH)
          .getRawMany<{ id: string }>(),
      );
      if (rows.length === 0) return total;
      const ids = rows.map((r) => r.id);
      const result = await retryingDeadlocks(() =>
        serialOnSqlite(this.dataSource, () => repository.createQueryBuilder().update().set({ comment: null }).where('id IN (:...ids)', { ids }).execute()),
      );
      total += result.affected ?? 0;
      if (rows.length < BATCH) return total;
    }
  }
}
