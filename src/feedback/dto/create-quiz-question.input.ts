import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const MAX_TOPIC_LENGTH = 40;
export const MAX_QUESTION_LENGTH = 300;
export const MAX_OPTION_LENGTH = 100;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 5;

export const OPTIONS_COUNT = `must hold ${MIN_OPTIONS} to ${MAX_OPTIONS} answers`;
export const OPTION_LENGTH = `each answer must be 1 to ${MAX_OPTION_LENGTH} characters`;

/**
 * A new question for the bank. Blank text, repeated answers, a correct answer
 * outside the options and an English version that does not match are refused
 * by QuizService, which sees the trimmed values.
 */
@InputType()
export class CreateQuizQuestionInput {
  /** What it tests, e.g. 防范电信网络诈骗; free text, one of QUIZ_TOPICS where it fits. */
  @Field()
  @IsString()
  @Length(1, MAX_TOPIC_LENGTH, { message: `topic must be 1 to ${MAX_TOPIC_LENGTH} characters` })
  topic: string;

  /** The question in zh-CN. */
  @Field()
  @IsString()
  @Length(1, MAX_QUESTION_LENGTH, { message: `text must be 1 to ${MAX_QUESTION_LENGTH} characters` })
  text: string;

  /** 2 to 5 distinct answers in zh-CN, in the order shown. */
  @Field(() => [String])
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS, { message: `options ${OPTIONS_COUNT}` })
  @ArrayMaxSize(MAX_OPTIONS, { message: `options ${OPTIONS_COUNT}` })
  @IsString({ each: true })
  @Length(1, MAX_OPTION_LENGTH, { each: true, message: `options: ${OPTION_LENGTH}` })
  options: string[];

  /** 0-based index of the right answer in `options`. */
  @Field(() => Int)
  @IsInt({ message: 'correctOption must be a whole number' })
  @Min(0, { message: 'correctOption must be an index into options, from 0' })
  @Max(MAX_OPTIONS - 1, { message: `correctOption must be an index into options, at most ${MAX_OPTIONS - 1}` })
  correctOption: number;

  /** The question in English; give it together with `optionsEn`, or neither. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, MAX_QUESTION_LENGTH, { message: `textEn must be 1 to ${MAX_QUESTION_LENGTH} characters` })
  textEn?: string | null;

  /** The answers in English, as many as `options` and in the same order. */
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS, { message: `optionsEn ${OPTIONS_COUNT}` })
  @ArrayMaxSize(MAX_OPTIONS, { message: `optionsEn ${OPTIONS_COUNT}` })
  @IsString({ each: true })
  @Length(1, MAX_OPTION_LENGTH, { each: true, message: `optionsEn: ${OPTION_LENGTH}` })
  optionsEn?: string[] | null;
}
