import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addFeedback, feedbackOfEvent, FeedbackSums, FeedbackTally, noFeedback } from './feedback-outcomes';
import { FeedbackPhase } from './feedback.enums';

/** Anything that runs SQL: the data source, an entity manager, a query runner inside a snapshot. */
interface Queryable {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

/**
 * The feedback of these events summed by event, phase and stated group, in one
 * query on the connection given (reach reads it inside its snapshot). The one
 * place feedback_submission is read for figures.
 */
export async function feedbackTallies(db: Queryable, eventIds: readonly string[]): Promise<Map<string, FeedbackTally[]>> {
  const out = new Map<string, FeedbackTally[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return out;
  const rows = (await db.query(
    `SELECT event_id, phase, target_group, COUNT(*) AS n, SUM(rating) AS rating_sum, SUM(correct_count) AS correct, SUM(answered_count) AS answered
       FROM feedback_submission WHERE event_id IN (${eventIds.map(() => '?').join(', ')}) GROUP BY event_id, phase, target_group`,
    [...eventIds],
  )) as Record<string, unknown>[];
  for (const r of rows) {
    out.get(String(r.event_id))?.push({
      phase: String(r.phase) as FeedbackPhase,
      targetGroup: r.target_group === null || r.target_group === undefined ? null : String(r.target_group),
      submissions: Number(r.n),
      ratingSum: Number(r.rating_sum ?? 0),
      correct: Number(r.correct ?? 0),
      answered: Number(r.answered ?? 0),
    });
  }
  return out;
}

/**
 * The feedback sums of whole events (see feedback-outcomes.ts for what they
 * mean). No rules here: who may see an event's feedback is for the caller to decide.
 */
@Injectable()
export class FeedbackOutcomesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The sums of each of these events (all zero for an event without feedback): its stated groups added up. */
  async sumsOfEvents(eventIds: readonly string[]): Promise<Map<string, FeedbackSums>> {
    const tallies = await feedbackTallies(this.dataSource, eventIds);
    return new Map(
      eventIds.map((id) => [id, Object.values(feedbackOfEvent(tallies.get(id) ?? [])).reduce((sum, part) => addFeedback(sum, part), noFeedback())]),
    );
  }
}
