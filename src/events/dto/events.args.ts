import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { PageArgs } from 'src/common/pagination';
import { EventStatus, VenueType } from 'src/events/event.enums';
import { DATE_TIME_HINT } from './create-event.input';

@InputType()
export class EventsFilter {
  /** Events of this unit's subtree; default: the caller's part of the bank. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  orgUnitId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  campaignId?: string;

  /** Any of these statuses; empty or absent: every status. */
  @Field(() => [EventStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(EventStatus, { each: true })
  status?: EventStatus[];

  /** Any of these venue types; empty or absent: every type. */
  @Field(() => [VenueType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(VenueType, { each: true })
  venueTypes?: VenueType[];

  /** Events that list this target group. */
  @Field(() => TargetGroup, { nullable: true })
  @IsOptional()
  @IsEnum(TargetGroup)
  targetGroup?: TargetGroup;

  /** Events still running at or after this instant (ending after it). */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `from must be ${DATE_TIME_HINT}` })
  from?: Date;

  /** Events starting before this instant. */
  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: `to must be ${DATE_TIME_HINT}` })
  to?: Date;
}

@ArgsType()
export class EventsArgs extends PageArgs {
  @Field(() => EventsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventsFilter)
  filter?: EventsFilter;
}
