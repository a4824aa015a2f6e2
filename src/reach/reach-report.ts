import { TARGET_GROUPS } from 'src/campaigns/target-group.enum';
import { VenueType } from 'src/events/event.enums';
import { addFeedback, FeedbackFigures, feedbackFigures } from 'src/feedback/feedback-outcomes';
import { addReach, groupsOf, isZero, maskOf, noReach, ReachKey, ReachSums } from './reach-contribution';
import { isoWeekOf } from './reach-periods';
import { EVENT_ROW } from './reach-rollup.entity';
import { ReachDimension } from './dto/reach.model';

/** A piece of reach already placed in a bucket: the filter unit's whole subtree ('T') or one child's subtree. */
export interface Cell extends ReachKey, ReachSums {
  bucket: string;
  /** A day (YYYY-MM-DD) or, from month rollups, a month (YYYY-MM); '' when not read. */
  period: string;
}

export const TOTAL_BUCKET = 'T';

export interface Figures extends FeedbackFigures {
  events: number;
  attendees: number;
  onlineViews: number | null;
  peopleReached: number | null;
  leafletsDistributed: number | null;
  staffParticipations: number | null;
}

export interface ReportRow {
  orgUnitId?: string;
  venueType?: string;
  targetGroup?: string;
  /** null: the events of no campaign. */
  campaignId?: string | null;
  period?: string;
  figures: Figures;
}

export interface ReportOptions {
  unitId: string;
  dimensions: ReachDimension[];
  /** Order of ORG_UNIT rows (the children by code; the unit itself first). */
  unitOrder: string[];
  targetGroups?: string[];
}

const VENUE_ORDER: string[] = Object.values(VenueType);

/**
 * Turns bucketed cells into totals and rows. ORG_UNIT rows are the children's
 * buckets, plus the filter unit's own events as a row for the unit itself
 * (its total minus its children's). TARGET_GROUP rows count attendees by the
 * check-in's group, feedback by the group people stated (feedback that states
 * none is in the totals and other rows only) and events by the groups they
 * list; their other figures are null. Rows whose sums are all zero are left out.
 */
export function buildReport(cells: Cell[], options: ReportOptions): { totals: Figures; rows: ReportRow[] } {
  const dims = options.dimensions;
  const byGroup = dims.includes(ReachDimension.TARGET_GROUP);
  const byUnit = dims.includes(ReachDimension.ORG_UNIT);
  const filterMask = options.targetGroups?.length ? maskOf(options.targetGroups) : null;
  const totals = noReach();
  const rows = new Map<string, { key: (string | null)[]; sum: ReachSums }>();

  /** 'events': only the event count (an event row under a group it lists); 'group': a group row's attendees and feedback. */
  const add = (key: (string | null)[], cell: Cell, sign: number, part: 'all' | 'events' | 'group') => {
    const id = JSON.stringify(key);
    const entry = rows.get(id) ?? { key, sum: noReach() };
    if (part === 'all') addReach(entry.sum, cell, sign);
    if (part === 'events') entry.sum.events += sign * cell.events;
    if (part === 'group') {
      entry.sum.attendees += sign * cell.attendees;
      addFeedback(entry.sum, cell, sign);
    }
    rows.set(id, entry);
  };

  for (const cell of cells) {
    const isEventRow = cell.targetGroup === EVENT_ROW;
    if (filterMask !== null) {
      if (isEventRow && (cell.groupMask & filterMask) === 0) continue;
      if (!isEventRow && !options.targetGroups!.includes(cell.targetGroup)) continue;
    }
    if (cell.bucket === TOTAL_BUCKET) addReach(totals, cell);
    if (dims.length === 0) continue;
    // A child's figures are also in the unit's total: they go to the child's row and out of the unit's own row.
    const targets: [string, number][] = byUnit
      ? cell.bucket === TOTAL_BUCKET
        ? [[options.unitId, 1]]
        : [[cell.bucket, 1], [options.unitId, -1]]
      : cell.bucket === TOTAL_BUCKET
        ? [[options.unitId, 1]]
        : [];
    for (const [unit, sign] of targets) {
      const groups = byGroup ? (isEventRow ? groupsOf(cell.groupMask).filter((g) => filterMask === null || (filterMask & maskOf([g])) !== 0) : [cell.targetGroup]) : [null];
      for (const group of groups) {
        const key = dims.map((d) => dimensionValue(d, cell, unit, group));
        add(key, cell, sign, byGroup ? (isEventRow ? 'events' : 'group') : 'all');
      }
    }
  }

  const out: ReportRow[] = [...rows.values()]
    .filter(({ sum }) => !isZero(sum))
    .sort((a, b) => compareKeys(a.key, b.key, dims, options.unitOrder))
    .map(({ key, sum }) => {
      const row: ReportRow = { figures: byGroup ? groupFigures(sum) : figures(sum) };
      dims.forEach((d, i) => assignDimension(row, d, key[i]));
      return row;
    });
  return { totals: figures(totals), rows: out };
}

function dimensionValue(d: ReachDimension, cell: Cell, unit: string, group: string | null): string | null {
  switch (d) {
    case ReachDimension.ORG_UNIT:
      return unit;
    case ReachDimension.VENUE_TYPE:
      return cell.venueType;
    case ReachDimension.TARGET_GROUP:
      return group;
    case ReachDimension.CAMPAIGN:
      return cell.campaignId === '' ? null : cell.campaignId;
    case ReachDimension.DAY:
      return cell.period;
    case ReachDimension.WEEK:
      return isoWeekOf(cell.period);
    case ReachDimension.MONTH:
      return cell.period.slice(0, 7);
  }
}

function assignDimension(row: ReportRow, d: ReachDimension, value: string | null): void {
  switch (d) {
    case ReachDimension.ORG_UNIT:
      row.orgUnitId = value!;
      return;
    case ReachDimension.VENUE_TYPE:
      row.venueType = value!;
      return;
    case ReachDimension.TARGET_GROUP:
      row.targetGroup = value!;
      return;
    case ReachDimension.CAMPAIGN:
      row.campaignId = value;
      return;
    case ReachDimension.DAY:
    case ReachDimension.WEEK:
    case ReachDimension.MONTH:
      row.period = value!;
      return;
  }
}

function compareKeys(a: (string | null)[], b: (string | null)[], dims: ReachDimension[], unitOrder: string[]): number {
  for (let i = 0; i < dims.length; i++) {
    const c = compareValue(dims[i], a[i], b[i], unitOrder);
    if (c !== 0) return c;
  }
  return 0;
}

function compareValue(d: ReachDimension, a: string | null, b: string | null, unitOrder: string[]): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const rank = (order: readonly string[], v: string) => (order.indexOf(v) === -1 ? order.length : order.indexOf(v));
  switch (d) {
    case ReachDimension.ORG_UNIT:
      return rank(unitOrder, a) - rank(unitOrder, b) || a.localeCompare(b);
    case ReachDimension.TARGET_GROUP:
      return rank(TARGET_GROUPS, a) - rank(TARGET_GROUPS, b);
    case ReachDimension.VENUE_TYPE:
      return rank(VENUE_ORDER, a) - rank(VENUE_ORDER, b);
    case ReachDimension.CAMPAIGN:
    case ReachDimension.DAY:
    case ReachDimension.WEEK:
    case ReachDimension.MONTH:
      // Campaign ids and ISO periods sort as text.
      return a < b ? -1 : 1;
  }
}

function figures(sum: ReachSums): Figures {
  return {
    events: sum.events,
    attendees: sum.attendees,
    onlineViews: sum.onlineViews,
    peopleReached: sum.attendees + sum.onlineViews,
    leafletsDistributed: sum.leaflets,
    staffParticipations: sum.staff,
    ...feedbackFigures(sum),
  };
}

function groupFigures(sum: ReachSums): Figures {
  return { events: sum.events, attendees: sum.attendees, onlineViews: null, peopleReached: null, leafletsDistributed: null, staffParticipations: null, ...feedbackFigures(sum) };
}
