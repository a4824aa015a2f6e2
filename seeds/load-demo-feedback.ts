import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { EventEntity } from 'src/events/event.entity';
import { EventStatus } from 'src/events/event.enums';
import { EventQuizQuestionEntity } from 'src/feedback/event-quiz-question.entity';
import { FeedbackAnswerEntity } from 'src/feedback/feedback-answer.entity';
import { FeedbackSubmissionEntity } from 'src/feedback/feedback-submission.entity';
import { FeedbackPhase } from 'src/feedback/feedback.enums';
import { QuizQuestionEntity } from 'src/feedback/quiz-question.entity';
import { DEMO_QUESTIONS, DEMO_QUIZZES, DemoQuestion, demoStatedGroup } from './demo-feedback';

const MINUTE = 60_000;
/** How often a demo attendee answers a question right, before and after the talk. */
const RIGHT_BEFORE = 0.45;
const RIGHT_AFTER = 0.82;

/** A UUID derived from text, so the demo's rows are the same on every load. */
function demoUuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-b${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Stands in for the keyed hashes of real submissions: the demo's phones have no tokens to hash. */
const demoKey = (text: string) => createHash('sha256').update(`finreach-demo:${text}`).digest('hex');

/** Small deterministic numbers per seed, so the demo looks the same on every load. */
function numbers(seed: string): () => number {
  let state = parseInt(createHash('sha1').update(seed).digest('hex').slice(0, 8), 16);
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The question bank, the quizzes of seeds/demo-feedback.ts and their answers
 * at those demo events that are completed: BEFORE answers in the first quarter
 * hour, AFTER answers from the end to two hours later, ratings mostly 4 and 5,
 * most phones stating one of the event's groups (see demoStatedGroup).
 * Rows already there are skipped (INSERT IGNORE on their keys), so it can run twice.
 */
export async function loadDemoFeedback(dataSource: DataSource): Promise<number> {
  const createdAt = new Date('2025-01-01T00:00:00Z');
  await dataSource.createQueryBuilder().insert().into(QuizQuestionEntity).values(DEMO_QUESTIONS.map((question) => ({ ...question, createdAt }))).orIgnore().updateEntity(false).execute();

  const events = new Map(
    (await dataSource.getRepository(EventEntity).findBy({ id: In(DEMO_QUIZZES.map((quiz) => quiz.eventId)), status: EventStatus.COMPLETED })).map((e) => [e.id, e]),
  );
  const questions = new Map(DEMO_QUESTIONS.map((question) => [question.id, question]));
  const quizRows: EventQuizQuestionEntity[] = [];
  const submissions: FeedbackSubmissionEntity[] = [];
  const answers: FeedbackAnswerEntity[] = [];
  for (const quiz of DEMO_QUIZZES) {
    const event = events.get(quiz.eventId);
    if (!event) continue;
    quiz.questionIds.forEach((questionId, i) => quizRows.push(Object.assign(new EventQuizQuestionEntity(), { eventId: event.id, questionId, position: i + 1 })));
    const random = numbers(event.id);
    const add = (phase: FeedbackPhase, phone: number) => {
      const id = demoUuid(`${event.id}/${phase}/${phone}`);
      const right = phase === FeedbackPhase.BEFORE ? RIGHT_BEFORE : RIGHT_AFTER;
      let correctCount = 0;
      for (const questionId of quiz.questionIds) {
        const question = questions.get(questionId) as DemoQuestion;
        const correct = random() < right;
        const wrong = (question.correctOption + 1 + Math.floor(random() * (question.options.length - 1))) % question.options.length;
        answers.push(Object.assign(new FeedbackAnswerEntity(), { submissionId: id, questionId, choice: correct ? question.correctOption : wrong, correct }));
        if (correct) correctCount += 1;
      }
      const roll = random();
      const rating = phase === FeedbackPhase.AFTER ? (roll < 0.55 ? 5 : roll < 0.9 ? 4 : 3) : null;
      const submittedAt =
        phase === FeedbackPhase.BEFORE
          ? new Date(event.startsAt.getTime() + Math.floor(random() * 15 * MINUTE))
          : new Date(event.endsAt.getTime() + Math.floor(random() * 120 * MINUTE));
      submissions.push(
        Object.assign(new FeedbackSubmissionEntity(), {
          id,
          eventId: event.id,
          phase,
          deviceKey: demoKey(`${event.id}/device/${phone}`),
          addressKey: demoKey(`${event.id}/address/${phone % 7}`),
          rating,
          comment: phase === FeedbackPhase.AFTER && phone % 9 === 0 ? '讲得很清楚，希望多来社区宣传。' : null,
          targetGroup: demoStatedGroup(quiz, phone),
          correctCount,
          answeredCount: quiz.questionIds.length,
          submittedAt,
        }),
      );
    };
    // The same phones answer before and after (phone numbers are shared), plus some who came late.
    for (let phone = 0; phone < quiz.before; phone++) add(FeedbackPhase.BEFORE, phone);
    for (let phone = 0; phone < quiz.after; phone++) add(FeedbackPhase.AFTER, phone);
  }
  if (quizRows.length === 0) return 0;
  await dataSource.createQueryBuilder().insert().into(EventQuizQuestionEntity).values(quizRows).orIgnore().updateEntity(false).execute();
  for (let i = 0; i < submissions.length; i += 200) {
    await dataSource.createQueryBuilder().insert().into(FeedbackSubmissionEntity).values(submissions.slice(i, i + 200)).orIgnore().updateEntity(false).execute();
  }
  for (let i = 0; i < answers.length; i += 500) {
    await dataSource.createQueryBuilder().insert().into(FeedbackAnswerEntity).values(answers.slice(i, i + 500)).orIgnore().updateEntity(false).execute();
  }
  return submissions.length;
}
