import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { LocalDateScalar } from 'src/common/scalars/local-date.scalar';
import { VenueType } from 'src/events/event.enums';
import { ReachDimension } from './reach.model';

/** Which reach to count. Dates are local days (APP_TIMEZONE) on which the counted events start. */
@InputType()
export class ReachFilterInput {
  /** Default: the caller's unit (head office for ADMIN and analysts). The subtree is always included. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  orgUnitId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  campaignId?: string;

  /** Default: the campaign's first day with a campaignId, else 1 January of `to`'s year (or this year). */
  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  from?: string;

  /** Default: the campaign's last day with a campaignId, else 31 December of `from`'s year (or this year). */
  @Field(() => LocalDateScalar, { nullable: true })
  @IsOptional()
  to?: string;

  @Field(() => [VenueType], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(VenueType, { each: true })
  venueTypes?: VenueType[];

  /** Counts attendees of these check-in groups, and events (with their other figures) that list at least one of them. */
  @Field(() => [TargetGroup], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(TargetGroup, { each: true })
  targetGroups?: TargetGroup[];
}

@ArgsType()
export class ReachArgs {
  @Field(() => ReachFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReachFilterInput)
  filter?: ReachFilterInput;

  /** At most three; checked in ReachService so the error names the field. */
  @Field(() => [ReachDimension], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(100)
  groupBy: ReachDimension[];
}
