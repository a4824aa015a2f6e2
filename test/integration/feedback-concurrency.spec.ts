import { randomUUID } from 'node:crypto';
import { USERS } from 'seeds/demo-bank';
import { QUESTIONS } from 'seeds/demo-feedback';
import { FeedbackService } from 'src/feedback/feedback.service';
import { eventInStatus } from '../support/planning';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const SUBMIT = `mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted duplicate correct answered } }`;
const describeOnMysql = TEST_ENGINE === 'mysql' ? describe : describe.skip;

/** Many phones (or one phone retrying) at once over real HTTP connections: the unique key and the event's row lock decide. */
describeOnMysql(`${FeedbackService.name} under concurrency (MariaDB)`, () => {
  let t: TestApp;
  let url: string;
  let staff: string;

  const post = async (variables: Record<string, unknown>) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: SUBMIT, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };
  const rows = async (eventId: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_submission WHERE event_id = ?', [eventId]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    staff = await t.login(USERS.lanzhouStaff.email);
  });
  afterAll(() => t?.close());

  const openEvent = async () => {
    const event = await eventInStatus(t, staff, 'SCHEDULED', { startsAt: '2030-07-01T02:00:00Z', endsAt: '2030-07-01T04:00:00Z' });
    const quiz = await t.gql(`mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`, { id: event.id, q: [QUESTIONS.payQrCode, QUESTIONS.payPassword, QUESTIONS.payLostPhone] }, staff);
    expect(quiz.errors).toBeUndefined();
    expect((await t.gql(`mutation ($id: ID!) { startEvent(id: $id) { id } }`, { id: event.id }, staff)).errors).toBeUndefined();
    const link = await t.gql(`mutation ($id: ID!) { createFeedbackLink(eventId: $id, phase: AFTER) { token } }`, { id: event.id }, staff);
    return { eventId: event.id as string, token: link.data.createFeedbackLink.token as string };
  };

  it('leaves one row for 20 concurrent identical submissions from one phone', async () => {
    const { eventId, token } = await openEvent();
    const input = { deviceToken: randomUUID(), rating: 5, answers: [{ questionId: QUESTIONS.payQrCode, choice: 1 }, { questionId: QUESTIONS.payPassword, choice: 0 }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post({ token, input })));
    expect(answers.every((a) => a.status === 200 && !a.body.errors)).toBe(true);
    const results = answers.map((a) => a.body.data.submitFeedback);
    expect(results.filter((r) => r.accepted)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(19);
    // Every answer reports the one stored result.
    expect(new Set(results.map((r) => `${r.correct}/${r.answered}`))).toEqual(new Set(['1/2']));
    expect(await rows(eventId)).toBe(1);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_answer a JOIN feedback_submission s ON s.id = a.submission_id WHERE s.event_id = ?', [eventId]))[0].n)).toBe(2);
  });

  it('takes 60 concurrent submissions from different phones, all counted', async () => {
    const { eventId, token } = await openEvent();
    const answers = await Promise.all(Array.from({ length: 60 }, () => post({ token, input: { deviceToken: randomUUID(), rating: 4 } })));
    expect(answers.every((a) => a.status === 200 && a.body.data?.submitFeedback?.accepted)).toBe(true);
    expect(await rows(eventId)).toBe(60);
  });
});
