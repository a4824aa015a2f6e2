import { Clock } from 'src/common/clock';
import { ScheduledRunEntity } from 'src/database/scheduled-run.entity';
import { ScheduledRuns } from 'src/database/scheduled-runs';
import { startTestApp, TestApp } from '../support/test-app';

describe(ScheduledRuns.name, () => {
  let app: TestApp;
  let peer: TestApp;
  let now: Date;

  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    peer = await app.startPeer();
    now = new Date('2026-11-30T01:00:00Z');
    for (const instance of [app, peer]) jest.spyOn(instance.app.get(Clock), 'now').mockImplementation(() => now);
  });

  afterAll(async () => {
    await peer.close();
    await app.close();
  });

  const runs = (instance: TestApp) => instance.app.get(ScheduledRuns);

  it('runs a slot once when two instances claim it at the same time', async () => {
    let calls = 0;
    const work = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const ran = await Promise.all([runs(app).runOnce('digest', '2026-W49', work), runs(peer).runOnce('digest', '2026-W49', work)]);
    expect(calls).toBe(1);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(await runs(app).isFinished('digest', '2026-W49')).toBe(true);
  });

  it('never repeats a finished slot, but runs the next one', async () => {
    let calls = 0;
    const work = async () => void calls++;
    expect(await runs(app).runOnce('daily', '2026-11-30', work)).toBe(true);
    now = new Date(now.getTime() + 24 * 3600_000);
    expect(await runs(peer).runOnce('daily', '2026-11-30', work)).toBe(false);
    expect(await runs(peer).runOnce('daily', '2026-12-01', work)).toBe(true);
    expect(calls).toBe(2);
  });

  it('gives a failed run back, so the next tick retries it', async () => {
    const failing = async () => {
      throw new Error('SMTP down');
    };
    expect(await runs(app).runOnce('retry', 's1', failing)).toBe(false);
    expect(await runs(peer).runOnce('retry', 's1', async () => undefined)).toBe(true);
    const row = await app.dataSource.getRepository(ScheduledRunEntity).findOneByOrFail({ job: 'retry', slot: 's1' });
    expect(row.attempts).toBe(2);
    expect(row.claimedBy).toBe(runs(peer).owner);
  });

  it('takes over a run whose instance died only after its lease ran out', async () => {
    // An instance that claimed the slot and crashed: a row with a lease and no finish.
    await app.dataSource.getRepository(ScheduledRunEntity).insert({
      job: 'crashed',
      slot: 's1',
      claimedBy: 'dead-instance',
      leaseUntil: new Date(now.getTime() + 60_000),
      attempts: 1,
      finishedAt: null,
    });
    const work = jest.fn(async () => undefined);
    expect(await runs(app).runOnce('crashed', 's1', work)).toBe(false);
    now = new Date(now.getTime() + 61_000);
    expect(await runs(app).runOnce('crashed', 's1', work)).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
  });
});
