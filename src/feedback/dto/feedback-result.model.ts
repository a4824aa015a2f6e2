import { Field, Int, ObjectType } from '@nestjs/graphql';

/**
 * The answer to submitFeedback. A second submission from the same phone for the
 * same event and phase is `duplicate` (not `accepted`), counts nothing, and
 * reports the first submission's score, so a retry over a weak network shows
 * the same result.
 */
@ObjectType('FeedbackResult')
export class FeedbackResult {
  @Field()
  accepted: boolean;

  @Field()
  duplicate: boolean;

  /** Correct answers among those given. */
  @Field(() => Int)
  correct: number;

  /** Questions answered. */
  @Field(() => Int)
  answered: number;
}
