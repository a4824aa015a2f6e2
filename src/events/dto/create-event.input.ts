import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { VenueType } from 'src/events/event.enums';

export const MAX_TOPICS = 10;
export const DATE_TIME_HINT = 'an ISO 8601 date-time such as 2025-03-15T09:00:00+08:00';

@InputType()
export class CreateEventInput {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title: string;

  /** A campaign whose org unit covers `orgUnitId` and whose dates contain the event. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  campaignId?: string | null;

  @Field(() => ID)
  @IsString()
  @Length(1, 36)
  orgUnitId: string;

  @Field(() => VenueType)
  @IsEnum(VenueType)
  venueType: VenueType;

  @Field()
  @IsString()
  @Length(1, 200, { message: 'venueName must be 1 to 200 characters' })
  venueName: string;

  /** Required unless the event is ONLINE. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'address must be at most 300 characters' })
  address?: string | null;

  @Field(() => GraphQLISODateTime)
  @IsDate({ message: `startsAt must be ${DATE_TIME_HINT}` })
  startsAt: Date;

  @Field(() => GraphQLISODateTime)
  @IsDate({ message: `endsAt must be ${DATE_TIME_HINT}` })
  endsAt: Date;

  @Field(() => [TargetGroup])
  @IsArray()
  @ArrayNotEmpty({ message: 'targetGroups must name at least one target group' })
  @ArrayUnique({ message: 'targetGroups must not repeat a group' })
  @IsEnum(TargetGroup, { each: true })
  targetGroups: TargetGroup[];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS, { message: `topics can hold at most ${MAX_TOPICS} entries` })
  @IsString({ each: true })
  @Length(1, 50, { each: true, message: 'each topic must be 1 to 50 characters' })
  topics: string[] = [];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(1_000_000, { message: 'capacity must be at most 1000000' })
  capacity?: number | null;
}
