import { Logger } from '@nestjs/common';

/**
 * A background job on a timer, the way every worker here runs: `work` every
 * `intervalMs` (0 or less: never), never two runs at once (a tick that finds
 * the last run still going is skipped), a failed run logged and tried again at
 * the next tick, and `stop()` waiting for the run in hand. The timer does not
 * keep the process alive.
 */
export class IntervalJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly description: string,
    private readonly logger: Logger,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.work()
        .catch((error: unknown) => this.logger.error(`${this.description} failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and resolves once the run in hand (if any) has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
