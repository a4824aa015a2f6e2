import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IntervalJob } from 'src/common/interval-job';
import { Clock } from 'src/common/clock';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { EmailModels, isEmailTemplate } from './email-models';
import { EmailOutboxEntity, EmailStatus } from './email-outbox.entity';
import { EmailOutboxRepository } from './email-outbox.repository';
import { EmailRenderer, RenderedEmail } from './email-renderer';
import { classifySendError, Mailer } from './mailer';

/** Rows claimed per batch. */
const BATCH_SIZE = 20;
/** A claim outlives any single send (SMTP timeouts are well under this), so a live worker never loses its rows. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** Retries wait at most this long, however many tries came before. */
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface DrainResult {
  sent: number;
  /** Tries that failed and will be made again later. */
  retried: number;
  failed: number;
}

/**
 * Sends the outbox. Each batch is claimed through the database (see
 * EmailOutboxRepository.claimDue), so any number of instances may run this and
 * none sends a row another holds. The send happens outside any transaction;
 * then the row becomes SENT, or PENDING again with exponential backoff, or
 * FAILED: at once when the server refuses it for good (5xx), else after
 * OUTBOX_MAX_ATTEMPTS tries. An unreachable server fails the whole batch in
 * hand (each row's try counted) and ends the drain, and never uses up a row's
 * last try: mail waits for the server, it is not lost.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  /** Identifies this process in `claimed_by`. */
  readonly owner = randomUUID();
  private readonly job = new IntervalJob('outbox drain', this.logger, () => this.drain());
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: EmailOutboxRepository,
    private readonly renderer: EmailRenderer,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.mail.outboxIntervalMs);
  }

  /** Stops the timer, waits for the batch in hand to be sent and recorded (no new batch is claimed), then closes the transport. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.job.stop();
    this.mailer.close();
  }

  /** Sends due emails batch after batch until none is due, the server is unreachable, or the app stops. */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, retried: 0, failed: 0 };
    while (!this.stopping) {
      const now = this.clock.now();
      const rows = await retryingDeadlocks(() => this.outbox.claimDue(now, BATCH_SIZE, this.owner, new Date(now.getTime() + CLAIM_LEASE_MS)));
      if (rows.length === 0) break;
      const { unreachable } = await this.sendBatch(rows, total);
      if (unreachable) break;
    }
    return total;
  }

  private async sendBatch(rows: EmailOutboxEntity[], total: DrainResult): Promise<{ unreachable: boolean }> {
    // At shutdown the batch in hand is still sent to the end (at most BATCH_SIZE emails); drain() claims no more.
    for (const [index, row] of rows.entries()) {
      const attempts = row.attempts + 1;
      let content: RenderedEmail;
      try {
        content = this.render(row);
      } catch (error) {
        await this.outbox.finish(row.id, this.owner, { status: EmailStatus.FAILED, attempts, lastError: `Could not render: ${(error as Error).message}`.slice(0, 1000) });
        total.failed++;
        continue;
      }
      try {
        await this.mailer.send({ messageId: this.messageId(row), to: { name: row.recipientName, address: row.recipient }, template: row.template, createdAt: row.createdAt, content });
        await this.outbox.finish(row.id, this.owner, { status: EmailStatus.SENT, attempts, sentAt: this.clock.now(), lastError: null });
        total.sent++;
      } catch (error) {
        const { failure, reason } = classifySendError(error);
        if (failure === 'UNREACHABLE') {
          // The server is down for every row alike: this batch waits together, and the drain stops here.
          for (const waiting of rows.slice(index)) await this.retryLater(waiting, waiting.attempts + 1, `SMTP server unreachable: ${reason}`);
          total.retried += rows.length - index;
          this.logger.warn(`SMTP server unreachable (${reason}); ${rows.length - index} emails wait for it.`);
          return { unreachable: true };
        }
        if (failure === 'REJECTED' || attempts >= this.config.mail.maxAttempts) {
          await this.outbox.finish(row.id, this.owner, { status: EmailStatus.FAILED, attempts, lastError: reason.slice(0, 1000) });
          total.failed++;
        } else {
          await this.retryLater(row, attempts, reason);
          total.retried++;
        }
      }
    }
    return { unreachable: false };
  }

  /** PENDING again after retryBaseMs × 2^(attempts − 1), at most six hours. */
  private async retryLater(row: EmailOutboxEntity, attempts: number, reason: string): Promise<void> {
    const backoff = Math.min(MAX_BACKOFF_MS, this.config.mail.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
    const nextAttemptAt = new Date(this.clock.now().getTime() + backoff);
    await this.outbox.finish(row.id, this.owner, { status: EmailStatus.PENDING, attempts, nextAttemptAt, lastError: reason.slice(0, 1000) });
  }

  private render(row: EmailOutboxEntity): RenderedEmail {
    if (!isEmailTemplate(row.template)) throw new Error(`unknown template "${row.template}"`);
    return this.renderer.render(row.template, { email: row.recipient, name: row.recipientName, locale: row.locale }, row.model as EmailModels[typeof row.template]);
  }

  /** One Message-ID per row, the same on every try, so a resend after a crash between send and record is recognisable. */
  private messageId(row: EmailOutboxEntity): string {
    return `<${row.id}@${new URL(this.config.publicUrl).hostname}>`;
  }
}
