import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsString, MaxLength } from 'class-validator';

export const MIN_QUIZ_QUESTIONS = 3;
export const MAX_QUIZ_QUESTIONS = 5;

@ArgsType()
export class SetEventQuizArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(36)
  eventId: string;

  /** 3 to 5 distinct active questions, in the order attendees see them. */
  @Field(() => [ID])
  @ArrayMinSize(MIN_QUIZ_QUESTIONS, { message: `questionIds must hold ${MIN_QUIZ_QUESTIONS} to ${MAX_QUIZ_QUESTIONS} questions` })
  @ArrayMaxSize(MAX_QUIZ_QUESTIONS, { message: `questionIds must hold ${MIN_QUIZ_QUESTIONS} to ${MAX_QUIZ_QUESTIONS} questions` })
  @ArrayUnique({ message: 'questionIds must not repeat a question' })
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  questionIds: string[];
}
