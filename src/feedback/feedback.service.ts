import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock';
import { BadInputError, NotFoundError } from 'src/common/errors';
import { RequestContext } from 'src/common/request-context';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { isUniqueViolation } from 'src/database/db-errors';
import { lockingTransaction } from 'src/database/locking';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventRepository } from 'src/events/event.repository';
import { FeedbackForm } from './dto/feedback-form.model';
import { FeedbackResult } from './dto/feedback-result.model';
import { SubmitFeedbackInput } from './dto/submit-feedback.input';
import { FeedbackAnswerEntity } from './feedback-answer.entity';
import { FeedbackKeys } from './feedback-keys';
import { feedbackLinkExpiry } from './feedback-link.service';
import { FeedbackLinkClaims, FeedbackLinkSigner } from './feedback-link.signer';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';
import { FeedbackPhase } from './feedback.enums';
import { FeedbackConflictError } from './feedback.errors';
import { FeedbackRepository, QuizItem } from './feedback.repository';

/**
 * At most this many submissions (both phases together) per client address per
 * event: a school hall or a village square shares one NAT address, so the
 * limit is generous; it stops one machine from flooding an event's figures.
 */
export const MAX_SUBMISSIONS_PER_ADDRESS = 200;

/** Feedback is taken while the event runs and after it is completed, until the link expires. */
const OPEN_FOR_FEEDBACK: ReadonlySet<EventStatus> = new Set([EventStatus.IN_PROGRESS, EventStatus.COMPLETED]);

/** The public side of feedback: the form behind a link and the submissions. No login; the signed link is the permission. */
@Injectable()
export class FeedbackService {
  private readonly keys: FeedbackKeys;
  private readonly timeZone: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repository: FeedbackRepository,
    private readonly events: EventRepository,
    private readonly signer: FeedbackLinkSigner,
    private readonly clock: Clock,
  ) {
    this.keys = new FeedbackKeys(config.appSecret);
    this.timeZone = config.appTimezone;
  }

  /** The form behind an open link: the event, its quiz without the answers, and whether a rating is asked. */
  async form(token: string): Promise<FeedbackForm> {
    const { claims, event, expiresAt } = await this.openLink(token);
    const quiz = await this.repository.quizzesOf([event.id]);
    return {
      eventId: event.id,
      eventTitle: event.title,
      venueName: event.venueName,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: this.timeZone,
      phase: claims.phase,
      questions: quiz.map(({ position, question }) => ({
        id: question.id,
        position,
        topic: question.topic,
        text: question.text,
        options: question.options,
        textEn: question.textEn,
        optionsEn: question.optionsEn,
      })),
      ratingAsked: claims.phase === FeedbackPhase.AFTER,
      expiresAt,
    };
  }

  /**
   * Takes one phone's answers for the link's event and phase, once: the same
   * device token again is `duplicate` and counts nothing. Refused with CONFLICT
   * FEEDBACK_CLOSED once the link expired or while the event is not in progress
   * or completed; BAD_USER_INPUT for a rating outside 1–5 (required AFTER), an
   * answer to a question not in the event's quiz or a choice outside its
   * options; CONFLICT LIMIT_REACHED past 200 submissions from one address.
   */
  async submit(ctx: RequestContext, token: string, input: SubmitFeedbackInput): Promise<FeedbackResult> {
    const { claims } = await this.openLink(token);
    const rating = input.rating ?? null;
    if (claims.phase === FeedbackPhase.AFTER && rating === null) throw new BadInputError('Please give a rating from 1 to 5.', ['input.rating']);
    if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) throw new BadInputError('rating must be from 1 to 5.', ['input.rating']);
    const comment = input.comment?.trim() || null;
    const deviceKey = this.keys.device(claims.eventId, input.deviceToken);
    const addressKey = this.keys.address(claims.eventId, ctx.clientIp);

    try {
      return await lockingTransaction(this.dataSource, async (manager) => {
        // One submission at a time per event: the limit and the quiz read below stay exact under concurrent phones.
        const event = await this.events.lockById(manager, claims.eventId);
        if (!event) throw new NotFoundError('Feedback link');
        this.assertOpen(event, claims);
        const existing = await this.repository.findSubmission(manager, event.id, claims.phase, deviceKey);
        if (existing) return duplicateOf(existing);
        const answers = scoreAnswers(input, await this.repository.quizzesOf([event.id], manager, { forScoring: true }));
        if ((await this.repository.countFromAddress(manager, event.id, addressKey)) >= MAX_SUBMISSIONS_PER_ADDRESS) {
          throw new FeedbackConflictError('LIMIT_REACHED', `This network has already sent ${MAX_SUBMISSIONS_PER_ADDRESS} answers for this event.`);
        }
        const submission = Object.assign(new FeedbackSubmissionEntity(), {
          id: randomUUID(),
          eventId: event.id,
          phase: claims.phase,
          deviceKey,
          addressKey,
          rating,
          comment,
          targetGroup: input.targetGroup ?? null,
          correctCount: answers.filter((a) => a.correct).length,
          answeredCount: answers.length,
          submittedAt: this.clock.now(),
        });
        await this.repository.insertSubmission(
          manager,
          submission,
          answers.map((a) => Object.assign(new FeedbackAnswerEntity(), { ...a, submissionId: submission.id })),
        );
        return { accepted: true, duplicate: false, correct: submission.correctCount, answered: submission.answeredCount };
      });
    } catch (error) {
      // The unique key decided against this one (a twin request committed first): the first stands.
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.repository.findSubmission(this.dataSource.manager, claims.eventId, claims.phase, deviceKey);
      if (!existing) throw error;
      return duplicateOf(existing);
    }
  }

  /** The claims, event and effective expiry of a link that is valid and open now. */
  private async openLink(token: string): Promise<{ claims: FeedbackLinkClaims; event: EventEntity; expiresAt: Date }> {
    const claims = this.signer.verify(token.trim());
    if (!claims) throw new NotFoundError('Feedback link');
    const event = await this.events.findById(claims.eventId);
    if (!event) throw new NotFoundError('Feedback link');
    return { claims, event, expiresAt: this.assertOpen(event, claims) };
  }

  /** The link's effective expiry, or CONFLICT FEEDBACK_CLOSED. */
  private assertOpen(event: EventEntity, claims: FeedbackLinkClaims): Date {
    // The event may have been moved earlier since the link was made: the sooner expiry wins.
    const expiresAt = new Date(Math.min(claims.expiresAt.getTime(), feedbackLinkExpiry(event, claims.phase).getTime()));
    if (this.clock.now().getTime() >= expiresAt.getTime()) {
      throw new FeedbackConflictError('FEEDBACK_CLOSED', `This feedback link closed at ${expiresAt.toISOString()}.`);
    }
    if (!OPEN_FOR_FEEDBACK.has(event.status)) {
      const why = event.status === EventStatus.CANCELLED ? 'was cancelled' : 'has not started yet';
      throw new FeedbackConflictError('FEEDBACK_CLOSED', `This event ${why}; it takes no feedback now.`);
    }
    return expiresAt;
  }
}

function duplicateOf(existing: FeedbackSubmissionEntity): FeedbackResult {
  return { accepted: false, duplicate: true, correct: existing.correctCount, answered: existing.answeredCount };
}

/** Each answer checked against the event's quiz and scored; BAD_USER_INPUT naming the first bad one. */
function scoreAnswers(input: SubmitFeedbackInput, quiz: QuizItem[]): Omit<FeedbackAnswerEntity, 'submissionId'>[] {
  const questions = new Map(quiz.map((item) => [item.question.id, item.question]));
  const seen = new Set<string>();
  return (input.answers ?? []).map((answer, i) => {
    const question = questions.get(answer.questionId);
    if (!question) throw new BadInputError(`Question ${answer.questionId} is not in this event's quiz.`, [`input.answers.${i}.questionId`]);
    if (seen.has(question.id)) throw new BadInputError(`Question ${answer.questionId} is answered twice.`, [`input.answers.${i}.questionId`]);
    seen.add(question.id);
    if (!Number.isInteger(answer.choice) || answer.choice < 0 || answer.choice >= question.options.length) {
      throw new BadInputError(`choice must be from 0 to ${question.options.length - 1} for this question.`, [`input.answers.${i}.choice`]);
    }
    return { questionId: question.id, choice: answer.choice, correct: answer.choice === question.correctOption };
  });
}
