import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AuditLog } from 'src/audit/audit-log';
import { BadInputError, ConflictError } from 'src/common/errors';
import { groupByKey, loader, RequestContext } from 'src/common/request-context';
import { lockingTransaction } from 'src/database/locking';
import { EventStatus } from 'src/events/event.enums';
import { EventEntity } from 'src/events/event.entity';
import { EventRepository } from 'src/events/event.repository';
import { EventService } from 'src/events/event.service';
import { AccessPolicy } from 'src/org/access-policy';
import { FeedbackConflictError } from './feedback.errors';
import { FeedbackRepository, QuizItem } from './feedback.repository';
import { QuizQuestionEntity } from './quiz-question.entity';

@Injectable()
export class QuizService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: FeedbackRepository,
    private readonly events: EventService,
    private readonly eventRepository: EventRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** The question bank's active questions (of one topic, or all), for anyone logged in. */
  async questions(ctx: RequestContext, topic: string | null): Promise<QuizQuestionEntity[]> {
    this.access.principal(ctx);
    return this.repository.activeQuestions(topic?.trim() || null);
  }

  /**
   * Sets the quiz of an event the caller manages to 3–5 distinct active
   * questions, in the order given. Not for a completed or cancelled event
   * (CONFLICT EVENT_CLOSED), nor once anyone has answered it (CONFLICT
   * QUIZ_ANSWERED), so every answer of an event is to the same questions.
   */
  async setEventQuiz(ctx: RequestContext, eventId: string, questionIds: string[]): Promise<EventEntity> {
    await this.events.requireManageable(ctx, eventId);
    return lockingTransaction(this.dataSource, async (manager) => {
      // The event's row lock orders this against submissions (FeedbackService.submit takes it too).
      const event = await this.eventRepository.lockById(manager, eventId);
      if (!event) throw this.events.unknownEvent(ctx, eventId);
      if (event.status === EventStatus.COMPLETED || event.status === EventStatus.CANCELLED) {
        throw new ConflictError('EVENT_CLOSED', `This event is ${event.status.toLowerCase()}; its quiz can no longer change.`);
      }
      if (await this.repository.hasSubmissions(manager, event.id)) {
        throw new FeedbackConflictError('QUIZ_ANSWERED', 'Attendees have already answered this event\'s quiz; its questions can no longer change.');
      }
      const found = new Map((await this.repository.findQuestions(manager, questionIds)).map((q) => [q.id, q]));
      questionIds.forEach((id, i) => {
        const question = found.get(id);
        if (!question) throw new BadInputError(`Unknown question ${id}.`, [`questionIds.${i}`]);
        if (!question.active) throw new BadInputError(`Question ${id} is retired; choose an active one.`, [`questionIds.${i}`]);
      });
      const before = (await this.repository.quizzesOf([event.id], manager)).map((item) => item.question.id);
      await this.repository.replaceQuiz(manager, event.id, questionIds);
      await this.audit.record(manager, ctx, {
        action: 'event.set_quiz',
        entityType: 'event',
        entityId: event.id,
        orgUnitId: event.orgUnitId,
        changes: { quiz: [before.length ? before : null, questionIds] },
      });
      return event;
    });
  }

  /** Batched quiz of an event the caller already sees, in position order. */
  async loadQuiz(ctx: RequestContext, eventId: string): Promise<QuizItem[]> {
    return loader(ctx, 'feedback.quizByEvent', () => new DataLoader<string, QuizItem[]>(async (ids) => groupByKey(ids, await this.repository.quizzesOf(ids), (item) => item.eventId))).load(eventId);
  }
}
