import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReachMetric } from 'src/campaigns/reach-metric.enum';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { VenueType } from 'src/events/event.enums';

export enum ReachDimension {
  ORG_UNIT = 'ORG_UNIT',
  VENUE_TYPE = 'VENUE_TYPE',
  TARGET_GROUP = 'TARGET_GROUP',
  CAMPAIGN = 'CAMPAIGN',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(ReachDimension, { name: 'ReachDimension' });

@ObjectType()
export class ReachFigures {
  @Field(() => Int)
  events: number;

  @Field(() => Int)
  attendees: number;

  @Field(() => Int, { nullable: true })
  onlineViews: number | null;

  @Field(() => Int, { nullable: true })
  peopleReached: number | null;

  @Field(() => Int, { nullable: true })
  leafletsDistributed: number | null;

  @Field(() => Int, { nullable: true })
  staffParticipations: number | null;

  @Field(() => Int, { description: 'Feedback forms handed in at the end of held events (AFTER phase, one per phone per event).' })
  feedbackCount: number;

  @Field(() => Float, { nullable: true, description: 'Mean satisfaction rating (1 to 5, two decimals) of those forms; null without any.' })
  averageRating: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of quiz answers right at the end (AFTER phase), 0 to 1 with three decimals (0.833 = 83.3 %); null without quiz answers.',
  })
  correctRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Over events with quiz answers both before and after: the AFTER correct rate minus the BEFORE one, -1 to 1 with three decimals (0.25 = 25 percentage points); null without such events.',
  })
  learningGain: number | null;
}

/** One row of a reach report; `orgUnit` and `campaign` are resolved from the ids in ReachRowResolver. */
@ObjectType()
export class ReachRow {
  orgUnitId?: string;

  /** Set (possibly to null, "no campaign") only when grouped by CAMPAIGN. */
  campaignId?: string | null;

  @Field(() => VenueType, { nullable: true })
  venueType?: VenueType;

  @Field(() => TargetGroup, { nullable: true })
  targetGroup?: TargetGroup;

  /** `2025-03-15`, `2025-W11` or `2025-03`. */
  @Field(() => String, { nullable: true })
  period?: string;

  @Field(() => ReachFigures)
  figures: ReachFigures;
}

@ObjectType()
export class ReachReport {
  @Field(() => ReachFigures)
  totals: ReachFigures;

  @Field(() => [ReachRow])
  rows: ReachRow[];

  /** Every check-in acknowledged before this instant is in the report. */
  @Field(() => GraphQLISODateTime)
  asOf: Date;
}

@ObjectType()
export class CampaignProgress {
  @Field(() => ReachMetric)
  metric: ReachMetric;

  @Field(() => TargetGroup, { nullable: true })
  targetGroup: TargetGroup | null;

  @Field(() => Int)
  goal: number;

  @Field(() => Int)
  actual: number;

  @Field(() => Float)
  ratio: number;

  @Field()
  onTrack: boolean;
}
