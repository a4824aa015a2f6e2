import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `venue_type` / `campaign_id` of a rollup row that adds up every venue type / every campaign. */
export const ALL = '*';
/** `campaign_id` of events that belong to no campaign. */
export const NO_CAMPAIGN = '';
/** `target_group` of a row that carries event-level figures (events, online views, leaflets, staff). */
export const EVENT_ROW = '';

export type PeriodKind = 'D' | 'M' | 'Y';

/**
 * Pre-aggregated reach, maintained only by ReachFolder (never by a check-in).
 * Each held event contributes to one row per ancestor unit (its own unit up to
 * head office, through org_unit_closure) × period grain (day, month and year of
 * its local start date) × detail (venue type and campaign kept, or both '*'), so
 * a whole-bank query for a year reads a few dozen rows whatever the number of
 * check-ins. The key puts detail before period, so the rows of one unit, grain
 * and detail lie together in period order and a range of periods is one
 * contiguous read (a drill-down over 50 units reads 50 short ranges). Two kinds
 * of rows share the key:
 * - event rows (`target_group` = ''): events, online views, leaflets and staff
 *   of the held events whose listed target groups are `group_mask` (bit i =
 *   TARGET_GROUPS[i]); the mask lets TARGET_GROUP rows count "events that list
 *   the group" and a targetGroups filter count "events that list any of them";
 * - attendee rows (`target_group` = a group, mask 0): accepted check-in counts of that group.
 * Feedback sums (see feedback-outcomes) sit on the event row when people
 * stated no group, else on their stated group's row.
 */
@Entity('reach_rollup')
export class ReachRollupEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId: string;

  /** 'D': `period` is a local day YYYY-MM-DD; 'M': a month YYYY-MM; 'Y': a year YYYY. */
  @PrimaryColumn({ name: 'period_kind', type: 'varchar', length: 1 })
  periodKind: PeriodKind;

  @PrimaryColumn({ name: 'venue_type', type: 'varchar', length: 24 })
  venueType: string;

  @PrimaryColumn({ name: 'campaign_id', type: 'varchar', length: 36 })
  campaignId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  period: string;

  @PrimaryColumn({ name: 'target_group', type: 'varchar', length: 24 })
  targetGroup: string;

  @PrimaryColumn({ name: 'group_mask', type: 'int' })
  groupMask: number;

  @Column({ type: 'int', default: 0 })
  events: number;

  @Column({ type: 'int', default: 0 })
  attendees: number;

  @Column({ name: 'online_views', type: 'int', default: 0 })
  onlineViews: number;

  @Column({ type: 'int', default: 0 })
  leaflets: number;

  @Column({ type: 'int', default: 0 })
  staff: number;

  /** AFTER feedback submissions. */
  @Column({ type: 'int', default: 0 })
  feedback: number;

  @Column({ name: 'rating_sum', type: 'int', default: 0 })
  ratingSum: number;

  @Column({ name: 'feedback_correct', type: 'int', default: 0 })
  correct: number;

  @Column({ name: 'feedback_answered', type: 'int', default: 0 })
  answered: number;

  @Column({ name: 'paired_before_answered', type: 'int', default: 0 })
  pairedBeforeAnswered: number;

  @Column({ name: 'paired_before_correct', type: 'int', default: 0 })
  pairedBeforeCorrect: number;

  @Column({ name: 'paired_after_answered', type: 'int', default: 0 })
  pairedAfterAnswered: number;

  @Column({ name: 'paired_after_correct', type: 'int', default: 0 })
  pairedAfterCorrect: number;
}
