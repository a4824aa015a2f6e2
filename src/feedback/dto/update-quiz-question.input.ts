import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ValidateIfSent } from 'src/common/validate-if-sent';
import { MAX_OPTION_LENGTH, MAX_OPTIONS, MAX_QUESTION_LENGTH, MAX_TOPIC_LENGTH, MIN_OPTIONS, OPTION_LENGTH, OPTIONS_COUNT } from './create-quiz-question.input';

/**
 * Fields left out stay as they are; `textEn` and `optionsEn` are cleared with
 * null (both together). Once attendees have answered the question, `options`
 * and `correctOption` can no longer change (CONFLICT QUESTION_ANSWERED); the
 * wording (topic, text, the English version) still may.
 */
@InputType()
export class UpdateQuizQuestionInput {
  @Field({ nullable: true })
  @ValidateIfSent()
  @IsString({ message: 'topic cannot be cleared' })
  @Length(1, MAX_TOPIC_LENGTH, { message: `topic must be 1 to ${MAX_TOPIC_LENGTH} characters` })
  topic?: string;

  @Field({ nullable: true })
  @ValidateIfSent()
  @IsString({ message: 'text cannot be cleared' })
  @Length(1, MAX_QUESTION_LENGTH, { message: `text must be 1 to ${MAX_QUESTION_LENGTH} characters` })
  text?: string;

  /** Replaces every answer. */
  @Field(() => [String], { nullable: true })
  @ValidateIfSent()
  @IsArray({ message: 'options cannot be cleared' })
  @ArrayMinSize(MIN_OPTIONS, { message: `options ${OPTIONS_COUNT}` })
  @ArrayMaxSize(MAX_OPTIONS, { message: `options ${OPTIONS_COUNT}` })
  @IsString({ each: true })
  @Length(1, MAX_OPTION_LENGTH, { each: true, message: `options: ${OPTION_LENGTH}` })
  options?: string[];

  @Field(() => Int, { nullable: true })
  @ValidateIfSent()
  @IsInt({ message: 'correctOption must be a whole number' })
  @Min(0, { message: 'correctOption must be an index into options, from 0' })
  @Max(MAX_OPTIONS - 1, { message: `correctOption must be an index into options, at most ${MAX_OPTIONS - 1}` })
  correctOption?: number;

  /** null clears the English version (with `optionsEn`). */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, MAX_QUESTION_LENGTH, { message: `textEn must be 1 to ${MAX_QUESTION_LENGTH} characters` })
  textEn?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS, { message: `optionsEn ${OPTIONS_COUNT}` })
  @ArrayMaxSize(MAX_OPTIONS, { message: `optionsEn ${OPTIONS_COUNT}` })
  @IsString({ each: true })
  @Length(1, MAX_OPTION_LENGTH, { each: true, message: `optionsEn: ${OPTION_LENGTH}` })
  optionsEn?: string[] | null;
}
