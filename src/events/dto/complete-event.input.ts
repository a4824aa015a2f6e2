import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

@InputType()
export class CompleteEventInput {
  /** Viewers of the live stream; required for an ONLINE event, refused for others. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'onlineViews must not be negative' })
  @Max(1_000_000_000, { message: 'onlineViews must be at most 1000000000' })
  onlineViews?: number | null;

  /** Press and social-media reports about the event. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'mediaReports must not be negative' })
  @Max(100_000, { message: 'mediaReports must be at most 100000' })
  mediaReports?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'notes must be at most 5000 characters' })
  notes?: string | null;
}
