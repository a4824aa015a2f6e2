import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeedbackSums } from 'src/feedback/feedback-outcomes';

/**
 * What ReachFolder last folded for one event: the key its contribution sits
 * under in reach_rollup, its event-level figures, and the check-in counts folded
 * so far (only check-ins whose `reach_folded` flag is set). When the event changes, the
 * folder subtracts this state from the rollups and adds the new one, and a
 * query does the same on the fly for events not folded yet.
 */
@Entity('reach_event')
export class ReachEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  /** IN_PROGRESS or COMPLETED when folded: only then is the event in reach_rollup. */
  @Column({ type: 'boolean' })
  held: boolean;

  @Column({ name: 'org_unit_id', type: 'varchar', length: 36 })
  orgUnitId: string;

  /** '' when the event belongs to no campaign. */
  @Column({ name: 'campaign_id', type: 'varchar', length: 36 })
  campaignId: string;

  /** Local start day (APP_TIMEZONE), YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ name: 'venue_type', type: 'varchar', length: 24 })
  venueType: string;

  @Column({ name: 'group_mask', type: 'int' })
  groupMask: number;

  @Column({ name: 'online_views', type: 'int' })
  onlineViews: number;

  @Column({ type: 'int' })
  leaflets: number;

  @Column({ type: 'int' })
  staff: number;

  /** Folded check-in counts by target group, e.g. {"ELDERLY":12}. */
  @Column({ type: 'simple-json' })
  attendees: Record<string, number>;

  /** Folded feedback sums (FeedbackSums) by the group people stated, '' = not stated. */
  @Column({ type: 'simple-json' })
  feedback: Record<string, FeedbackSums>;
}

/**
 * Events whose reach figures changed since they were last folded. Rows are
 * written by database triggers (see the ReachRollups migration) on event
 * insert/update, event_assignment insert/update/delete, DISTRIBUTE stock
 * movements and feedback_submission insert/delete (FeedbackReach migration),
 * in the same transaction as the change, so no domain has to know about reach
 * and no change can be missed. Check-ins do not come through here:
 * they carry their own `reach_folded` flag.
 */
@Entity('reach_dirty_event')
export class ReachDirtyEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;
}
