import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { groupByKey } from 'src/common/request-context';
import { isMysql } from 'src/database/engine';
import { serialOnSqlite } from 'src/database/sqlite-serial';
import { localDateOf } from 'src/common/local-time';
import { feedbackOfEvent, FeedbackSums } from 'src/feedback/feedback-outcomes';
import { feedbackTallies } from 'src/feedback/feedback-outcomes.repository';
import { EventState, HELD_STATUSES, isZero, LiveEvent, maskOf, ReachKey, ReachSums } from './reach-contribution';
import { ALL, EVENT_ROW, NO_CAMPAIGN, PeriodKind } from './reach-rollup.entity';

/** One aggregated reach_rollup read; columns not asked for come back as '' (group mask 0). */
export interface RollupCell extends ReachKey, ReachSums {
  unitId: string;
  period: string;
}

export interface RollupQuery {
  unitIds: string[];
  periodKind: PeriodKind;
  from: string;
  to: string;
  /** Read rows that keep venue type and campaign (true) or the '*' rows that add them all up. */
  detailed: boolean;
  venueTypes?: string[];
  campaignId?: string;
  keepPeriod: boolean;
  keepVenue: boolean;
  keepCampaign: boolean;
  /**
   * Keep target group and group mask apart (TARGET_GROUP rows, a targetGroups
   * filter). Without them every row of a unit adds up into one cell, so a
   * drill-down over 50 units reads back 50 cells, not 50 × (groups + masks).
   */
  keepGroups: boolean;
}

export interface RollupDelta extends ReachKey, ReachSums {
  unitId: string;
  periodKind: PeriodKind;
  period: string;
}

/** reach_rollup's primary key, in its order. */
const ROLLUP_KEY = ['unit_id', 'period_kind', 'venue_type', 'campaign_id', 'period', 'target_group', 'group_mask'];
/** reach_rollup's summed columns and the ReachSums field each holds. */
const ROLLUP_SUMS: readonly [string, keyof ReachSums][] = [
  ['events', 'events'],
  ['attendees', 'attendees'],
  ['online_views', 'onlineViews'],
  ['leaflets', 'leaflets'],
  ['staff', 'staff'],
  ['feedback', 'feedback'],
  ['rating_sum', 'ratingSum'],
  ['feedback_correct', 'correct'],
  ['feedback_answered', 'answered'],
  ['paired_before_answered', 'pairedBeforeAnswered'],
  ['paired_before_correct', 'pairedBeforeCorrect'],
  ['paired_after_answered', 'pairedAfterAnswered'],
  ['paired_after_correct', 'pairedAfterCorrect'],
];
const ROLLUP_SUM_COLUMNS = ROLLUP_SUMS.map(([column]) => column);
const REACH_EVENT_COLUMNS = ['event_id', 'held', 'org_unit_id', 'campaign_id', 'day', 'venue_type', 'group_mask', 'online_views', 'leaflets', 'staff', 'attendees', 'feedback'];
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/**
 * Reach SQL: rollup reads and upserts, pending work, the folder's claims and
 * the read snapshot. No rules here. The two engines differ only in the upsert
 * syntax, the snapshot transaction and the claim locks, each branched in one
 * method below.
 */
@Injectable()
export class ReachRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get isMysql(): boolean {
    return isMysql(this.dataSource);
  }

  /**
   * Runs `work` on one read-only snapshot: on MySQL/MariaDB a REPEATABLE READ
   * transaction started WITH CONSISTENT SNAPSHOT, so rollups, dirty events and
   * unfolded check-ins are read as of one instant and a fold committing
   * meanwhile is seen entirely or not at all. On SQLite a transaction reads one
   * WAL snapshot.
   */
  async inSnapshot<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    return serialOnSqlite(this.dataSource, () => this.snapshot(work));
  }

  private async snapshot<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      if (this.isMysql) {
        await runner.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        await runner.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
      } else {
        // One shared connection: serialOnSqlite keeps other transactions out meanwhile.
        await runner.startTransaction();
      }
      try {
        return await work(runner);
      } finally {
        if (this.isMysql) await runner.query('COMMIT');
        else await runner.commitTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  /** Sums of reach_rollup for the query, grouped by the kept columns. */
  async readRollups(runner: QueryRunner, q: RollupQuery): Promise<RollupCell[]> {
    if (q.unitIds.length === 0) return [];
    const where: string[] = [`unit_id IN (${marks(q.unitIds.length)})`, 'period_kind = ?', 'period >= ?', 'period <= ?'];
    const params: unknown[] = [...q.unitIds, q.periodKind, q.from, q.to];
    if (q.detailed) {
      where.push('venue_type <> ?', 'campaign_id <> ?');
      params.push(ALL, ALL);
      if (q.venueTypes?.length) {
        where.push(`venue_type IN (${marks(q.venueTypes.length)})`);
        params.push(...q.venueTypes);
      }
      if (q.campaignId !== undefined) {
        where.push('campaign_id = ?');
        params.push(q.campaignId);
      }
    } else {
      where.push('venue_type = ?', 'campaign_id = ?');
      params.push(ALL, ALL);
    }
    const keep = [
      'unit_id',
      q.keepPeriod ? 'period' : null,
      q.keepVenue ? 'venue_type' : null,
      q.keepCampaign ? 'campaign_id' : null,
      q.keepGroups ? 'target_group' : null,
      q.keepGroups ? 'group_mask' : null,
    ].filter((c): c is string => c !== null);
    const rows: Record<string, unknown>[] = await runner.query(
      `SELECT ${keep.join(', ')}, ${ROLLUP_SUM_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
         FROM reach_rollup WHERE ${where.join(' AND ')} GROUP BY ${keep.join(', ')}`,
      params,
    );
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      period: r.period === undefined ? '' : String(r.period),
      venueType: r.venue_type === undefined ? '' : String(r.venue_type),
      campaignId: r.campaign_id === undefined ? '' : String(r.campaign_id),
      targetGroup: r.target_group === undefined ? EVENT_ROW : String(r.target_group),
      groupMask: r.group_mask === undefined ? 0 : Number(r.group_mask),
      ...sumsFromRow(r),
    }));
  }

  /** Events marked dirty (all of them, or a claimed batch locked against other folders on MySQL). */
  async dirtyEvents(runner: QueryRunner, claim?: { limit: number }): Promise<string[]> {
    const sql = claim
      ? `SELECT event_id FROM reach_dirty_event LIMIT ${Math.floor(claim.limit)}${this.isMysql ? ' FOR UPDATE SKIP LOCKED' : ''}`
      : 'SELECT event_id FROM reach_dirty_event';
    const rows: { event_id: string }[] = await runner.query(sql);
    return rows.map((r) => String(r.event_id));
  }

  /** Not-yet-folded check-in counts by event and group. */
  async unfoldedCounts(runner: QueryRunner): Promise<Map<string, Record<string, number>>> {
    const rows: { event_id: string; target_group: string; n: unknown }[] = await runner.query(
      'SELECT event_id, target_group, SUM(count) AS n FROM check_in WHERE reach_folded = 0 GROUP BY event_id, target_group',
    );
    return countsByEvent(rows);
  }

  /**
   * Claims a batch of not-yet-folded check-ins for the folder and returns how
   * many and their counts by event and group: one UPDATE gives them the next fold
   * number (under the fold lock no other fold numbers rows meanwhile) and one
   * aggregate reads exactly those rows back through the index, so no row ids
   * travel. A check-in committed meanwhile keeps 0 for the next fold.
   */
  async claimUnfolded(runner: QueryRunner, limit: number): Promise<{ rows: number; counts: Map<string, Record<string, number>> }> {
    const [{ next }] = await runner.query('SELECT COALESCE(MAX(reach_folded), 0) + 1 AS next FROM check_in');
    const fold = Number(next);
    const batch = Math.floor(limit);
    const result = this.isMysql
      ? await runner.query(`UPDATE check_in SET reach_folded = ? WHERE reach_folded = 0 LIMIT ${batch}`, [fold], true)
      : await runner.query(`UPDATE check_in SET reach_folded = ? WHERE id IN (SELECT id FROM check_in WHERE reach_folded = 0 LIMIT ${batch})`, [fold], true);
    const rows = result.affected ?? 0;
    if (rows === 0) return { rows, counts: new Map() };
    const counts: { event_id: string; target_group: string; n: unknown }[] = await runner.query(
      'SELECT event_id, target_group, SUM(count) AS n FROM check_in WHERE reach_folded = ? GROUP BY event_id, target_group',
      [fold],
    );
    return { rows, counts: countsByEvent(counts) };
  }

  /**
   * Marks every not-yet-folded check-in of these events folded and returns their
   * counts, set-based: for events that have never been folded, so each of their
   * rows that is marked folded was marked by this statement (state and marks
   * commit together). Rows committed after the UPDATE stay unfolded for the next fold.
   */
  async takeAllCheckIns(runner: QueryRunner, eventIds: string[]): Promise<{ rows: number; counts: Map<string, Record<string, number>> }> {
    const rows = await this.markEventsFolded(runner, eventIds);
    return { rows, counts: rows > 0 ? await this.foldedCounts(runner, eventIds) : new Map() };
  }

  /** Marks every not-yet-folded check-in of these events folded; returns how many this call marked. */
  async markEventsFolded(runner: QueryRunner, eventIds: string[]): Promise<number> {
    let rows = 0;
    for (const part of chunks(eventIds, 1000)) {
      const result = await runner.query(`UPDATE check_in SET reach_folded = 1 WHERE reach_folded = 0 AND event_id IN (${marks(part.length)})`, part, true);
      rows += result.affected ?? 0;
    }
    return rows;
  }

  /** Counts of the folded check-ins of these events, by event and group. */
  async foldedCounts(runner: QueryRunner, eventIds: string[]): Promise<Map<string, Record<string, number>>> {
    const counts: { event_id: string; target_group: string; n: unknown }[] = [];
    for (const part of chunks(eventIds, 1000)) {
      counts.push(
        // The filter on reach_folded sits in the SUM, not the WHERE: the lookup goes by event, whatever fold numbers the rows carry.
        ...(await runner.query(
          `SELECT event_id, target_group, SUM(CASE WHEN reach_folded <> 0 THEN count ELSE 0 END) AS n FROM check_in
            WHERE event_id IN (${marks(part.length)}) GROUP BY event_id, target_group HAVING n <> 0`,
          part,
        )),
      );
    }
    return countsByEvent(counts);
  }

  /** Every org unit with its parent (null for a root). */
  async unitParents(runner: QueryRunner): Promise<{ id: string; parentId: string | null }[]> {
    const rows: { id: string; parent_id: string | null }[] = await runner.query('SELECT id, parent_id FROM org_unit');
    return rows.map((r) => ({ id: String(r.id), parentId: r.parent_id === null ? null : String(r.parent_id) }));
  }

  /** Number of events (of any status) held by each unit itself. */
  async eventCountsByUnit(runner: QueryRunner): Promise<Map<string, number>> {
    const rows: { org_unit_id: string; n: unknown }[] = await runner.query('SELECT org_unit_id, COUNT(*) AS n FROM event GROUP BY org_unit_id');
    return new Map(rows.map((r) => [String(r.org_unit_id), Number(r.n)]));
  }

  /** Ids of the events (of any status) held by these units. */
  async eventIdsAt(runner: QueryRunner, unitIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const part of chunks(unitIds, 1000)) {
      const rows: { id: string }[] = await runner.query(`SELECT id FROM event WHERE org_unit_id IN (${marks(part.length)})`, part);
      ids.push(...rows.map((r) => String(r.id)));
    }
    return ids;
  }

  /**
   * Replaces every reach_rollup row of these units with `rows` (all-zero rows
   * left out), inserted in key order with plain multi-row INSERTs: far cheaper
   * than upserts when a whole subtree is written at once.
   */
  async replaceRollups(runner: QueryRunner, unitIds: string[], rows: RollupDelta[]): Promise<number> {
    for (const part of chunks(unitIds, 1000)) await runner.query(`DELETE FROM reach_rollup WHERE unit_id IN (${marks(part.length)})`, part);
    const cols = [...ROLLUP_KEY, ...ROLLUP_SUM_COLUMNS];
    const keyed = rows.filter((d) => !isZero(d)).map((d) => ({ d, key: keyOf(d) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const part of chunks(keyed, 1000)) {
      const params = rollupParams(part.map(({ d }) => d));
      await runner.query(`INSERT INTO reach_rollup (${cols.join(', ')}) VALUES ${part.map(() => `(${marks(cols.length)})`).join(', ')}`, params);
    }
    return keyed.length;
  }

  async clearDirty(runner: QueryRunner, eventIds: string[]): Promise<void> {
    for (const part of chunks(eventIds, 1000)) await runner.query(`DELETE FROM reach_dirty_event WHERE event_id IN (${marks(part.length)})`, part);
  }

  /** Folded state of these events. */
  async foldedStates(runner: QueryRunner, eventIds: string[]): Promise<Map<string, EventState>> {
    const out = new Map<string, EventState>();
    for (const part of chunks(eventIds, 1000)) {
      const rows: Record<string, unknown>[] = await runner.query(`SELECT ${REACH_EVENT_COLUMNS.join(', ')} FROM reach_event WHERE event_id IN (${marks(part.length)})`, part);
      for (const r of rows) {
        out.set(String(r.event_id), {
          eventId: String(r.event_id),
          held: Number(r.held) === 1 || r.held === true,
          orgUnitId: String(r.org_unit_id),
          campaignId: String(r.campaign_id),
          day: String(r.day),
          venueType: String(r.venue_type),
          groupMask: Number(r.group_mask),
          onlineViews: Number(r.online_views),
          leaflets: Number(r.leaflets),
          staff: Number(r.staff),
          attendees: JSON.parse(String(r.attendees)) as Record<string, number>,
          feedback: JSON.parse(String(r.feedback)) as Record<string, FeedbackSums>,
        });
      }
    }
    return out;
  }

  /** The event-level reach fields of these events and their feedback, read from the domain tables. */
  async liveEvents(runner: QueryRunner, eventIds: string[], timeZone: string): Promise<Map<string, LiveEvent>> {
    const out = new Map<string, LiveEvent>();
    for (const part of chunks(eventIds, 1000)) {
      const m = marks(part.length);
      const [events, groups, staff, leaflets, tallies] = await Promise.all([
        runner.query(`SELECT id, org_unit_id, campaign_id, venue_type, starts_at, status, online_views FROM event WHERE id IN (${m})`, part),
        runner.query(`SELECT event_id, target_group FROM event_target_group WHERE event_id IN (${m})`, part),
        runner.query(`SELECT event_id, COUNT(*) AS n FROM event_assignment WHERE event_id IN (${m}) GROUP BY event_id`, part),
        runner.query(`SELECT event_id, SUM(quantity) AS n FROM stock_movement WHERE kind = 'DISTRIBUTE' AND event_id IN (${m}) GROUP BY event_id`, part),
        feedbackTallies(runner, part),
      ]);
      const groupsOfPart = groupByKey(part, groups as { event_id: string; target_group: string }[], (g) => g.event_id);
      const groupsBy = new Map(part.map((id, i) => [id, groupsOfPart[i].map((g) => g.target_group)]));
      const staffBy = new Map((staff as { event_id: string; n: unknown }[]).map((s) => [s.event_id, Number(s.n)]));
      const leafletsBy = new Map((leaflets as { event_id: string; n: unknown }[]).map((s) => [s.event_id, Number(s.n)]));
      for (const e of events as Record<string, unknown>[]) {
        const id = String(e.id);
        out.set(id, {
          eventId: id,
          held: HELD_STATUSES.has(String(e.status)),
          orgUnitId: String(e.org_unit_id),
          campaignId: e.campaign_id ? String(e.campaign_id) : NO_CAMPAIGN,
          day: localDateOf(toDate(e.starts_at), timeZone),
          venueType: String(e.venue_type),
          groupMask: maskOf(groupsBy.get(id) ?? []),
          onlineViews: Number(e.online_views ?? 0),
          leaflets: leafletsBy.get(id) ?? 0,
          staff: staffBy.get(id) ?? 0,
          feedback: feedbackOfEvent(tallies.get(id) ?? []),
        });
      }
    }
    return out;
  }

  /** Ancestors (the unit itself included) of each unit. */
  async ancestorsOf(runner: QueryRunner, unitIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks(unitIds, 1000)) {
      const rows: { ancestor_id: string; descendant_id: string }[] = await runner.query(
        `SELECT ancestor_id, descendant_id FROM org_unit_closure WHERE descendant_id IN (${marks(part.length)})`,
        part,
      );
      groupByKey(part, rows, (r) => r.descendant_id).forEach((group, i) => out.set(part[i], group.map((r) => r.ancestor_id)));
    }
    return out;
  }

  /** Direct children of a unit, in code order, with their codes. */
  async childrenOf(runner: QueryRunner, unitId: string): Promise<{ id: string; code: string }[]> {
    const rows: { id: string; code: string }[] = await runner.query('SELECT id, code FROM org_unit WHERE parent_id = ? ORDER BY code', [unitId]);
    return rows.map((r) => ({ id: String(r.id), code: String(r.code) }));
  }

  /** Adds deltas into reach_rollup (one multi-row upsert per chunk). */
  async addToRollups(runner: QueryRunner, deltas: RollupDelta[]): Promise<void> {
    const cols = [...ROLLUP_KEY, ...ROLLUP_SUM_COLUMNS];
    for (const part of chunks(deltas.filter((d) => !isZero(d)))) {
      const params = rollupParams(part);
      const values = part.map(() => `(${marks(cols.length)})`).join(', ');
      const update = this.isMysql
        ? `ON DUPLICATE KEY UPDATE ${ROLLUP_SUM_COLUMNS.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
        : `ON CONFLICT (${ROLLUP_KEY.join(', ')}) DO UPDATE SET ${ROLLUP_SUM_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
      await runner.query(`INSERT INTO reach_rollup (${cols.join(', ')}) VALUES ${values} ${update}`, params);
    }
  }

  /** Writes the folded state of these events. */
  async saveStates(runner: QueryRunner, states: EventState[]): Promise<void> {
    const rest = REACH_EVENT_COLUMNS.slice(1);
    for (const part of chunks(states)) {
      const params = part.flatMap((s) => [s.eventId, s.held ? 1 : 0, s.orgUnitId, s.campaignId, s.day, s.venueType, s.groupMask, s.onlineViews, s.leaflets, s.staff, JSON.stringify(s.attendees), JSON.stringify(s.feedback)]);
      const values = part.map(() => `(${marks(REACH_EVENT_COLUMNS.length)})`).join(', ');
      const update = this.isMysql
        ? `ON DUPLICATE KEY UPDATE ${rest.map((c) => `${c} = VALUES(${c})`).join(', ')}`
        : `ON CONFLICT (event_id) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}`;
      await runner.query(`INSERT INTO reach_event (${REACH_EVENT_COLUMNS.join(', ')}) VALUES ${values} ${update}`, params);
    }
  }

  /**
   * A session-level advisory lock so one instance folds at a time (MySQL/MariaDB
   * GET_LOCK, released with the connection if the instance dies). SQLite needs
   * none: its write transactions are already exclusive.
   */
  async tryFoldLock(runner: QueryRunner, waitSeconds = 0): Promise<boolean> {
    if (!this.isMysql) return true;
    // Named per database: advisory locks are server-wide, and one server may hold several finreach databases.
    const [row] = await runner.query("SELECT GET_LOCK(CONCAT('finreach.reach_fold.', DATABASE()), ?) AS got", [waitSeconds]);
    return Number(row.got) === 1;
  }

  async releaseFoldLock(runner: QueryRunner): Promise<void> {
    if (this.isMysql) await runner.query("SELECT RELEASE_LOCK(CONCAT('finreach.reach_fold.', DATABASE()))");
  }

  /** Starts the folder's transaction: READ COMMITTED on MySQL so live reads see the latest commits. */
  async beginFold(runner: QueryRunner): Promise<void> {
    if (this.isMysql) await runner.startTransaction('READ COMMITTED');
    else await runner.startTransaction();
  }

}

/** The reach_rollup key of a row, in ROLLUP_KEY order. */
function keyValuesOf(d: RollupDelta): (string | number)[] {
  return [d.unitId, d.periodKind, d.venueType, d.campaignId, d.period, d.targetGroup, d.groupMask];
}

/** The key as one string, sorting close to the primary key's order (keeps inserts into the B-tree sequential). */
function keyOf(d: RollupDelta): string {
  return keyValuesOf(d).join('\u0001');
}

/** Key and sums of each row, flat, in the column order of ROLLUP_KEY and ROLLUP_SUMS. */
function rollupParams(rows: RollupDelta[]): unknown[] {
  const params: unknown[] = [];
  for (const d of rows) {
    params.push(...keyValuesOf(d));
    for (const [, key] of ROLLUP_SUMS) params.push(d[key]);
  }
  return params;
}

function sumsFromRow(r: Record<string, unknown>): ReachSums {
  const sums = {} as ReachSums;
  for (const [column, key] of ROLLUP_SUMS) sums[key] = Number(r[column]);
  return sums;
}

function countsByEvent(rows: { event_id: string; target_group: string; n: unknown }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = out.get(r.event_id) ?? {};
    counts[r.target_group] = (counts[r.target_group] ?? 0) + Number(r.n);
    out.set(r.event_id, counts);
  }
  return out;
}

/** MySQL gives a Date (timezone 'Z'); SQLite the stored text, which TypeORM writes as UTC 'YYYY-MM-DD HH:MM:SS.mmm'. */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
