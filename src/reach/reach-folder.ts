import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IntervalJob } from 'src/common/interval-job';
import { retryingDeadlocks } from 'src/database/locking';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { addAttendees, addReach, Contribution, noReach, settle } from './reach-contribution';
import { ALL, PeriodKind } from './reach-rollup.entity';
import { ReachRepository, RollupDelta } from './reach.repository';

const DIRTY_BATCH = 500;
const CHECKIN_BATCH = 5000;

export interface FoldResult {
  events: number;
  checkIns: number;
}

/** One fold; `more` when it took a full batch, so more may be waiting. */
export interface FoldStep extends FoldResult {
  more: boolean;
}

/**
 * Keeps reach_rollup up to date in the background, off the check-in path.
 * One fold = one transaction that claims a batch of dirty events and numbers a
 * batch of unfolded check-ins with its fold number, moves their contributions
 * into the rollups (for every ancestor unit × day, month and year × detailed
 * and '*' rows), records the new per-event state and clears the dirty marks, so
 * a reader's snapshot sees a batch either entirely folded or entirely pending,
 * never both or neither. One fold at a time through the database (GET_LOCK on
 * MySQL; exclusive write transactions on SQLite), so any number of instances may run it.
 */
@Injectable()
export class ReachFolder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReachFolder.name);
  private readonly job = new IntervalJob('reach fold', this.logger, () => this.foldAll());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reach: ReachRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.reachFoldIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /**
   * Folds until it has caught up with what was pending when each batch was
   * claimed (or another instance holds the fold); returns what this call folded.
   * It stops after a batch that was not full rather than chasing check-ins that
   * keep arriving: those wait for the next tick, so under steady load a tick
   * costs a few large folds instead of a stream of small ones, each with its
   * fixed cost in statements and rollup upserts.
   */
  async foldAll(): Promise<FoldResult> {
    const total: FoldResult = { events: 0, checkIns: 0 };
    for (;;) {
      const step = await this.foldOnce();
      if (!step) return total;
      total.events += step.events;
      total.checkIns += step.checkIns;
      if (!step.more) return total;
    }
  }

  /** One batch; null when another instance is folding. Retries a lost deadlock. */
  foldOnce(): Promise<FoldStep | null> {
    return retryingDeadlocks(() => serialOnSqlite(this.dataSource, () => this.tryFoldOnce()));
  }

  private async tryFoldOnce(): Promise<FoldStep | null> {
    const runner = this.dataSource.createQueryRunner();
    try {
      if (!(await this.reach.tryFoldLock(runner))) return null;
      try {
        await this.reach.beginFold(runner);
        try {
          const dirty = await this.reach.dirtyEvents(runner, { limit: DIRTY_BATCH });
          // An event never folded before takes all its check-ins at once, set-based (a first
          // load or a backlog after downtime); the claim below then takes other events' rows.
          const dirtyFolded = await this.reach.foldedStates(runner, dirty);
          const firstTime = await this.reach.takeAllCheckIns(runner, dirty.filter((id) => !dirtyFolded.has(id)));
          const claimed = await this.reach.claimUnfolded(runner, CHECKIN_BATCH);
          if (dirty.length === 0 && claimed.rows === 0) {
            await runner.commitTransaction();
            return { events: 0, checkIns: 0, more: false };
          }
          const touched = [...new Set([...dirty, ...claimed.counts.keys()])];
          const folded = new Map([...dirtyFolded, ...(await this.reach.foldedStates(runner, touched.filter((id) => !dirtyFolded.has(id))))]);
          // Changed events, and events whose check-ins arrive before they were ever folded, are read live.
          const liveIds = [...new Set([...dirty, ...touched.filter((id) => !folded.has(id))])];
          const live = await this.reach.liveEvents(runner, liveIds, this.config.appTimezone);
          const { states, contributions } = settle({ live, folded, unfolded: mergeCounts(claimed.counts, firstTime.counts) });
          const ancestors = await this.reach.ancestorsOf(runner, [...new Set(contributions.map((c) => c.unitId))]);
          await this.reach.addToRollups(runner, rollupDeltas(contributions, ancestors));
          await this.reach.saveStates(runner, states);
          await this.reach.clearDirty(runner, dirty);
          await runner.commitTransaction();
          return { events: dirty.length, checkIns: claimed.rows + firstTime.rows, more: dirty.length === DIRTY_BATCH || claimed.rows === CHECKIN_BATCH };
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await this.reach.releaseFoldLock(runner);
      }
    } finally {
      await runner.release();
    }
  }
}

/** Check-in counts by event and group from two disjoint sets of rows, added. */
function mergeCounts(a: Map<string, Record<string, number>>, b: Map<string, Record<string, number>>): Map<string, Record<string, number>> {
  const out = new Map(a);
  for (const [eventId, counts] of b) out.set(eventId, addAttendees(out.get(eventId) ?? {}, counts));
  return out;
}

/**
 * Spreads contributions over the rollup rows they belong to: every ancestor
 * unit × (day, month, year) × (venue type and campaign kept, or both '*'), summed per row.
 */
export function rollupDeltas(contributions: Contribution[], ancestors: Map<string, string[]>): RollupDelta[] {
  const sums = new Map<string, RollupDelta>();
  // Hot in a rebuild (tens of millions of calls): one string key per row, no temporary arrays.
  const add = (c: Contribution, unitId: string, periodKind: PeriodKind, period: string, venueType: string, campaignId: string) => {
    const key = `${unitId}\u0001${periodKind}\u0001${period}\u0001${venueType}\u0001${campaignId}\u0001${c.targetGroup}\u0001${c.groupMask}`;
    let row = sums.get(key);
    if (!row) {
      row = { unitId, periodKind, period, venueType, campaignId, targetGroup: c.targetGroup, groupMask: c.groupMask, ...noReach() };
      sums.set(key, row);
    }
    addReach(row, c);
  };
  for (const c of contributions) {
    const month = c.day.slice(0, 7);
    const year = c.day.slice(0, 4);
    for (const unitId of ancestors.get(c.unitId) ?? [c.unitId]) {
      add(c, unitId, 'D', c.day, c.venueType, c.campaignId);
      add(c, unitId, 'D', c.day, ALL, ALL);
      add(c, unitId, 'M', month, c.venueType, c.campaignId);
      add(c, unitId, 'M', month, ALL, ALL);
      add(c, unitId, 'Y', year, c.venueType, c.campaignId);
      add(c, unitId, 'Y', year, ALL, ALL);
    }
  }
  return [...sums.values()];
}
