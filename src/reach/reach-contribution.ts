import { TARGET_GROUPS, TargetGroup } from 'src/campaigns/target-group.enum';
import { EventStatus } from 'src/events/event.enums';
import { addFeedback, FEEDBACK_SUM_KEYS, FeedbackSums, noFeedback } from 'src/feedback/feedback-outcomes';
import { EVENT_ROW } from './reach-rollup.entity';

/**
 * Pure arithmetic of reach, shared by the folder (which writes it into
 * reach_rollup) and the query (which adds what is not folded yet on the fly),
 * so both count an event the same way.
 */

/** Statuses whose events count in reach. */
export const HELD_STATUSES: ReadonlySet<string> = new Set([EventStatus.IN_PROGRESS, EventStatus.COMPLETED]);

/** An event as reach sees it: where its figures go and what they are. */
export interface EventState {
  eventId: string;
  held: boolean;
  orgUnitId: string;
  /** '' when the event belongs to no campaign. */
  campaignId: string;
  /** Local start day (APP_TIMEZONE). */
  day: string;
  venueType: string;
  groupMask: number;
  onlineViews: number;
  leaflets: number;
  staff: number;
  /** Check-in counts by target group. */
  attendees: Record<string, number>;
  /** Feedback sums by the group the people stated ('' = not stated). */
  feedback: Record<string, FeedbackSums>;
}

/** The event-level part of an event, read live from the domain tables (attendees come separately). */
export type LiveEvent = Omit<EventState, 'attendees'>;

/** The columns a piece of reach is kept apart by, besides its unit and period. */
export interface ReachKey {
  venueType: string;
  campaignId: string;
  targetGroup: string;
  groupMask: number;
}

/** The figures summed in rollups, cells and contributions alike (feedback as additive sums, see feedback-outcomes). */
export interface ReachSums extends FeedbackSums {
  events: number;
  attendees: number;
  onlineViews: number;
  leaflets: number;
  staff: number;
}

export const REACH_SUM_KEYS: readonly (keyof ReachSums)[] = ['events', 'attendees', 'onlineViews', 'leaflets', 'staff', ...FEEDBACK_SUM_KEYS];

export function noReach(): ReachSums {
  return { events: 0, attendees: 0, onlineViews: 0, leaflets: 0, staff: 0, ...noFeedback() };
}

/** Adds `more` × sign into `into`. */
export function addReach(into: ReachSums, more: ReachSums, sign = 1): ReachSums {
  for (const key of REACH_SUM_KEYS) into[key] += sign * more[key];
  return into;
}

export function isZero(sums: ReachSums): boolean {
  return REACH_SUM_KEYS.every((key) => sums[key] === 0);
}

/** One signed piece of reach at an event's own unit and day; `targetGroup` '' = event-level figures. */
export interface Contribution extends ReachKey, ReachSums {
  unitId: string;
  day: string;
}

export function groupBit(group: TargetGroup | string): number {
  return 1 << TARGET_GROUPS.indexOf(group as TargetGroup);
}

export function maskOf(groups: Iterable<string>): number {
  let mask = 0;
  for (const g of groups) mask |= groupBit(g);
  return mask;
}

export function groupsOf(mask: number): TargetGroup[] {
  return TARGET_GROUPS.filter((g) => (mask & groupBit(g)) !== 0);
}

/**
 * What a (held) event adds to reach, times `sign`; nothing for an event that is
 * not held. The event row carries the event-level figures and the feedback of
 * people who stated no group; each group's row carries its check-ins and the
 * feedback of people who stated that group.
 */
export function contributionsOf(state: EventState, sign: 1 | -1): Contribution[] {
  if (!state.held) return [];
  const base = { unitId: state.orgUnitId, day: state.day, venueType: state.venueType, campaignId: state.campaignId };
  const out: Contribution[] = [
    {
      ...base,
      targetGroup: EVENT_ROW,
      groupMask: state.groupMask,
      ...addFeedback(noFeedback(), state.feedback[EVENT_ROW] ?? noFeedback(), sign),
      events: sign,
      attendees: 0,
      onlineViews: sign * state.onlineViews,
      leaflets: sign * state.leaflets,
      staff: sign * state.staff,
    },
  ];
  const groups = new Set([...Object.keys(state.attendees), ...Object.keys(state.feedback)].filter((g) => g !== EVENT_ROW));
  for (const group of groups) {
    const sums: ReachSums = { ...noReach(), attendees: sign * (state.attendees[group] ?? 0) };
    addFeedback(sums, state.feedback[group] ?? noFeedback(), sign);
    if (!isZero(sums)) out.push({ ...base, targetGroup: group, groupMask: 0, ...sums });
  }
  return out;
}

/** Sums check-in counts into a copy of `base`. */
export function addAttendees(base: Record<string, number>, more: Record<string, number> | undefined): Record<string, number> {
  const sum = { ...base };
  for (const [group, count] of Object.entries(more ?? {})) sum[group] = (sum[group] ?? 0) + count;
  return sum;
}

/** What is pending for reach: events changed since folded, and check-ins not folded yet. */
export interface Pending {
  /** Events whose event-level state must be read again (changed, or never folded). */
  live: Map<string, LiveEvent>;
  /** Folded state of every event touched. */
  folded: Map<string, EventState>;
  /** Not-yet-folded check-in counts by event and group. */
  unfolded: Map<string, Record<string, number>>;
}

/**
 * The new state of every touched event and the signed contributions that turn
 * the folded rollups into the exact figures: −(folded state) +(new state), where
 * the new state takes live event-level fields for changed events and adds the
 * unfolded check-ins to the folded counts.
 */
export function settle(p: Pending): { states: EventState[]; contributions: Contribution[] } {
  const ids = new Set<string>([...p.live.keys(), ...p.unfolded.keys()]);
  const states: EventState[] = [];
  const contributions: Contribution[] = [];
  for (const id of ids) {
    const old = p.folded.get(id);
    const live = p.live.get(id);
    const fields = live ?? old;
    if (!fields) continue; // an event deleted meanwhile: nothing of it is folded
    const next: EventState = { ...fields, eventId: id, attendees: addAttendees(old?.attendees ?? {}, p.unfolded.get(id)) };
    if (old) contributions.push(...contributionsOf(old, -1));
    contributions.push(...contributionsOf(next, 1));
    states.push(next);
  }
  return { states, contributions };
}
