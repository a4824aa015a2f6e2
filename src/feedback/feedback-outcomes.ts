import { FeedbackPhase } from './feedback.enums';

/**
 * What "did people learn?" means in figures, in one place, so reach, the
 * exports, the dashboard and the event-summary email compute it the same way.
 *
 * Everything is kept as additive sums (per event, per rollup row, per report
 * row) and turned into rates only at the end:
 * - feedbackCount: AFTER submissions (one per phone per event);
 * - averageRating: mean of their ratings (1–5; every AFTER submission has one);
 * - correctRate: correct / answered over the AFTER quiz answers;
 * - learningGain: over events that have quiz answers in both phases ("paired"
 *   events), the AFTER correct rate minus the BEFORE correct rate. An event
 *   without a BEFORE round adds nothing to it, so the gain compares like with like.
 */
export interface FeedbackSums {
  /** AFTER submissions. */
  feedback: number;
  /** Sum of the AFTER ratings. */
  ratingSum: number;
  /** Correct AFTER answers. */
  correct: number;
  /** AFTER answers. */
  answered: number;
  /** BEFORE answers / correct BEFORE answers at paired events. */
  pairedBeforeAnswered: number;
  pairedBeforeCorrect: number;
  /** AFTER answers / correct AFTER answers at paired events. */
  pairedAfterAnswered: number;
  pairedAfterCorrect: number;
}

export interface FeedbackFigures {
  feedbackCount: number;
  /** null when nobody rated. */
  averageRating: number | null;
  /** 0–1; null when no AFTER answers. */
  correctRate: number | null;
  /** −1 to 1 (0.25 = 25 percentage points more right after); null without paired events. */
  learningGain: number | null;
}

export const FEEDBACK_SUM_KEYS: readonly (keyof FeedbackSums)[] = [
  'feedback',
  'ratingSum',
  'correct',
  'answered',
  'pairedBeforeAnswered',
  'pairedBeforeCorrect',
  'pairedAfterAnswered',
  'pairedAfterCorrect',
];

export function noFeedback(): FeedbackSums {
  return { feedback: 0, ratingSum: 0, correct: 0, answered: 0, pairedBeforeAnswered: 0, pairedBeforeCorrect: 0, pairedAfterAnswered: 0, pairedAfterCorrect: 0 };
}

/** Adds `more` × sign into `into`. */
export function addFeedback(into: FeedbackSums, more: FeedbackSums, sign = 1): FeedbackSums {
  for (const key of FEEDBACK_SUM_KEYS) into[key] += sign * more[key];
  return into;
}

/** One event's feedback submissions summed by phase and stated group, as read from feedback_submission. */
export interface FeedbackTally {
  phase: FeedbackPhase;
  /** null = not stated. */
  targetGroup: string | null;
  submissions: number;
  ratingSum: number;
  correct: number;
  answered: number;
}

/**
 * An event's FeedbackSums by stated group ('' = not stated; reach keeps those
 * on the event's own row). The event is "paired" when it has quiz answers in
 * both phases (over all its submissions, whatever group they state); only then
 * do its answers count towards learningGain.
 */
export function feedbackOfEvent(tallies: FeedbackTally[]): Record<string, FeedbackSums> {
  const answeredIn = (phase: FeedbackPhase) => tallies.some((t) => t.phase === phase && t.answered > 0);
  const paired = answeredIn(FeedbackPhase.BEFORE) && answeredIn(FeedbackPhase.AFTER);
  const out: Record<string, FeedbackSums> = {};
  for (const t of tallies) {
    const sums = (out[t.targetGroup ?? ''] ??= noFeedback());
    if (t.phase === FeedbackPhase.AFTER) {
      sums.feedback += t.submissions;
      sums.ratingSum += t.ratingSum;
      sums.correct += t.correct;
      sums.answered += t.answered;
      if (paired) {
        sums.pairedAfterAnswered += t.answered;
        sums.pairedAfterCorrect += t.correct;
      }
    } else if (paired) {
      sums.pairedBeforeAnswered += t.answered;
      sums.pairedBeforeCorrect += t.correct;
    }
  }
  return out;
}

/** The figures of these sums, rounded as the API returns them (rating to 2 places, rates to 3: 0.1 %). */
export function feedbackFigures(sums: FeedbackSums): FeedbackFigures {
  const rate = (correct: number, answered: number) => (answered > 0 ? correct / answered : null);
  const before = rate(sums.pairedBeforeCorrect, sums.pairedBeforeAnswered);
  const after = rate(sums.pairedAfterCorrect, sums.pairedAfterAnswered);
  return {
    feedbackCount: sums.feedback,
    averageRating: sums.feedback > 0 ? round(sums.ratingSum / sums.feedback, 2) : null,
    correctRate: nullableRound(rate(sums.correct, sums.answered), 3),
    learningGain: before !== null && after !== null ? round(after - before, 3) : null,
  };
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  // + 0 turns -0 into 0.
  return Math.round(value * f) / f + 0;
}

function nullableRound(value: number | null, places: number): number | null {
  return value === null ? null : round(value, places);
}
