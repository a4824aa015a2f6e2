import { registerEnumType } from '@nestjs/graphql';

/** The figures a campaign sets goals for; reach computes the actual values. */
export enum ReachMetric {
  EVENTS = 'EVENTS',
  ATTENDEES = 'ATTENDEES',
  ONLINE_VIEWS = 'ONLINE_VIEWS',
  PEOPLE_REACHED = 'PEOPLE_REACHED',
  LEAFLETS_DISTRIBUTED = 'LEAFLETS_DISTRIBUTED',
}

registerEnumType(ReachMetric, { name: 'ReachMetric' });

/**
 * Metrics that can be split by target group. Reach splits `attendees` by the
 * check-in's group and counts `events` that list a group; the other figures have
 * no target group, so a per-group goal for them could never be measured.
 */
export const METRICS_BY_TARGET_GROUP: ReadonlySet<ReachMetric> = new Set([ReachMetric.EVENTS, ReachMetric.ATTENDEES]);
