import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { isMysql } from 'src/database/engine';
import { EventQuizQuestionEntity } from './event-quiz-question.entity';
import { FeedbackAnswerEntity } from './feedback-answer.entity';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';
import { FeedbackPhase } from './feedback.enums';
import { QuizQuestionEntity } from './quiz-question.entity';

/** A question of an event's quiz, at its place. */
export interface QuizItem {
  eventId: string;
  position: number;
  question: QuizQuestionEntity;
}

/** Queries of the feedback tables; no rules here. */
@Injectable()
export class FeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The bank's active questions, of one topic or all, by topic then id. */
  activeQuestions(topic: string | null): Promise<QuizQuestionEntity[]> {
    return this.dataSource.getRepository(QuizQuestionEntity).find({
      where: topic === null ? { active: true } : { active: true, topic },
      order: { topic: 'ASC', id: 'ASC' },
    });
  }

  findQuestions(manager: EntityManager, ids: readonly string[]): Promise<QuizQuestionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(QuizQuestionEntity).findBy({ id: In([...ids]) });
  }

  /**
   * The quizzes of these events with their questions, each in position order. `forScoring` (inside a
   * READ COMMITTED transaction) first share-locks the questions on MySQL/MariaDB,
   * so their options cannot change between scoring an answer and storing it
   * (updateQuizQuestion locks the question for update); SQLite's writes are serial anyway.
   */
  async quizzesOf(eventIds: readonly string[], manager: EntityManager = this.dataSource.manager, options: { forScoring?: boolean } = {}): Promise<QuizItem[]> {
    if (eventIds.length === 0) return [];
    if (options.forScoring && isMysql(this.dataSource)) {
      // LOCK IN SHARE MODE, which MariaDB and MySQL both read (TypeORM would write MySQL 8's FOR SHARE).
      await manager.query(
        `SELECT q.id FROM event_quiz_question eq JOIN quiz_question q ON q.id = eq.question_id WHERE eq.event_id IN (${eventIds.map(() => '?').join(', ')}) LOCK IN SHARE MODE`,
        [...eventIds],
      );
    }
    const rows = await manager.getRepository(EventQuizQuestionEntity).find({
      where: { eventId: In([...eventIds]) },
      relations: { question: true },
      order: { eventId: 'ASC', position: 'ASC' },
    });
    return rows.map((row) => ({ eventId: row.eventId, position: row.position, question: row.question as QuizQuestionEntity }));
  }

  /** Replaces an event's quiz with these questions, at positions 1.. in the order given. */
  async replaceQuiz(manager: EntityManager, eventId: string, questionIds: readonly string[]): Promise<void> {
    await manager.delete(EventQuizQuestionEntity, { eventId });
    await manager.insert(
      EventQuizQuestionEntity,
      questionIds.map((questionId, i) => ({ eventId, questionId, position: i + 1 })),
    );
  }

  async hasSubmissions(manager: EntityManager, eventId: string): Promise<boolean> {
    return (await manager.getRepository(FeedbackSubmissionEntity).countBy({ eventId })) > 0;
  }

  findSubmission(manager: EntityManager, eventId: string, phase: FeedbackPhase, deviceKey: string): Promise<FeedbackSubmissionEntity | null> {
    return manager.getRepository(FeedbackSubmissionEntity).findOneBy({ eventId, phase, deviceKey });
  }

  countFromAddress(manager: EntityManager, eventId: string, addressKey: string): Promise<number> {
    return manager.getRepository(FeedbackSubmissionEntity).countBy({ eventId, addressKey });
  }

  async insertSubmission(manager: EntityManager, submission: FeedbackSubmissionEntity, answers: FeedbackAnswerEntity[]): Promise<void> {
    await manager.insert(FeedbackSubmissionEntity, submission);
    if (answers.length > 0) await manager.insert(FeedbackAnswerEntity, answers);
  }
}
