import { DomainError } from 'src/common/errors';

/** The CONFLICT reasons of feedback, beside the shared ones of src/common/errors.ts. */
export type FeedbackConflictReason =
  /** The link expired, or the event is not in progress or completed: nothing is taken. */
  | 'FEEDBACK_CLOSED'
  /** A BEFORE link needs a quiz to answer: set the event's quiz first. */
  | 'NO_QUIZ'
  /** Someone already answered this event's quiz, so its questions can no longer change. */
  | 'QUIZ_ANSWERED'
  /** The per-address limit of submissions for one event was reached. */
  | 'LIMIT_REACHED'
  /** Someone has answered this question, so its options and correct answer can no longer change: deactivate it and create a new one. */
  | 'QUESTION_ANSWERED';

/**
 * CONFLICT with a feedback reason; mapped by the global formatter exactly like
 * ConflictError (`extensions.code` CONFLICT, `extensions.reason`).
 */
export class FeedbackConflictError extends DomainError {
  readonly code = 'CONFLICT';
  constructor(
    readonly reason: FeedbackConflictReason,
    message: string,
  ) {
    super(message);
  }
  override extensions() {
    return { reason: this.reason };
  }
}
