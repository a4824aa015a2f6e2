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
  private readonly job = new IntervalJob('feedback retention', this.logger, () => this.runDue());

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
    await this.job.stop();
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
