import { Logger } from '@nestjs/common';
import { IntervalJob } from './interval-job';

describe(IntervalJob.name, () => {
  const logger = { error: jest.fn() } as unknown as Logger;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the work on every tick, never two runs at once, and stop waits for the run in hand', async () => {
    const finishes: (() => void)[] = [];
    const work = jest.fn(() => new Promise<void>((resolve) => finishes.push(resolve)));
    const job = new IntervalJob('test job', logger, work);
    job.start(100);
    jest.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(300); // still running: the ticks are skipped
    expect(work).toHaveBeenCalledTimes(1);
    finishes[0]();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(100);
    expect(work).toHaveBeenCalledTimes(2);

    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finishes[1]();
    await stopping;
    jest.advanceTimersByTime(1000);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and tries again at the next tick', async () => {
    const work = jest.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(undefined);
    const job = new IntervalJob('test job', logger, work);
    job.start(50);
    jest.advanceTimersByTime(50);
    await job.stop().catch(() => undefined);
    expect(logger.error).toHaveBeenCalledWith('test job failed: database gone');
    job.start(50);
    jest.advanceTimersByTime(50);
    expect(work).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('never starts with an interval of 0', () => {
    const work = jest.fn(() => Promise.resolve());
    new IntervalJob('test job', logger, work).start(0);
    jest.advanceTimersByTime(10_000);
    expect(work).not.toHaveBeenCalled();
  });
});
