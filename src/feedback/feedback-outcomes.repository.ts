import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedbackSubmissionEntity } from './feedback-submission.entity';
import { FeedbackPhase } from './feedback.enums';
import { feedbackOfEvent, FeedbackSums, noFeedback } from './feedback-outcomes';

/**
 * The feedback sums of events, read from feedback_submission (see
 * feedback-outcomes.ts for what they mean). No rules here: who may see an
 * event's feedback is for the caller to decide.
 */
@Injectable()
export class FeedbackOutcomesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The sums of each of these events (all zero for an event without feedback), in one query. */
  async sumsOfEvents(eventIds: readonly string[]): Promise<Map<string, FeedbackSums>> {
    const sums = new Map(eventIds.map((id) => [id, noFeedback()]));
    if (eventIds.length === 0) return sums;
    const rows = await this.dataSource
      .getRepository(FeedbackSubmissionEntity)
      .createQueryBuilder('s')
      .select('s.event_id', 'eventId')
      .addSelect('s.phase', 'phase')
      .addSelect('COUNT(*)', 'submissions')
      .addSelect('SUM(s.rating)', 'ratingSum')
      .addSelect('SUM(s.correct_count)', 'correct')
      .addSelect('SUM(s.answered_count)', 'answered')
      .where('s.event_id IN (:...ids)', { ids: [...eventIds] })
      .groupBy('s.event_id')
      .addGroupBy('s.phase')
      .getRawMany<{ eventId: string; phase: FeedbackPhase; submissions: unknown; ratingSum: unknown; correct: unknown; answered: unknown }>();
    for (const id of eventIds) {
      const tallies = rows
        .filter((row) => row.eventId === id)
        .map((row) => ({ phase: row.phase, targetGroup: null, submissions: Number(row.submissions), ratingSum: Number(row.ratingSum ?? 0), correct: Number(row.correct ?? 0), answered: Number(row.answered ?? 0) }));
      // Tallies without a group: the whole event's sums come back under ''.
      sums.set(id, feedbackOfEvent(tallies)[''] ?? noFeedback());
    }
    return sums;
  }

  async sumsOfEvent(eventId: string): Promise<FeedbackSums> {
    return (await this.sumsOfEvents([eventId])).get(eventId) ?? noFeedback();
  }
}
