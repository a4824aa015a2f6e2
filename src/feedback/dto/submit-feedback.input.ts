import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { TargetGroup } from 'src/campaigns/target-group.enum';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_QUIZ_QUESTIONS } from './set-event-quiz.args';

export const MAX_COMMENT = 500;

@InputType()
export class FeedbackAnswerInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(36)
  questionId: string;

  /** 0-based index of the option chosen. */
  @Field(() => Int)
  @IsInt({ message: 'choice must be a whole number' })
  @Min(0, { message: 'choice must be the index of one of the options' })
  choice: number;
}

@InputType()
export class SubmitFeedbackInput {
  /** A random id the phone keeps in local storage (a UUID); only a keyed hash of it is stored. */
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,64}$/, { message: 'deviceToken must be 16 to 64 letters, digits, dashes or underscores' })
  deviceToken: string;

  /** 1 to 5; required AFTER, optional BEFORE. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(1, { message: 'rating must be from 1 to 5' })
  @Max(5, { message: 'rating must be from 1 to 5' })
  rating?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, MAX_COMMENT, { message: `comment must be at most ${MAX_COMMENT} characters` })
  comment?: string | null;

  /** "Which group describes you": a category the person picks, not personal data; feeds reach's TARGET_GROUP rows. */
  @Field(() => TargetGroup, { nullable: true, description: 'Which group describes you (optional): a category, not personal data.' })
  @IsOptional()
  @IsEnum(TargetGroup, { message: 'targetGroup must be one of the target groups' })
  targetGroup?: TargetGroup | null;

  @Field(() => [FeedbackAnswerInput], { defaultValue: [] })
  @ArrayMaxSize(MAX_QUIZ_QUESTIONS, { message: `answers must hold at most ${MAX_QUIZ_QUESTIONS} items` })
  @ValidateNested({ each: true })
  @Type(() => FeedbackAnswerInput)
  answers: FeedbackAnswerInput[] = [];
}

@ArgsType()
export class FeedbackTokenArgs {
  @Field()
  @IsString()
  @Length(1, 200)
  token: string;
}
