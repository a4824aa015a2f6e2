import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IntervalJob } from 'src/common/interval-job';
import { Clock } from 'src/common/clock';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { EventReminders } from './event-reminders';
import { EventSummaries } from './event-summaries';
import { LowStockEmails } from './low-stock-emails';
import { WeeklyDigest } from './weekly-digest';

export interface TickResult {
  reminders: number;
  summaries: number;
  lowStock: number;
  /** Whether this tick sent the weekly digest. */
  digest: boolean;
}

/**
 * Runs the notification jobs every SCHEDULE_INTERVAL_MS. Each job decides from
 * the database what is due at the Clock's "now" and records what it wrote
 * there, so ticks on several instances, or the first tick after a restart,
 * neither repeat nor miss anything. Tests call `tick()` with a mocked Clock.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationScheduler.name);
  private readonly job = new IntervalJob('notification schedule tick', this.logger, () => this.tick());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reminders: EventReminders,
    private readonly summaries: EventSummaries,
    private readonly lowStock: LowStockEmails,
    private readonly digest: WeeklyDigest,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.mail.scheduleIntervalMs);
  }

  /** Stops the timer and waits for the tick in hand. */
  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Runs every job once for now; a job that fails is logged and tried again at the next tick, the others still run. */
  async tick(): Promise<TickResult> {
    const now = this.clock.now();
    return {
      reminders: await this.guard('event-reminder', () => this.reminders.run(now), 0),
      summaries: await this.guard('event-summary', () => this.summaries.run(now), 0),
      lowStock: await this.guard('low-stock', () => this.lowStock.run(), 0),
      digest: await this.guard('weekly-digest', () => this.digest.run(now), false),
    };
  }

  private async guard<T>(job: string, work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.logger.error(`${job} failed: ${(error as Error).message}`);
      return fallback;
    }
  }
}
