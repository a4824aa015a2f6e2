import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { DEMO_QUESTIONS, QUESTIONS } from 'seeds/demo-feedback';
import { OutboxWorker } from 'src/notifications/outbox-worker';
import { EventSummaries } from 'src/notifications/schedules/event-summaries';
import { assign, createEvent, HOUR, transition } from '../support/planning';
import { ReceivedMail, TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

/** Correct options 1, 1, 0. */
const QUIZ = [QUESTIONS.fraudSafeAccount, QUESTIONS.fundHighReturn, QUESTIONS.fundRecruitBonus];
const correctOf = (id: string) => DEMO_QUESTIONS.find((q) => q.id === id)!.correctOption;
/** Answers to QUIZ with the first `right` of them right. */
const answers = (right: number) => QUIZ.map((questionId, i) => ({ questionId, choice: i < right ? correctOf(questionId) : (correctOf(questionId) + 1) % 3 }));

describe(`${EventSummaries.name}: learning outcomes (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: string;
  let staff: string;
  let seq = 0;

  async function lead(locale: 'zh-CN' | 'en'): Promise<{ id: string; email: string }> {
    const email = `summary-lead-${++seq}.${Date.now()}@example.com`;
    const res = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: locale === 'en' ? `Lead ${seq}` : `负责人${seq}`, password: DEMO_PASSWORD, role: 'OUTREACH_STAFF', orgUnitId: UNITS.lanzhouDonggang, locale } },
      admin,
    );
    if (!res.data?.createUser) throw new Error(JSON.stringify(res.errors));
    return { id: res.data.createUser.id, email };
  }

  /** A running event at 东岗网点 (now − 1 h to now + 1 h) led by `leadId`, with QUIZ when `quiz`. */
  async function runningEvent(title: string, leadId: string, quiz: boolean): Promise<string> {
    const now = Date.now();
    const event = await createEvent(t, staff, { title, orgUnitId: UNITS.lanzhouDonggang, startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + HOUR).toISOString() });
    expect((await assign(t, staff, event.id, leadId, 'LEAD')).errors).toBeUndefined();
    expect((await transition(t, staff, 'scheduleEvent', event.id)).errors).toBeUndefined();
    if (quiz) expect((await t.gql(`mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`, { id: event.id, q: QUIZ }, staff)).errors).toBeUndefined();
    expect((await transition(t, staff, 'startEvent', event.id)).errors).toBeUndefined();
    return event.id;
  }

  async function feedback(eventId: string, phase: 'BEFORE' | 'AFTER', inputs: { rating?: number; answers: { questionId: string; choice: number }[] }[]): Promise<void> {
    const link = await t.gql(`mutation ($id: ID!, $phase: FeedbackPhase!) { createFeedbackLink(eventId: $id, phase: $phase) { token } }`, { id: eventId, phase }, staff);
    for (const input of inputs) {
      const res = await t.gql(`mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted } }`, {
        token: link.data.createFeedbackLink.token,
        input: { deviceToken: randomUUID(), ...input },
      });
      expect(res.data?.submitFeedback).toEqual({ accepted: true });
    }
  }

  /** Completes the event, writes the summaries and sends them; returns the summary to `email`. */
  async function summaryTo(eventId: string, email: string): Promise<ReceivedMail> {
    expect((await transition(t, staff, 'completeEvent', eventId)).errors).toBeUndefined();
    await t.app.get(EventSummaries).run(new Date());
    await t.app.get(OutboxWorker).drain();
    const found = smtp.ofTemplate('event-summary').filter((m) => m.to.includes(email));
    expect(found).toHaveLength(1);
    return found[0];
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://outreach.bank.example' } });
    [admin, staff] = await Promise.all([t.login(USERS.admin.email), t.login(USERS.lanzhouStaff.email)]);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('shows feedback count, average rating, correct rate and learning gain of the feedback so far, in both languages', async () => {
    const english = await lead('en');
    const chinese = await lead('zh-CN');
    const eventId = await runningEvent('反诈知识问答会', english.id, true);
    expect((await assign(t, staff, eventId, chinese.id, 'LEAD')).errors).toBeUndefined();
    // BEFORE: 6 of 12 right (50 %). AFTER: ratings 5, 4, 4 (4.33) and 8 of 9 right (88.9 %): 38.9 points gained.
    await feedback(eventId, 'BEFORE', [{ answers: answers(3) }, { answers: answers(1) }, { answers: answers(2) }, { answers: answers(0) }]);
    await feedback(eventId, 'AFTER', [
      { rating: 5, answers: answers(3) },
      { rating: 4, answers: answers(3) },
      { rating: 4, answers: answers(2) },
    ]);

    const en = await summaryTo(eventId, english.email);
    expect(en.parsed.text).toContain(
      [
        'Learning outcomes (feedback so far)',
        'Feedback received: 3',
        'Average rating: 4.3 / 5',
        'Correct answers after the event: 88.9%',
        'Learning gain (after vs before): +38.9 points',
        'The feedback link stays open for 24 hours after the event; feedback given after this email was written is not in it.',
      ].join('\n'),
    );
    for (const figure of ['Feedback received', '4.3 / 5', '88.9%', '+38.9 points', 'feedback so far']) expect(en.parsed.html).toContain(figure);

    const zh = smtp.ofTemplate('event-summary').find((m) => m.to.includes(chinese.email)) as ReceivedMail;
    expect(zh.parsed.text).toContain(['学习效果（截至目前的反馈）', '收到反馈：3 份', '平均满意度：4.3 / 5', '活动后答题正确率：88.9%', '学习提升（活动后比活动前）：+38.9 个百分点'].join('\n'));
    for (const figure of ['收到反馈', '3 份', '4.3 / 5', '88.9%', '+38.9 个百分点', '24 小时']) expect(zh.parsed.html).toContain(figure);
  });

  it('leaves out the correct rate and the gain without quiz answers, and says so in one line when nobody gave feedback', async () => {
    const ratingsOnly = await lead('en');
    const rated = await runningEvent('存款保险宣传', ratingsOnly.id, false);
    await feedback(rated, 'AFTER', [{ rating: 3, answers: [] }, { rating: 4, answers: [] }]);
    const text = (await summaryTo(rated, ratingsOnly.email)).parsed.text ?? '';
    expect(text).toContain('Feedback received: 2\nAverage rating: 3.5 / 5\nThe feedback link stays open');
    expect(text).not.toContain('Correct answers');
    expect(text).not.toContain('Learning gain');

    // BEFORE answers alone are no feedback: feedback is what attendees hand in at the end.
    const nobody = await lead('en');
    const silent = await runningEvent('人民币知识讲座', nobody.id, true);
    await feedback(silent, 'BEFORE', [{ answers: answers(2) }]);
    const email = await summaryTo(silent, nobody.email);
    expect(email.parsed.text).toContain('Learning outcomes (feedback so far)\nNo feedback from attendees has come in so far.\nThe feedback link stays open');
    expect(email.parsed.text).not.toContain('Average rating');
    expect(email.parsed.html).toContain('No feedback from attendees has come in so far.');
    expect(email.parsed.html).not.toContain('Average rating');
  });
});
