import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { ValidateIfSent } from 'src/common/validate-if-sent';
import { VenueType } from 'src/events/event.enums';
import { DATE_TIME_HINT, MAX_TOPICS } from './create-event.input';

/**
 * Fields left out stay as they are. `campaignId`, `address` and `capacity` can be
 * cleared with null; the others cannot. The org unit of an event never changes.
 */
@InputType()
export class UpdateEventInput {
  @Field({ nullable: true })
  @ValidateIfSent()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 36)
  campaignId?: string | null;

  @Field(() => VenueType, { nullable: true })
  @ValidateIfSent()
  @IsEnum(VenueType)
  venueType?: VenueType;

  @Field({ nullable: true })
  @ValidateIfSent()
  @IsString()
  @Length(1, 200, { message: 'venueName must be 1 to 200 characters' })
  venueName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'address must be at most 300 characters' })
  address?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @ValidateIfSent()
  @IsDate({ message: `startsAt must be ${DATE_TIME_HINT}` })
  startsAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @ValidateIfSent()
  @IsDate({ message: `endsAt must be ${DATE_TIME_HINT}` })
  endsAt?: Date;

  @Field(() => [TargetGroup], { nullable: true })
  @ValidateIfSent()
  @IsArray()
  @ArrayNotEmpty({ message: 'targetGroups must name at least one target group' })
  @ArrayUnique({ message: 'targetGroups must not repeat a group' })
  @IsEnum(TargetGroup, { each: true })
  targetGroups?: TargetGroup[];

  @Field(() => [String], { nullable: true })
  @ValidateIfSent()
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS, { message: `topics can hold at most ${MAX_TOPICS} entries` })
  @IsString({ each: true })
  @Length(1, 50, { each: true, message: 'each topic must be 1 to 50 characters' })
  topics?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(1_000_000, { message: 'capacity must be at most 1000000' })
  capacity?: number | null;
}
