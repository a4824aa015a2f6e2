import { Clock } from 'src/common/clock';
import { FeedbackRetention } from 'src/feedback/feedback-retention';
import { FeedbackSubmissionEntity } from 'src/feedback/feedback-submission.entity';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

describe(FeedbackRetention.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const comments = async () =>
    (await t.dataSource.query('SELECT id, comment, rating, correct_count FROM feedback_submission WHERE comment IS NOT NULL ORDER BY id')) as {
      id: string;
      comment: string;
      rating: number;
      correct_count: number;
    }[];

  it('erases comments older than PII_RETENTION_DAYS once a day, keeping ratings and answers', async () => {
    const [old, recent] = await comments();
    expect(recent).toBeDefined(); // the demo bank leaves comments on past events
    const now = new Date();
    const submissions = t.dataSource.getRepository(FeedbackSubmissionEntity);
    await submissions.update(old.id, { submittedAt: new Date(now.getTime() - 200 * DAY) });
    await submissions.update(recent.id, { submittedAt: new Date(now.getTime() - 179 * DAY) });
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(now);
    const answersBefore = (await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_answer'))[0].n;

    expect(await t.app.get(FeedbackRetention).runDue()).toBe(true);
    const [row] = await t.dataSource.query('SELECT comment, rating, correct_count FROM feedback_submission WHERE id = ?', [old.id]);
    expect(row.comment).toBeNull();
    expect({ rating: Number(row.rating), correct: Number(row.correct_count) }).toEqual({ rating: Number(old.rating), correct: Number(old.correct_count) });
    expect((await comments()).map((c) => c.id)).toContain(recent.id);
    expect((await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_answer'))[0].n).toEqual(answersBefore);

    // Once a day: a second tick the same day does nothing.
    expect(await t.app.get(FeedbackRetention).runDue()).toBe(false);
  });
});
