import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { retryingDeadlocks } from 'src/database/locking';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { contributionsOf, EventState } from './reach-contribution';
import { rollupDeltas } from './reach-folder';
import { ReachRepository } from './reach.repository';

/** A subtree with more events than this is split into its children, so no transaction grows with the bank. */
const PART_EVENTS = 50_000;
/** How long a rebuild waits for a fold in progress to finish. */
const LOCK_WAIT_SECONDS = 60;

/** One transaction of a rebuild: the events it reads and the units whose rollup rows it rewrites whole. */
export interface RebuildPart {
  /** The unit the part is named after. */
  unitId: string;
  /** Units whose events the part recomputes. */
  eventUnits: string[];
  /** Units whose reach_rollup rows the part replaces (every unit of `eventUnits` and all their descendants, or none). */
  rollupUnits: string[];
}

export interface RebuildProgress {
  part: RebuildPart;
  events: number;
  /** Check-ins this part marked folded (they were pending before). */
  checkIns: number;
  rollupRows: number;
}

export interface RebuildResult {
  parts: number;
  events: number;
  checkIns: number;
  rollupRows: number;
}

/**
 * Recomputes reach from the domain tables, subtree by subtree: for a first
 * load or a backlog (the folder upserts about 35 rollup rows per event one batch
 * at a time; a subtree written whole in key order is many times cheaper), and
 * after APP_TIMEZONE changes (local days move). The service may keep running:
 * each part is one transaction that marks its events' check-ins folded, reads
 * the events live, replaces the rollup rows of its subtree, adjusts the rows of
 * the units above it by (new − old) and saves the new per-event state, so a
 * reader's snapshot sees every part either before or after, and rollups plus
 * pending stay exact throughout. The fold lock is held from first part to last,
 * so the incremental folder (which reads per-event state without locks) stays
 * out meanwhile. Events never change unit and are never deleted, so an event's
 * old state is found by its id.
 */
@Injectable()
export class ReachRebuild {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reach: ReachRepository,
  ) {}

  async rebuild(options: { partEvents?: number; onProgress?: (p: RebuildProgress) => void } = {}): Promise<RebuildResult> {
    const lock = this.dataSource.createQueryRunner();
    try {
      if (!(await this.reach.tryFoldLock(lock, LOCK_WAIT_SECONDS))) throw new Error(`Another instance has held the reach fold lock for ${LOCK_WAIT_SECONDS} s; try the rebuild again later.`);
      try {
        const parts = await this.plan(options.partEvents ?? PART_EVENTS);
        const result: RebuildResult = { parts: parts.length, events: 0, checkIns: 0, rollupRows: 0 };
        for (const part of parts) {
          const progress = await retryingDeadlocks(() => serialOnSqlite(this.dataSource, () => this.rebuildPart(part)));
          result.events += progress.events;
          result.checkIns += progress.checkIns;
          result.rollupRows += progress.rollupRows;
          options.onProgress?.(progress);
        }
        return result;
      } finally {
        await this.reach.releaseFoldLock(lock);
      }
    } finally {
      await lock.release();
    }
  }

  /**
   * Splits the bank into parts of at most `partEvents` events where the tree
   * allows: a subtree that small is one part rewriting all its rows; a larger
   * one becomes a part for its own unit's events (rows left to deltas) plus
   * the parts of its children.
   */
  async plan(partEvents: number): Promise<RebuildPart[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const units = await this.reach.unitParents(runner);
      const own = await this.reach.eventCountsByUnit(runner);
      const children = new Map<string, string[]>();
      for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
      const subtreeOf = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtreeOf)];
      const eventsUnder = new Map<string, number>();
      const count = (id: string): number => {
        const n = (own.get(id) ?? 0) + (children.get(id) ?? []).reduce((sum, child) => sum + count(child), 0);
        eventsUnder.set(id, n);
        return n;
      };
      const roots = units.filter((u) => u.parentId === null).map((u) => u.id);
      roots.forEach(count);
      const partsOf = (id: string): RebuildPart[] => {
        const kids = children.get(id) ?? [];
        if (eventsUnder.get(id)! <= partEvents || kids.length === 0) {
          const subtree = subtreeOf(id);
          return [{ unitId: id, eventUnits: subtree, rollupUnits: subtree }];
        }
        return [{ unitId: id, eventUnits: [id], rollupUnits: [] }, ...kids.flatMap(partsOf)];
      };
      return roots.flatMap(partsOf);
    } finally {
      await runner.release();
    }
  }

  private async rebuildPart(part: RebuildPart): Promise<RebuildProgress> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await this.reach.beginFold(runner);
      try {
        const eventIds = await this.reach.eventIdsAt(runner, part.eventUnits);
        // Cleared before the live read: a change committed after it marks its event dirty again.
        await this.reach.clearDirty(runner, eventIds);
        const checkIns = await this.reach.markEventsFolded(runner, eventIds);
        const counts = await this.reach.foldedCounts(runner, eventIds);
        const live = await this.reach.liveEvents(runner, eventIds, this.config.appTimezone);
        const old = await this.reach.foldedStates(runner, eventIds);
        const states: EventState[] = [...live.values()].map((e) => ({ ...e, attendees: counts.get(e.eventId) ?? {} }));

        const fresh = states.flatMap((s) => contributionsOf(s, 1));
        const stale = [...old.values()].flatMap((s) => contributionsOf(s, -1));
        const ancestors = await this.reach.ancestorsOf(runner, [...new Set([...states, ...old.values()].map((s) => s.orgUnitId))]);
        const rewritten = new Set(part.rollupUnits);
        const only = (keep: (unitId: string) => boolean) => new Map([...ancestors].map(([unit, above]) => [unit, above.filter(keep)]));
        // Rows of the part's own subtree are written whole from the new state; rows above it move by new − old.
        const rows = rollupDeltas(fresh, only((u) => rewritten.has(u)));
        const above = rollupDeltas([...fresh, ...stale], only((u) => !rewritten.has(u)));

        const rollupRows = await this.reach.replaceRollups(runner, part.rollupUnits, rows);
        await this.reach.addToRollups(runner, above);
        await this.reach.saveStates(runner, states);
        await runner.commitTransaction();
        return { part, events: eventIds.length, checkIns, rollupRows };
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
