import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { QUESTIONS } from 'seeds/demo-feedback';
import { QuizService } from 'src/feedback/quiz.service';
import { expectError } from '../support/expect-error';
import { countRows, eventInStatus, transition } from '../support/planning';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINE } from '../support/test-database';

const FIELDS = 'id topic text options correctOption textEn optionsEn active';
const CREATE = `mutation ($input: CreateQuizQuestionInput!) { createQuizQuestion(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateQuizQuestionInput!) { updateQuizQuestion(id: $id, input: $input) { ${FIELDS} } }`;
const SET_ACTIVE = `mutation ($id: ID!, $active: Boolean!) { setQuizQuestionActive(id: $id, active: $active) { id active } }`;
const LIST = `query ($topic: String, $all: Boolean! = false) { quizQuestions(topic: $topic, includeInactive: $all) { id topic active } }`;
const TOPICS = `query { quizTopics }`;
const SET_QUIZ = `mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id quiz { id text } } }`;
const AUDIT = `query ($id: ID!) { auditLog(filter: { entityType: "quiz_question", entityId: $id }, first: 20) { nodes { action actorId orgUnitId changes { field before after } } } }`;

interface Question {
  id: string;
  topic: string;
  text: string;
  options: string[];
  correctOption: number;
  textEn: string | null;
  optionsEn: string[] | null;
  active: boolean;
}

/** A valid input for a new question; `overrides` wins. */
function questionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    topic: '反洗钱',
    text: '陌生人请您帮忙用银行卡"过一下账"并给好处费，应该怎么做？',
    options: ['答应，反正不是自己的钱', '拒绝，出租出借银行卡违法', '只借一次没关系'],
    correctOption: 1,
    textEn: 'A stranger offers you a fee to pass money through your bank card. What should you do?',
    optionsEn: ['Agree: it is not your money', 'Refuse: lending your card is illegal', 'Once is fine'],
    ...overrides,
  };
}

/** An event from 02:00 to 04:00 UTC on `day` of July 2030, away from the demo's events. */
function on(day: number) {
  const d = String(day).padStart(2, '0');
  return { startsAt: `2030-07-${d}T02:00:00Z`, endsAt: `2030-07-${d}T04:00:00Z` };
}

describe(`${QuizService.name}: the question bank (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  /** A branch manager and an outreach officer placed at the head office: they keep the bank. */
  let hoManager: string;
  let hoStaff: string;
  let hoManagerId: string;
  let staff: string;
  let seq = 0;
  let day = 0;

  async function headOfficeUser(role: string): Promise<{ id: string; token: string }> {
    const email = `bank-keeper-${++seq}@finreach.test`;
    const res = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, name: `总行消保部 ${seq}`, password: DEMO_PASSWORD, role, orgUnitId: UNITS.headOffice } },
      admin,
    );
    if (!res.data?.createUser) throw new Error(JSON.stringify(res.errors));
    return { id: res.data.createUser.id, token: await t.login(email) };
  }

  async function create(overrides: Record<string, unknown> = {}, token = hoManager): Promise<Question> {
    const res = await t.gql(CREATE, { input: questionInput(overrides) }, token);
    if (!res.data?.createQuizQuestion) throw new Error(JSON.stringify(res.errors));
    return res.data.createQuizQuestion;
  }

  async function stored(id: string): Promise<Question> {
    const res = await t.gql(`query { quizQuestions(includeInactive: true) { ${FIELDS} } }`, {}, admin);
    return res.data.quizQuestions.find((q: Question) => q.id === id);
  }

  async function auditOf(id: string): Promise<{ action: string; actorId: string; orgUnitId: string; changes: Record<string, [unknown, unknown]> }[]> {
    const res = await t.gql(AUDIT, { id }, admin);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.auditLog.nodes.map((n: { action: string; actorId: string; orgUnitId: string; changes: { field: string; before: string | null; after: string | null }[] }) => ({
      action: n.action,
      actorId: n.actorId,
      orgUnitId: n.orgUnitId,
      changes: Object.fromEntries(n.changes.map((c) => [c.field, [c.before === null ? null : JSON.parse(c.before), c.after === null ? null : JSON.parse(c.after)]])),
    }));
  }

  /** A running event (of 城关支行) whose quiz holds `questionId` and two demo questions, with an AFTER link. */
  async function runningQuizEvent(questionId: string): Promise<{ id: string; token: string }> {
    const event = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
    const quiz = await t.gql(SET_QUIZ, { id: event.id, q: [questionId, QUESTIONS.fraudHotline, QUESTIONS.payQrCode] }, staff);
    expect(quiz.errors).toBeUndefined();
    expect((await transition(t, staff, 'startEvent', event.id)).errors).toBeUndefined();
    const link = await t.gql(`mutation ($id: ID!) { createFeedbackLink(eventId: $id, phase: AFTER) { token } }`, { id: event.id }, staff);
    return { id: event.id, token: link.data.createFeedbackLink.token };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(USERS.admin.email);
    staff = await t.login(USERS.lanzhouStaff.email);
    const manager = await headOfficeUser('BRANCH_MANAGER');
    [hoManager, hoManagerId] = [manager.token, manager.id];
    hoStaff = (await headOfficeUser('OUTREACH_STAFF')).token;
  });
  afterAll(() => t?.close());

  describe('createQuizQuestion', () => {
    it('adds an active question, trimmed, that lists under its topic, with an audit entry at head office', async () => {
      const question = await create({ topic: ' 反洗钱 ', text: ` ${questionInput().text as string} `, options: [' 答应，反正不是自己的钱', '拒绝，出租出借银行卡违法 ', '只借一次没关系'] });
      expect(question).toEqual({ id: expect.any(String), ...questionInput(), active: true });

      const listed = await t.gql(LIST, { topic: '反洗钱' }, staff);
      expect(listed.data.quizQuestions).toEqual([{ id: question.id, topic: '反洗钱', active: true }]);

      const [entry, ...more] = await auditOf(question.id);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ action: 'quiz_question.create', actorId: hoManagerId, orgUnitId: UNITS.headOffice });
      expect(entry.changes).toEqual({
        topic: [null, '反洗钱'],
        text: [null, questionInput().text],
        options: [null, questionInput().options],
        correctOption: [null, 1],
        textEn: [null, questionInput().textEn],
        optionsEn: [null, questionInput().optionsEn],
        active: [null, true],
      });
    });

    it('is open to ADMIN and to outreach staff placed at the head office; the English version is optional', async () => {
      const byAdmin = await create({ textEn: null, optionsEn: null }, admin);
      expect(byAdmin).toMatchObject({ textEn: null, optionsEn: null, active: true });
      const byStaff = await create({ topic: '反假货币', options: ['是', '否'], correctOption: 0, textEn: undefined, optionsEn: undefined }, hoStaff);
      expect(byStaff).toMatchObject({ topic: '反假货币', options: ['是', '否'], textEn: null, optionsEn: null });
    });

    it.each([
      ['a blank topic', { topic: '   ' }, 'input.topic'],
      ['a topic over 40 characters', { topic: '话'.repeat(41) }, 'input.topic'],
      ['a blank text', { text: ' ' }, 'input.text'],
      ['a text over 300 characters', { text: '问'.repeat(301) }, 'input.text'],
      ['one option', { options: ['是'], correctOption: 0, textEn: null, optionsEn: null }, 'input.options'],
      ['six options', { options: ['1', '2', '3', '4', '5', '6'], textEn: null, optionsEn: null }, 'input.options'],
      ['an option over 100 characters', { options: ['是', '否'.repeat(101)], textEn: null, optionsEn: null }, 'input.options'],
      ['a blank option', { options: ['是', '  ', '否'] }, 'input.options.1'],
      ['a repeated option', { options: ['是', '否', ' 是 '] }, 'input.options.2'],
      ['a correct option past the last', { correctOption: 3 }, 'input.correctOption'],
      ['a negative correct option', { correctOption: -1 }, 'input.correctOption'],
      ['English text without English options', { optionsEn: null }, 'input.optionsEn'],
      ['English options without English text', { textEn: null }, 'input.textEn'],
      ['fewer English options than options', { optionsEn: ['Agree', 'Refuse'] }, 'input.optionsEn'],
      ['a repeated English option', { optionsEn: ['Agree', 'Refuse', 'Agree'] }, 'input.optionsEn.2'],
    ])('refuses %s naming the field, and adds nothing', async (_, overrides, field) => {
      const before = [await countRows(t, 'quiz_question'), await countRows(t, 'audit_log')];
      const error = expectError(await t.gql(CREATE, { input: questionInput(overrides) }, hoManager), 'BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([field]);
      expect([await countRows(t, 'quiz_question'), await countRows(t, 'audit_log')]).toEqual(before);
    });
  });

  describe('updateQuizQuestion', () => {
    it('changes what is given, keeps the rest, and records only the fields that changed', async () => {
      const question = await create();
      const res = await t.gql(UPDATE, { id: question.id, input: { text: '有人出钱"租用"您的银行卡，应该怎么做？', options: ['出租', '拒绝并报警', '问问家人'], correctOption: 1 } }, hoManager);
      expect(res.errors).toBeUndefined();
      expect(res.data.updateQuizQuestion).toEqual({ ...question, text: '有人出钱"租用"您的银行卡，应该怎么做？', options: ['出租', '拒绝并报警', '问问家人'] });
      expect(await stored(question.id)).toEqual(res.data.updateQuizQuestion);

      const entries = await auditOf(question.id);
      expect(entries.map((e) => e.action)).toEqual(['quiz_question.update', 'quiz_question.create']);
      expect(entries[0].changes).toEqual({
        text: [question.text, '有人出钱"租用"您的银行卡，应该怎么做？'],
        options: [question.options, ['出租', '拒绝并报警', '问问家人']],
      });

      // Nothing new: no change, no entry.
      expect((await t.gql(UPDATE, { id: question.id, input: { topic: ' 反洗钱', correctOption: 1 } }, hoManager)).errors).toBeUndefined();
      expect(await auditOf(question.id)).toHaveLength(2);
    });

    it('checks the result as a whole: fewer options than the stored correct answer, half an English version', async () => {
      const question = await create({ correctOption: 2 });
      const shorter = expectError(await t.gql(UPDATE, { id: question.id, input: { options: ['是', '否', '不知道'].slice(0, 2), optionsEn: ['Yes', 'No'] } }, hoManager), 'BAD_USER_INPUT');
      expect(shorter.extensions.fields).toEqual(['input.correctOption']);
      expect(expectError(await t.gql(UPDATE, { id: question.id, input: { options: ['是', '否'], correctOption: 0 } }, hoManager), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.optionsEn']);
      expect(expectError(await t.gql(UPDATE, { id: question.id, input: { textEn: null } }, hoManager), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.textEn']);
      expect(expectError(await t.gql(UPDATE, { id: question.id, input: { text: null } }, hoManager), 'BAD_USER_INPUT').extensions.fields).toEqual(['input.text']);
      expect(await stored(question.id)).toEqual(question);

      // Both English fields cleared together is fine.
      const cleared = await t.gql(UPDATE, { id: question.id, input: { textEn: null, optionsEn: null } }, hoManager);
      expect(cleared.data.updateQuizQuestion).toMatchObject({ textEn: null, optionsEn: null });
    });

    it('refuses new options or a new correct answer once the question is answered (QUESTION_ANSWERED), but takes new wording', async () => {
      const question = await create();
      const event = await runningQuizEvent(question.id);
      const submitted = await t.gql(
        `mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted correct } }`,
        { token: event.token, input: { deviceToken: randomUUID(), rating: 5, answers: [{ questionId: question.id, choice: 1 }] } },
      );
      expect(submitted.data.submitFeedback).toEqual({ accepted: true, correct: 1 });
      const auditBefore = await countRows(t, 'audit_log');

      for (const input of [{ correctOption: 0 }, { options: ['答应', '拒绝', '只借一次'] }, { options: [...question.options, '不知道'], optionsEn: [...(question.optionsEn ?? []), 'Not sure'] }]) {
        const error = expectError(await t.gql(UPDATE, { id: question.id, input }, hoManager), 'CONFLICT');
        expect(error.extensions.reason).toBe('QUESTION_ANSWERED');
        expect(error.message).toMatch(/[Dd]eactivate it and create a new question/);
      }
      expect(await stored(question.id)).toEqual(question);
      expect(await countRows(t, 'audit_log')).toBe(auditBefore);

      // The wording (and the English translation of the same answers) may still be corrected; the event's quiz shows it.
      const reworded = await t.gql(UPDATE, { id: question.id, input: { text: '有人请您用银行卡"过账"，应该怎么做？', optionsEn: ['Say yes', 'Say no: it is illegal', 'Just once'], correctOption: 1 } }, hoManager);
      expect(reworded.errors).toBeUndefined();
      const quiz = await t.gql(`query ($id: ID!) { event(id: $id) { quiz { id text } } }`, { id: event.id }, staff);
      expect(quiz.data.event.quiz[0]).toEqual({ id: question.id, text: '有人请您用银行卡"过账"，应该怎么做？' });
      expect((await auditOf(question.id))[0].changes).toEqual({
        text: [question.text, '有人请您用银行卡"过账"，应该怎么做？'],
        optionsEn: [question.optionsEn, ['Say yes', 'Say no: it is illegal', 'Just once']],
      });
    });

    it('answers NOT_FOUND for an unknown question', async () => {
      expectError(await t.gql(UPDATE, { id: randomUUID(), input: { text: '新的题目' } }, hoManager), 'NOT_FOUND');
      expectError(await t.gql(SET_ACTIVE, { id: randomUUID(), active: false }, admin), 'NOT_FOUND');
    });
  });

  describe('setQuizQuestionActive', () => {
    it('keeps a deactivated question out of lists and new quizzes but in the quizzes that have it', async () => {
      const question = await create({ topic: '银行卡安全' });
      const event = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
      expect((await t.gql(SET_QUIZ, { id: event.id, q: [question.id, QUESTIONS.fraudHotline, QUESTIONS.payQrCode] }, staff)).errors).toBeUndefined();

      const off = await t.gql(SET_ACTIVE, { id: question.id, active: false }, hoStaff);
      expect(off.data.setQuizQuestionActive).toEqual({ id: question.id, active: false });
      expect((await t.gql(LIST, { topic: '银行卡安全' }, staff)).data.quizQuestions).toEqual([]);
      expect((await t.gql(LIST, { topic: '银行卡安全', all: true }, staff)).data.quizQuestions).toEqual([{ id: question.id, topic: '银行卡安全', active: false }]);

      const other = await eventInStatus(t, staff, 'SCHEDULED', on(++day));
      const refused = expectError(await t.gql(SET_QUIZ, { id: other.id, q: [QUESTIONS.fraudHotline, question.id, QUESTIONS.payQrCode] }, staff), 'BAD_USER_INPUT');
      expect(refused.extensions.fields).toEqual(['questionIds.1']);
      const kept = await t.gql(`query ($id: ID!) { event(id: $id) { quiz { id } } }`, { id: event.id }, staff);
      expect(kept.data.event.quiz.map((q: { id: string }) => q.id)).toEqual([question.id, QUESTIONS.fraudHotline, QUESTIONS.payQrCode]);

      // Deactivating again changes nothing; activating makes it usable again.
      expect((await t.gql(SET_ACTIVE, { id: question.id, active: false }, hoStaff)).data.setQuizQuestionActive.active).toBe(false);
      expect((await t.gql(SET_ACTIVE, { id: question.id, active: true }, hoManager)).data.setQuizQuestionActive.active).toBe(true);
      expect((await t.gql(SET_QUIZ, { id: other.id, q: [QUESTIONS.fraudHotline, question.id, QUESTIONS.payQrCode] }, staff)).errors).toBeUndefined();

      const entries = await auditOf(question.id);
      expect(entries.map((e) => [e.action, e.changes])).toEqual([
        ['quiz_question.activate', { active: [false, true] }],
        ['quiz_question.deactivate', { active: [true, false] }],
        ['quiz_question.create', expect.any(Object)],
      ]);
    });
  });

  describe('who keeps the bank', () => {
    it.each(['lanzhouManager', 'lanzhouStaff', 'lanzhouVolunteer', 'analyst', 'qingdaoManager'] as const)(
      'refuses %s every change with FORBIDDEN, an unknown id alike, and changes nothing',
      async (who) => {
        const question = await create();
        const token = await t.login(USERS[who].email);
        const before = [await countRows(t, 'quiz_question'), await countRows(t, 'audit_log')];
        const refusals = [
          await t.gql(CREATE, { input: questionInput() }, token),
          await t.gql(UPDATE, { id: question.id, input: { text: '越权改写' } }, token),
          await t.gql(UPDATE, { id: randomUUID(), input: { text: '越权改写' } }, token),
          await t.gql(SET_ACTIVE, { id: question.id, active: false }, token),
          await t.gql(SET_ACTIVE, { id: randomUUID(), active: false }, token),
        ].map((res) => expectError(res, 'FORBIDDEN').message);
        expect(new Set(refusals).size).toBe(1);
        expect([await countRows(t, 'quiz_question'), await countRows(t, 'audit_log')]).toEqual(before);
        expect(await stored(question.id)).toEqual(question);
        // Reading the bank is open to everyone logged in.
        expect((await t.gql(LIST, { all: true }, token)).errors).toBeUndefined();
        expect((await t.gql(TOPICS, {}, token)).errors).toBeUndefined();
      },
    );

    it('answers UNAUTHENTICATED without a session, for reads and writes', async () => {
      expectError(await t.gql(CREATE, { input: questionInput() }), 'UNAUTHENTICATED');
      expectError(await t.gql(SET_ACTIVE, { id: QUESTIONS.payQrCode, active: false }), 'UNAUTHENTICATED');
      expectError(await t.gql(TOPICS), 'UNAUTHENTICATED');
      expectError(await t.gql(LIST, { all: true }), 'UNAUTHENTICATED');
    });
  });

  describe('quizTopics', () => {
    it('lists the topics with active questions: the standard five first, then the others by name', async () => {
      const volunteer = await t.login(USERS.lanzhouVolunteer.email);
      const topics = async () => (await t.gql(TOPICS, {}, volunteer)).data.quizTopics as string[];
      const standard = ['防范电信网络诈骗', '非法集资', '个人养老金', '征信', '移动支付安全'];
      const now = await topics();
      expect(now.slice(0, 5)).toEqual(standard);
      // The demo's retired 反假货币 question is not counted; later topics come after the standard ones, by name.
      expect(now.slice(5)).toEqual([...now.slice(5)].sort(new Intl.Collator('zh-CN').compare));

      const lone = await create({ topic: '保险消费' });
      const withLone = await topics();
      expect(withLone.slice(0, 5)).toEqual(standard);
      expect(withLone.slice(5)).toContain('保险消费');
      expect((await t.gql(SET_ACTIVE, { id: lone.id, active: false }, hoManager)).errors).toBeUndefined();
      expect(await topics()).not.toContain('保险消费');
    });
  });
});
