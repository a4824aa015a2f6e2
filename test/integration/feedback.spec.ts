import { randomUUID } from 'node:crypto';
import { USERS } from 'seeds/demo-bank';
import { DEMO_QUESTIONS, DEMO_QUIZZES, QUESTIONS } from 'seeds/demo-feedback';
import { EVENTS } from 'seeds/demo-plan';
import { Clock } from 'src/common/clock';
import { FeedbackService, MAX_SUBMISSIONS_PER_ADDRESS } from 'src/feedback/feedback.service';
import { expectError } from '../support/expect-error';
import { countRows, eventInStatus, HOUR } from '../support/planning';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

const SET_QUIZ = `mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id quiz { id topic correctOption } } }`;
const CREATE_LINK = `mutation ($id: ID!, $phase: FeedbackPhase!) { createFeedbackLink(eventId: $id, phase: $phase) { url token qrSvg phase expiresAt } }`;
const FORM = `query ($token: String!) { feedbackForm(token: $token) { eventId eventTitle venueName phase ratingAsked expiresAt questions { id position topic text options textEn optionsEn } } }`;
const SUBMIT = `mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted duplicate correct answered } }`;

const Q = QUESTIONS;
/** 3 questions with 3 options each; correct options 1, 1, 0. */
const QUIZ = [Q.fraudSafeAccount, Q.fundHighReturn, Q.fundRecruitBonus];
const question = (id: string) => DEMO_QUESTIONS.find((q) => q.id === id)!;
/** Every answer right. */
const allRight = QUIZ.map((id) => ({ questionId: id, choice: question(id).correctOption }));

/** An event from 02:00 to 04:00 UTC on `day` of June 2030. */
function on(day: number) {
  const d = String(day).padStart(2, '0');
  return { startsAt: `2030-06-${d}T02:00:00Z`, endsAt: `2030-06-${d}T04:00:00Z` };
}

describe(`${FeedbackService.name} (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let staff: string;
  let qingdaoStaff: string;
  let clock: Clock;
  let day = 0;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.login(USERS.lanzhouStaff.email);
    qingdaoStaff = await t.login(USERS.qingdaoStaff.email);
    clock = t.app.get(Clock);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const setQuiz = (eventId: string, questionIds: string[], token = staff) => t.gql(SET_QUIZ, { id: eventId, q: questionIds }, token);
  const link = async (eventId: string, phase: 'BEFORE' | 'AFTER' = 'AFTER') => {
    const res = await t.gql(CREATE_LINK, { id: eventId, phase }, staff);
    if (!res.data?.createFeedbackLink) throw new Error(JSON.stringify(res.errors));
    return res.data.createFeedbackLink as { url: string; token: string; qrSvg: string; phase: string; expiresAt: string };
  };
  /** A fresh event (in `status`) with QUIZ set while it was open. */
  const quizEvent = async (status = 'IN_PROGRESS') => {
    const event = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
    expect((await setQuiz(event.id, QUIZ)).errors).toBeUndefined();
    if (status !== 'SCHEDULED') await eventInStatusFrom(event.id, status);
    return event as { id: string; endsAt: string };
  };
  /** Moves a SCHEDULED event on (or an IN_PROGRESS one to COMPLETED, with `running`). */
  const eventInStatusFrom = async (id: string, status: string, running = false) => {
    const steps = status === 'COMPLETED' ? ['startEvent', 'completeEvent'].slice(running ? 1 : 0) : status === 'IN_PROGRESS' ? ['startEvent'] : ['cancelEvent'];
    for (const step of steps) {
      const args = step === 'cancelEvent' ? 'id: $id, reason: "天气原因"' : 'id: $id';
      const res = await t.gql(`mutation ($id: ID!) { ${step}(${args}) { id } }`, { id }, staff);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  };
  const submit = (token: string, input: Record<string, unknown>) => t.gql(SUBMIT, { token, input });
  const submissions = async (eventId: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_submission WHERE event_id = ?', [eventId]))[0].n);

  describe('question bank', () => {
    it('lists the active questions to anyone logged in, by topic, and to no one else', async () => {
      const volunteer = await t.login(USERS.lanzhouVolunteer.email);
      const all = await t.gql(`query { quizQuestions { id topic options correctOption active } }`, {}, volunteer);
      expect(all.errors).toBeUndefined();
      const ids = all.data.quizQuestions.map((q: { id: string }) => q.id);
      expect(ids.length).toBeGreaterThanOrEqual(20);
      expect(ids).not.toContain(Q.retiredCounterfeit);
      expect(new Set(all.data.quizQuestions.map((q: { topic: string }) => q.topic))).toEqual(new Set(['防范电信网络诈骗', '非法集资', '个人养老金', '征信', '移动支付安全']));
      for (const q of all.data.quizQuestions) expect(q.correctOption).toBeLessThan(q.options.length);

      const credit = await t.gql(`query { quizQuestions(topic: "征信") { id topic } }`, {}, staff);
      expect(credit.data.quizQuestions.length).toBe(4);
      expect(credit.data.quizQuestions.every((q: { topic: string }) => q.topic === '征信')).toBe(true);

      expectError(await t.gql(`query { quizQuestions { id } }`), 'UNAUTHENTICATED');
    });
  });

  describe('setEventQuiz', () => {
    it('sets 3 to 5 questions in the order given, shown on Event.quiz with the answers for staff', async () => {
      const event = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
      const res = await setQuiz(event.id, [Q.payQrCode, Q.creditRepair, Q.pensionTax, Q.fraudHotline]);
      expect(res.errors).toBeUndefined();
      expect(res.data.setEventQuiz.quiz).toEqual([
        { id: Q.payQrCode, topic: '移动支付安全', correctOption: 1 },
        { id: Q.creditRepair, topic: '征信', correctOption: 1 },
        { id: Q.pensionTax, topic: '个人养老金', correctOption: 0 },
        { id: Q.fraudHotline, topic: '防范电信网络诈骗', correctOption: 0 },
      ]);
      // Set again: the new quiz replaces the old one.
      const again = await setQuiz(event.id, QUIZ);
      expect(again.data.setEventQuiz.quiz.map((q: { id: string }) => q.id)).toEqual(QUIZ);
      const read = await t.gql(`query ($id: ID!) { event(id: $id) { quiz { id } } }`, { id: event.id }, staff);
      expect(read.data.event.quiz.map((q: { id: string }) => q.id)).toEqual(QUIZ);
      expect(await countRows(t, 'event_quiz_question')).toBeGreaterThanOrEqual(3);
    });

    it('refuses fewer than 3, more than 5, repeated, unknown and retired questions, naming the input', async () => {
      const event = await eventInStatus(t, staff, 'DRAFT', on(++day));
      expect(expectError(await setQuiz(event.id, QUIZ.slice(0, 2)), 'BAD_USER_INPUT').extensions.fields).toEqual(['questionIds']);
      const six = [Q.fraudSafeAccount, Q.fraudVerificationCode, Q.fraudRefund, Q.fraudHotline, Q.fraudScreenShare, Q.payQrCode];
      expect(expectError(await setQuiz(event.id, six), 'BAD_USER_INPUT').extensions.fields).toEqual(['questionIds']);
      expect(expectError(await setQuiz(event.id, [Q.payQrCode, Q.payQrCode, Q.fraudHotline]), 'BAD_USER_INPUT').extensions.fields).toEqual(['questionIds']);
      expect(expectError(await setQuiz(event.id, [Q.payQrCode, randomUUID(), Q.fraudHotline]), 'BAD_USER_INPUT').extensions.fields).toEqual(['questionIds.1']);
      expect(expectError(await setQuiz(event.id, [Q.payQrCode, Q.fraudHotline, Q.retiredCounterfeit]), 'BAD_USER_INPUT').extensions.fields).toEqual(['questionIds.2']);
      const read = await t.gql(`query ($id: ID!) { event(id: $id) { quiz { id } } }`, { id: event.id }, staff);
      expect(read.data.event.quiz).toEqual([]);
    });

    it('refuses a completed or cancelled event (EVENT_CLOSED) and a quiz someone has answered (QUIZ_ANSWERED)', async () => {
      const completed = await eventInStatus(t, staff, 'COMPLETED', on(++day));
      expect(expectError(await setQuiz(completed.id, QUIZ), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
      const cancelled = await eventInStatus(t, staff, 'CANCELLED', on(++day));
      expect(expectError(await setQuiz(cancelled.id, QUIZ), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');

      const running = await quizEvent();
      const { token } = await link(running.id);
      expect((await submit(token, { deviceToken: randomUUID(), rating: 5, answers: allRight })).data.submitFeedback.accepted).toBe(true);
      expect(expectError(await setQuiz(running.id, [Q.payQrCode, Q.payPassword, Q.payLostPhone]), 'CONFLICT').extensions.reason).toBe('QUIZ_ANSWERED');
    });

    it("is FORBIDDEN to another branch's staff, like an unknown event, and changes nothing", async () => {
      const event = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
      const auditBefore = await countRows(t, 'audit_log');
      const foreign = expectError(await setQuiz(event.id, QUIZ, qingdaoStaff), 'FORBIDDEN');
      const unknown = expectError(await setQuiz(randomUUID(), QUIZ, qingdaoStaff), 'FORBIDDEN');
      expect(foreign.message).toBe(unknown.message);
      expectError(await t.gql(CREATE_LINK, { id: event.id, phase: 'AFTER' }, qingdaoStaff), 'FORBIDDEN');
      expectError(await t.gql(SET_QUIZ, { id: event.id, q: QUIZ }), 'UNAUTHENTICATED');
      expect(await countRows(t, 'audit_log')).toBe(auditBefore);
      const read = await t.gql(`query ($id: ID!) { event(id: $id) { quiz { id } } }`, { id: event.id }, staff);
      expect(read.data.event.quiz).toEqual([]);
    });
  });

  describe('createFeedbackLink', () => {
    it('signs an AFTER link under PUBLIC_URL/feedback valid until the end + 24h, and a BEFORE link until the end', async () => {
      const event = await quizEvent('SCHEDULED');
      const after = await link(event.id, 'AFTER');
      expect(after.url).toBe(`${t.config.publicUrl}/feedback/${after.token}`);
      expect(after.token).toMatch(/^[A-Za-z0-9_-]{40,80}$/);
      expect(after.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(after).toMatchObject({ phase: 'AFTER', expiresAt: new Date(Date.parse(event.endsAt) + 24 * HOUR).toISOString() });
      const before = await link(event.id, 'BEFORE');
      expect(before).toMatchObject({ phase: 'BEFORE', expiresAt: new Date(Date.parse(event.endsAt)).toISOString() });
      expect(before.token).not.toBe(after.token);
    });

    it('refuses a BEFORE link without a quiz (NO_QUIZ), a cancelled event and an expired window (EVENT_CLOSED)', async () => {
      const bare = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
      expect(expectError(await t.gql(CREATE_LINK, { id: bare.id, phase: 'BEFORE' }, staff), 'CONFLICT').extensions.reason).toBe('NO_QUIZ');
      // AFTER works without a quiz: the rating and comment alone are feedback.
      expect((await link(bare.id, 'AFTER')).phase).toBe('AFTER');
      const cancelled = await eventInStatus(t, staff, 'CANCELLED', on(++day));
      expect(expectError(await t.gql(CREATE_LINK, { id: cancelled.id, phase: 'AFTER' }, staff), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
      jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.parse(bare.endsAt) + 25 * HOUR));
      expect(expectError(await t.gql(CREATE_LINK, { id: bare.id, phase: 'AFTER' }, staff), 'CONFLICT').extensions.reason).toBe('EVENT_CLOSED');
    });
  });

  describe('feedbackForm', () => {
    it('shows the event and its questions in order without the correct answers, to anyone holding the link', async () => {
      const event = await quizEvent();
      const after = await link(event.id, 'AFTER');
      const res = await t.gql(FORM, { token: after.token });
      expect(res.errors).toBeUndefined();
      const form = res.data.feedbackForm;
      expect(form).toMatchObject({ eventId: event.id, eventTitle: '社区反诈讲座', venueName: '东岗街道社区服务中心', phase: 'AFTER', ratingAsked: true });
      expect(form.questions.map((q: { id: string; position: number }) => [q.id, q.position])).toEqual(QUIZ.map((id, i) => [id, i + 1]));
      expect(form.questions[0]).toEqual({
        id: Q.fraudSafeAccount,
        position: 1,
        topic: '防范电信网络诈骗',
        text: question(Q.fraudSafeAccount).text,
        options: question(Q.fraudSafeAccount).options,
        textEn: question(Q.fraudSafeAccount).textEn,
        optionsEn: question(Q.fraudSafeAccount).optionsEn,
      });
      // The answer is not in the type at all.
      expectError(await t.gql(`query ($token: String!) { feedbackForm(token: $token) { questions { correctOption } } }`, { token: after.token }), 'BAD_USER_INPUT');
      expect(JSON.stringify(res.body)).not.toMatch(/correct/i);

      const before = await link(event.id, 'BEFORE');
      expect((await t.gql(FORM, { token: before.token })).data.feedbackForm).toMatchObject({ phase: 'BEFORE', ratingAsked: false });
    });

    it('answers FEEDBACK_CLOSED while the event has not started or once the link expired, NOT_FOUND for a forged link', async () => {
      const event = await quizEvent('SCHEDULED');
      const { token } = await link(event.id);
      expect(expectError(await t.gql(FORM, { token }), 'CONFLICT').extensions.reason).toBe('FEEDBACK_CLOSED');
      await eventInStatusFrom(event.id, 'IN_PROGRESS');
      expect((await t.gql(FORM, { token })).errors).toBeUndefined();
      jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.parse(event.endsAt) + 24 * HOUR));
      expect(expectError(await t.gql(FORM, { token }), 'CONFLICT').extensions.reason).toBe('FEEDBACK_CLOSED');
      jest.restoreAllMocks();

      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expectError(await t.gql(FORM, { token: forged }), 'NOT_FOUND');
      // A check-in join link of the same event is not a feedback link.
      const checkIn = await t.gql(`mutation ($id: ID!) { createCheckInLink(eventId: $id) { token } }`, { id: event.id }, staff);
      expectError(await t.gql(FORM, { token: checkIn.data.createCheckInLink.token }), 'NOT_FOUND');
    });
  });

  describe('submitFeedback', () => {
    it('counts a phone once per event and phase: a second submission is a duplicate with the first result and counts nothing', async () => {
      const event = await quizEvent();
      const after = await link(event.id, 'AFTER');
      const before = await link(event.id, 'BEFORE');
      const phone = randomUUID();

      const first = await submit(after.token, { deviceToken: phone, rating: 4, comment: ' 很有用 ', answers: [allRight[0], allRight[1], { questionId: QUIZ[2], choice: 2 }] });
      expect(first.errors).toBeUndefined();
      expect(first.data.submitFeedback).toEqual({ accepted: true, duplicate: false, correct: 2, answered: 3 });
      const again = await submit(after.token, { deviceToken: phone, rating: 1, answers: allRight });
      expect(again.data.submitFeedback).toEqual({ accepted: false, duplicate: true, correct: 2, answered: 3 });
      expect(await submissions(event.id)).toBe(1);

      // The same phone BEFORE is another phase; another phone is another person.
      expect((await submit(before.token, { deviceToken: phone, answers: [allRight[0]] })).data.submitFeedback).toEqual({ accepted: true, duplicate: false, correct: 1, answered: 1 });
      expect((await submit(after.token, { deviceToken: randomUUID(), rating: 5, answers: [] })).data.submitFeedback).toEqual({ accepted: true, duplicate: false, correct: 0, answered: 0 });
      expect(await submissions(event.id)).toBe(3);

      // Stored: the scores, the trimmed comment, and no device token anywhere.
      const rows: { phase: string; rating: number | null; comment: string | null; device_key: string }[] = await t.dataSource.query(
        'SELECT phase, rating, comment, device_key FROM feedback_submission WHERE event_id = ? ORDER BY submitted_at, phase',
        [event.id],
      );
      expect(rows.find((r) => r.comment)).toMatchObject({ phase: 'AFTER', rating: 4, comment: '很有用' });
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.device_key) && !r.device_key.includes(phone))).toBe(true);
      const answers: { correct: number | boolean }[] = await t.dataSource.query(
        'SELECT a.correct FROM feedback_answer a JOIN feedback_submission s ON s.id = a.submission_id WHERE s.event_id = ?',
        [event.id],
      );
      expect(answers.length).toBe(4);
      expect(answers.filter((a) => Boolean(Number(a.correct))).length).toBe(3);
    });

    it('stores the group a person says describes them, or none, and refuses an unknown group naming the field', async () => {
      const event = await quizEvent();
      const { token } = await link(event.id);
      const elderly = await submit(token, { deviceToken: randomUUID(), rating: 5, targetGroup: 'ELDERLY', answers: allRight });
      expect(elderly.data.submitFeedback.accepted).toBe(true);
      expect((await submit(token, { deviceToken: randomUUID(), rating: 4, targetGroup: null })).data.submitFeedback.accepted).toBe(true);
      expect((await submit(token, { deviceToken: randomUUID(), rating: 3 })).data.submitFeedback.accepted).toBe(true);
      const unknown = expectError(await submit(token, { deviceToken: randomUUID(), rating: 5, targetGroup: 'PENSIONER' }), 'BAD_USER_INPUT');
      expect(unknown.extensions.fields).toEqual(['input.targetGroup']);
      const groups: { target_group: string | null }[] = await t.dataSource.query('SELECT target_group FROM feedback_submission WHERE event_id = ? ORDER BY target_group', [event.id]);
      expect(groups.map((g) => g.target_group).sort()).toEqual(['ELDERLY', null, null].sort());
      expect(await submissions(event.id)).toBe(3);
    });

    it('takes answers while IN_PROGRESS and after completion until the link expires, and nothing once closed', async () => {
      const event = await quizEvent();
      const { token } = await link(event.id);
      await eventInStatusFrom(event.id, 'COMPLETED', true);
      expect((await submit(token, { deviceToken: randomUUID(), rating: 5, answers: allRight })).data.submitFeedback.accepted).toBe(true);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.parse(event.endsAt) + 24 * HOUR + 1000));
      expect(expectError(await submit(token, { deviceToken: randomUUID(), rating: 5 }), 'CONFLICT').extensions.reason).toBe('FEEDBACK_CLOSED');
      jest.restoreAllMocks();

      const scheduled = await quizEvent('SCHEDULED');
      const early = await link(scheduled.id);
      expect(expectError(await submit(early.token, { deviceToken: randomUUID(), rating: 5 }), 'CONFLICT').extensions.reason).toBe('FEEDBACK_CLOSED');
      // A BEFORE link ends with the event.
      const running = await quizEvent();
      const before = await link(running.id, 'BEFORE');
      jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.parse(running.endsAt)));
      expect(expectError(await submit(before.token, { deviceToken: randomUUID(), answers: allRight }), 'CONFLICT').extensions.reason).toBe('FEEDBACK_CLOSED');
      jest.restoreAllMocks();
      expect(await submissions(scheduled.id)).toBe(0);
      expect(await submissions(running.id)).toBe(0);
      expectError(await submit('not-a-link', { deviceToken: randomUUID(), rating: 5 }), 'NOT_FOUND');
    });

    it('refuses bad input naming the field, and counts nothing', async () => {
      const event = await quizEvent();
      const { token } = await link(event.id);
      const phone = randomUUID();
      const bad = async (input: Record<string, unknown>) => expectError(await submit(token, { deviceToken: phone, ...input }), 'BAD_USER_INPUT').extensions.fields;

      expect(await bad({ rating: 4, answers: [allRight[0], { questionId: Q.payPassword, choice: 0 }] })).toEqual(['input.answers.1.questionId']);
      expect(await bad({ rating: 4, answers: [allRight[0], allRight[0]] })).toEqual(['input.answers.1.questionId']);
      expect(await bad({ rating: 6, answers: allRight })).toEqual(['input.rating']);
      expect(await bad({ rating: 0, answers: allRight })).toEqual(['input.rating']);
      expect(await bad({ answers: allRight })).toEqual(['input.rating']);
      expect(await bad({ rating: 4, answers: [{ questionId: QUIZ[0], choice: 3 }] })).toEqual(['input.answers.0.choice']);
      expect(await bad({ rating: 4, answers: [{ questionId: QUIZ[0], choice: -1 }] })).toEqual(['input.answers.0.choice']);
      expect(await bad({ rating: 4, comment: '长'.repeat(501) })).toEqual(['input.comment']);
      expect(expectError(await submit(token, { deviceToken: 'short', rating: 4 }), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.deviceToken']);
      expect(await submissions(event.id)).toBe(0);
      // The phone may still answer properly afterwards: nothing was taken.
      expect((await submit(token, { deviceToken: phone, rating: 4, answers: allRight })).data.submitFeedback).toEqual({ accepted: true, duplicate: false, correct: 3, answered: 3 });
    });

    it(`takes at most ${MAX_SUBMISSIONS_PER_ADDRESS} submissions from one address for one event`, async () => {
      const event = await quizEvent();
      const { token } = await link(event.id);
      for (let i = 0; i < MAX_SUBMISSIONS_PER_ADDRESS; i += 20) {
        const batch = await Promise.all(Array.from({ length: 20 }, () => submit(token, { deviceToken: randomUUID(), rating: 5 })));
        expect(batch.every((r) => r.data?.submitFeedback?.accepted)).toBe(true);
      }
      expect(expectError(await submit(token, { deviceToken: randomUUID(), rating: 5 }), 'CONFLICT').extensions.reason).toBe('LIMIT_REACHED');
      expect(await submissions(event.id)).toBe(MAX_SUBMISSIONS_PER_ADDRESS);
    });
  });

  describe('demo bank', () => {
    it('has a question bank of 20+ questions and feedback on past events, with more right answers after than before', async () => {
      expect(DEMO_QUESTIONS.filter((q) => q.active).length).toBeGreaterThanOrEqual(20);
      expect(await countRows(t, 'quiz_question')).toBe(DEMO_QUESTIONS.length);
      const quiz = DEMO_QUIZZES.find((q) => q.eventId === EVENTS.lanzhou315Community)!;
      const rows: { phase: string; n: string | number; correct: string | number; answered: string | number; rating: string | number | null }[] = await t.dataSource.query(
        'SELECT phase, COUNT(*) AS n, SUM(correct_count) AS correct, SUM(answered_count) AS answered, AVG(rating) AS rating FROM feedback_submission WHERE event_id = ? GROUP BY phase',
        [quiz.eventId],
      );
      const byPhase = new Map(rows.map((r) => [r.phase, r]));
      expect(Number(byPhase.get('BEFORE')!.n)).toBe(quiz.before);
      expect(Number(byPhase.get('AFTER')!.n)).toBe(quiz.after);
      const rate = (phase: string) => Number(byPhase.get(phase)!.correct) / Number(byPhase.get(phase)!.answered);
      expect(rate('AFTER')).toBeGreaterThan(rate('BEFORE'));
      expect(Number(byPhase.get('AFTER')!.rating)).toBeGreaterThanOrEqual(4);
      const read = await t.gql(`query ($id: ID!) { event(id: $id) { status quiz { id } } }`, { id: quiz.eventId }, staff);
      expect(read.data.event).toEqual({ status: 'COMPLETED', quiz: quiz.questionIds.map((id) => ({ id })) });
    });
  });
});
