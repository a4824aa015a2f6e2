import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReachMetric } from 'src/campaigns/reach-metric.enum';
import { TargetGroup } from 'src/campaigns/target-group.enum';

@InputType()
export class CampaignTargetInput {
  @Field(() => ReachMetric)
  @IsEnum(ReachMetric)
  metric: ReachMetric;

  /** Only for EVENTS and ATTENDEES, the metrics reach can split by target group. */
  @Field(() => TargetGroup, { nullable: true })
  @IsOptional()
  @IsEnum(TargetGroup)
  targetGroup?: TargetGroup | null;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'goal must be at least 1' })
  @Max(1_000_000_000, { message: 'goal must be at most 1000000000' })
  goal: number;
}
