import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { UNITS, USERS } from 'seeds/demo-bank';
import { DEMO_QUESTIONS, QUESTIONS } from 'seeds/demo-feedback';
import { FeedbackRetention } from 'src/feedback/feedback-retention';
import { ReachService } from 'src/reach/reach.service';
import { eventInStatus, transition } from '../support/planning';
import { fold } from '../support/reach';
import { TEST_ENGINE } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

// Year 2033 (and 2034 for the cancelled event), away from the demo plan and other suites' years.
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const plus2h = (local: string) => new Date(new Date(`${local}+08:00`).getTime() + 2 * 3600_000).toISOString();
const YEAR = { orgUnitId: UNITS.lanzhou, from: '2033-01-01', to: '2033-12-31' };

const FIGURES = 'events attendees onlineViews peopleReached leafletsDistributed staffParticipations feedbackCount averageRating correctRate learningGain';
const REACH = `query ($filter: ReachFilterInput, $groupBy: [ReachDimension!]) {
  reach(filter: $filter, groupBy: $groupBy) {
    totals { ${FIGURES} }
    rows { orgUnit { id name } venueType targetGroup campaign { id } period figures { ${FIGURES} } }
  }
}`;
const SET_QUIZ = `mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`;
const CREATE_LINK = `mutation ($id: ID!, $phase: FeedbackPhase!) { createFeedbackLink(eventId: $id, phase: $phase) { token } }`;
const SUBMIT = `mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted duplicate } }`;

/** 3 questions; the first `right` answers are right, the rest wrong. */
const QUIZ = [QUESTIONS.fraudSafeAccount, QUESTIONS.fundHighReturn, QUESTIONS.fundRecruitBonus];
function answers(right: number) {
  return QUIZ.map((id, i) => {
    const correct = DEMO_QUESTIONS.find((q) => q.id === id)!.correctOption;
    return { questionId: id, choice: i < right ? correct : (correct + 1) % 3 };
  });
}

/** Just the four feedback figures. */
const fb = (feedbackCount: number, averageRating: number | null, correctRate: number | null, learningGain: number | null) => ({ feedbackCount, averageRating, correctRate, learningGain });
const feedbackOf = (f: Record<string, unknown>) => fb(f.feedbackCount as number, f.averageRating as number | null, f.correctRate as number | null, f.learningGain as number | null);

describe(`${ReachService.name}: feedback figures (${TEST_ENGINE})`, () => {
  let t: TestApp;
  let manager: string;
  const ids: Record<string, string> = {};

  const reach = async (filter: Record<string, unknown>, groupBy: string[] = []) => {
    const res = await t.gql(REACH, { filter, groupBy }, manager);
    if (!res.data?.reach) throw new Error(`reach failed: ${JSON.stringify(res.errors)}`);
    return res.data.reach as { totals: Record<string, unknown>; rows: Record<string, any>[] };
  };
  const link = async (eventId: string, phase: 'BEFORE' | 'AFTER') => {
    const res = await t.gql(CREATE_LINK, { id: eventId, phase }, manager);
    if (!res.data?.createFeedbackLink) throw new Error(JSON.stringify(res.errors));
    return res.data.createFeedbackLink.token as string;
  };
  const submit = async (token: string, input: Record<string, unknown>) => {
    const res = await t.gql(SUBMIT, { token, input });
    if (!res.data?.submitFeedback) throw new Error(JSON.stringify(res.errors));
    return res.data.submitFeedback as { accepted: boolean; duplicate: boolean };
  };
  /** A held event with QUIZ set while it was still scheduled. */
  const quizEvent = async (input: Record<string, unknown>) => {
    const event = await eventInStatus(t, manager, 'SCHEDULED', input);
    expect((await t.gql(SET_QUIZ, { id: event.id, q: QUIZ }, manager)).errors).toBeUndefined();
    expect((await transition(t, manager, 'startEvent', event.id)).errors).toBeUndefined();
    return event.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    manager = await t.login(USERS.lanzhouManager.email);

    // A: paired (answers before and after), at 东岗网点 under 城关支行, for the elderly and everyone.
    ids.a = await quizEvent({ orgUnitId: UNITS.lanzhouDonggang, venueType: 'COMMUNITY', targetGroups: ['ELDERLY', 'GENERAL'], startsAt: at('2033-03-10T10:00:00'), endsAt: plus2h('2033-03-10T10:00:00') });
    const aBefore = await link(ids.a, 'BEFORE');
    const aAfter = await link(ids.a, 'AFTER');
    const phones = Array.from({ length: 4 }, () => randomUUID());
    // phone: stated group, BEFORE right answers, AFTER rating and right answers.
    const aPeople: [string, string | null, number, number, number][] = [
      [phones[0], 'ELDERLY', 1, 5, 3],
      [phones[1], 'ELDERLY', 0, 4, 2],
      [phones[2], null, 1, 3, 1],
      [phones[3], 'GENERAL', 2, 4, 3],
    ];
    for (const [phone, group, before, rating, after] of aPeople) {
      expect((await submit(aBefore, { deviceToken: phone, targetGroup: group, answers: answers(before) })).accepted).toBe(true);
      expect((await submit(aAfter, { deviceToken: phone, targetGroup: group, rating, comment: '讲得很清楚', answers: answers(after) })).accepted).toBe(true);
    }
    // The same phone again: a duplicate, counted nothing.
    expect(await submit(aAfter, { deviceToken: phones[0], targetGroup: 'YOUTH', rating: 1, answers: answers(0) })).toEqual({ accepted: false, duplicate: true });

    // B: AFTER only (no BEFORE round), at 七里河支行 itself, for the young.
    ids.b = await quizEvent({ orgUnitId: UNITS.lanzhouQilihe, venueType: 'SCHOOL', targetGroups: ['YOUTH'], startsAt: at('2033-04-20T15:00:00'), endsAt: plus2h('2033-04-20T15:00:00') });
    const bAfter = await link(ids.b, 'AFTER');
    const bPeople: [string | null, number, number][] = [
      ['YOUTH', 5, 3],
      ['YOUTH', 3, 0],
      [null, 5, 2],
      // A grandparent at a school talk: a group the event does not list.
      ['ELDERLY', 5, 3],
    ];
    for (const [group, rating, right] of bPeople) {
      expect((await submit(bAfter, { deviceToken: randomUUID(), targetGroup: group, rating, answers: answers(right) })).accepted).toBe(true);
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  // A: AFTER ratings 5+4+3+4, right 9/12; BEFORE right 4/12. B: ratings 5+3+5+5, right 8/12, unpaired.
  it('gives the four figures in the totals; a duplicate submission counts once', async () => {
    const report = await reach(YEAR);
    // 8 forms, rating 34/8; right 17/24; gain only from A: 9/12 − 4/12.
    expect(feedbackOf(report.totals)).toEqual(fb(8, 4.25, 0.708, 0.417));
    expect(report.totals.events).toBe(2);
  });

  it('splits feedback by stated group under TARGET_GROUP; unstated feedback is in the totals only', async () => {
    const report = await reach(YEAR, ['TARGET_GROUP']);
    expect(feedbackOf(report.totals)).toEqual(fb(8, 4.25, 0.708, 0.417));
    expect(report.rows.map((r) => [r.targetGroup, r.figures.events, feedbackOf(r.figures)])).toEqual([
      // A's two (ratings 5, 4; right 5/6, before 1/6) and B's grandparent (5, 3/3, unpaired).
      ['ELDERLY', 1, fb(3, 4.67, 0.889, 0.667)],
      ['YOUTH', 1, fb(2, 4, 0.5, null)],
      ['GENERAL', 1, fb(1, 4, 1, 0.333)],
    ]);
    const stated = report.rows.reduce((n, r) => n + r.figures.feedbackCount, 0);
    expect(stated).toBe(6); // the two who stated no group are in no TARGET_GROUP row
  });

  it('drills down by ORG_UNIT, a child carrying its whole subtree', async () => {
    const branch = await reach(YEAR, ['ORG_UNIT']);
    expect(branch.rows.map((r) => [r.orgUnit.id, feedbackOf(r.figures)])).toEqual([
      [UNITS.lanzhouChengguan, fb(4, 4, 0.75, 0.417)],
      [UNITS.lanzhouQilihe, fb(4, 4.5, 0.667, null)],
    ]);
    const chengguan = await reach({ ...YEAR, orgUnitId: UNITS.lanzhouChengguan }, ['ORG_UNIT']);
    expect(chengguan.rows.map((r) => [r.orgUnit.id, feedbackOf(r.figures)])).toEqual([[UNITS.lanzhouDonggang, fb(4, 4, 0.75, 0.417)]]);
  });

  it('groups by DAY, MONTH and VENUE_TYPE; an AFTER-only event changes correctRate but not learningGain', async () => {
    const byDay = await reach(YEAR, ['DAY']);
    expect(byDay.rows.map((r) => [r.period, feedbackOf(r.figures)])).toEqual([
      ['2033-03-10', fb(4, 4, 0.75, 0.417)],
      ['2033-04-20', fb(4, 4.5, 0.667, null)],
    ]);
    const byMonth = await reach(YEAR, ['MONTH']);
    expect(byMonth.rows.map((r) => [r.period, feedbackOf(r.figures)])).toEqual([
      ['2033-03', fb(4, 4, 0.75, 0.417)],
      ['2033-04', fb(4, 4.5, 0.667, null)],
    ]);
    const byVenue = await reach(YEAR, ['VENUE_TYPE']);
    expect(byVenue.rows.map((r) => [r.venueType, feedbackOf(r.figures)])).toEqual([
      ['COMMUNITY', fb(4, 4, 0.75, 0.417)],
      ['SCHOOL', fb(4, 4.5, 0.667, null)],
    ]);
    // March alone against March and April: B moves the correct rate and leaves the gain.
    const march = await reach({ ...YEAR, from: '2033-03-01', to: '2033-03-31' });
    const both = await reach(YEAR);
    expect(both.totals.correctRate).not.toBe(march.totals.correctRate);
    expect(both.totals.learningGain).toBe(march.totals.learningGain);
  });

  it('shows a row that has only feedback (a group the event does not list)', async () => {
    const report = await reach(YEAR, ['VENUE_TYPE', 'TARGET_GROUP']);
    const schoolElderly = report.rows.find((r) => r.venueType === 'SCHOOL' && r.targetGroup === 'ELDERLY');
    expect(schoolElderly?.figures).toMatchObject({ events: 0, attendees: 0, ...fb(1, 5, 1, null) });
  });

  it('filters by targetGroups: events that list a filtered group, and feedback stated for one', async () => {
    // B's event row (its unstated form: 5, 2/3) and the YOUTH forms (5 and 3; 3/6).
    expect(feedbackOf((await reach({ ...YEAR, targetGroups: ['YOUTH'] })).totals)).toEqual(fb(3, 4.33, 0.556, null));
    // A's event row (unstated: 3, 1/3, before 1/3) and every ELDERLY form (A: 5, 4, 5/6, before 1/6; B: 5, 3/3).
    const elderly = await reach({ ...YEAR, targetGroups: ['ELDERLY'] }, ['TARGET_GROUP']);
    expect(feedbackOf(elderly.totals)).toEqual(fb(4, 4.25, 0.75, 0.444));
    expect(elderly.rows.map((r) => [r.targetGroup, feedbackOf(r.figures)])).toEqual([['ELDERLY', fb(3, 4.67, 0.889, 0.667)]]);
  });

  const GROUPINGS: [Record<string, unknown>, string[]][] = [
    [YEAR, []],
    [YEAR, ['TARGET_GROUP']],
    [YEAR, ['ORG_UNIT', 'TARGET_GROUP']],
    [YEAR, ['VENUE_TYPE', 'TARGET_GROUP', 'MONTH']],
    [YEAR, ['DAY']],
    [YEAR, ['WEEK']],
    [YEAR, ['CAMPAIGN']],
    [{ ...YEAR, targetGroups: ['ELDERLY', 'YOUTH'] }, ['ORG_UNIT']],
    [{ ...YEAR, venueTypes: ['SCHOOL'] }, ['TARGET_GROUP']],
  ];
  const snapshot = async () => Promise.all(GROUPINGS.map(([filter, groupBy]) => reach(filter, groupBy)));

  it('answers the same from the rollups after a fold as on the fly before it', async () => {
    const pending = await snapshot();
    const folded = await fold(t);
    expect(folded.events).toBeGreaterThanOrEqual(2);
    const after = await snapshot();
    expect(after).toEqual(pending);
    expect(feedbackOf(after[0].totals)).toEqual(fb(8, 4.25, 0.708, 0.417));
    // Folded means in reach_rollup: the whole-bank row of A's day carries its sums.
    const [row] = await t.dataSource.query(
      "SELECT SUM(feedback) AS feedback, SUM(rating_sum) AS rating_sum, SUM(paired_before_answered) AS pba FROM reach_rollup WHERE unit_id = ? AND period_kind = 'D' AND period = '2033-03-10' AND venue_type = '*'",
      [UNITS.lanzhou],
    );
    expect([Number(row.feedback), Number(row.rating_sum), Number(row.pba)]).toEqual([4, 16, 12]);
  });

  it('keeps every figure when retention erases the comments', async () => {
    const before = await snapshot();
    const erased = await t.app.get(FeedbackRetention).eraseCommentsBefore(new Date('2100-01-01T00:00:00Z'));
    expect(erased).toBeGreaterThanOrEqual(4);
    expect(await snapshot()).toEqual(before);
    await fold(t);
    expect(await snapshot()).toEqual(before);
  });

  describe('exports', () => {
    const QUERY = `orgUnitId=${UNITS.lanzhou}&from=2033-01-01&to=2033-12-31&groupBy=ORG_UNIT,TARGET_GROUP`;
    const download = (path: string) =>
      t
        .http()
        .get(path)
        .set('Authorization', `Bearer ${manager}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    const HEADERS = { zh: ['反馈人数', '平均满意度', '答题正确率', '学习提升'], en: ['Feedback', 'Average rating', 'Correct rate', 'Learning gain'] };
    const last4 = (f: Record<string, unknown>) => [f.feedbackCount, f.averageRating, f.correctRate, f.learningGain];

    it('carries the four figures in CSV, zh and en, as the API gives them', async () => {
      const api = await reach(YEAR, ['ORG_UNIT', 'TARGET_GROUP']);
      expect(api.rows.some((r) => r.figures.learningGain === null)).toBe(true);
      for (const locale of ['zh', 'en'] as const) {
        const res = await download(`/reports/reach.csv?${QUERY}&locale=${locale}`);
        expect(res.status).toBe(200);
        const lines = (res.body as Buffer).toString('utf8').slice(1).split('\r\n').filter(Boolean);
        // No cell here needs quoting: names, enum values and numbers.
        const cells = lines.map((l) => l.split(','));
        expect(cells[0].slice(-4)).toEqual(HEADERS[locale]);
        const text = (v: unknown) => (v === null ? '' : String(v));
        expect(cells[1].slice(-4)).toEqual(last4(api.totals).map(text));
        expect(cells.slice(2).map((c) => c.slice(-4))).toEqual(api.rows.map((r) => last4(r.figures).map(text)));
        expect(cells[1].slice(-4)).toEqual(['8', '4.25', '0.708', '0.417']);
      }
    });

    it('carries the four figures in XLSX, zh and en, as numbers and empty cells for null', async () => {
      const api = await reach(YEAR, ['ORG_UNIT', 'TARGET_GROUP']);
      for (const locale of ['zh', 'en'] as const) {
        const res = await download(`/reports/reach.xlsx?${QUERY}&locale=${locale}`);
        expect(res.status).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.body as never);
        const sheet = workbook.worksheets[0];
        const width = (sheet.getRow(1).values as unknown[]).length - 1;
        const row = (n: number) => Array.from({ length: 4 }, (_, i) => sheet.getRow(n).getCell(width - 3 + i).value ?? null);
        expect(row(1)).toEqual(HEADERS[locale]);
        expect(row(2)).toEqual(last4(api.totals));
        api.rows.forEach((r, i) => expect(row(3 + i)).toEqual(last4(r.figures)));
        expect(sheet.rowCount).toBe(2 + api.rows.length);
      }
    });
  });

  it('takes an event out of reach with its feedback when it stops being held, and a deleted submission out too', async () => {
    const year = { ...YEAR, from: '2034-01-01', to: '2034-12-31' };
    const id = await quizEvent({ orgUnitId: UNITS.lanzhouDonggang, targetGroups: ['ELDERLY'], startsAt: at('2034-05-08T10:00:00'), endsAt: plus2h('2034-05-08T10:00:00') });
    const token = await link(id, 'AFTER');
    await submit(token, { deviceToken: randomUUID(), targetGroup: 'ELDERLY', rating: 2, answers: answers(1) });
    await submit(token, { deviceToken: randomUUID(), rating: 4, answers: answers(3) });
    expect(feedbackOf((await reach(year)).totals)).toEqual(fb(2, 3, 0.667, null));
    await fold(t);
    expect(feedbackOf((await reach(year)).totals)).toEqual(fb(2, 3, 0.667, null));

    // Removing a submission (the AFTER DELETE trigger marks the event) takes it out, pending and folded.
    const [unstated] = await t.dataSource.query('SELECT id FROM feedback_submission WHERE event_id = ? AND target_group IS NULL', [id]);
    await t.dataSource.query('DELETE FROM feedback_answer WHERE submission_id = ?', [unstated.id]);
    await t.dataSource.query('DELETE FROM feedback_submission WHERE id = ?', [unstated.id]);
    expect(feedbackOf((await reach(year)).totals)).toEqual(fb(1, 2, 0.333, null));
    await fold(t);
    expect(feedbackOf((await reach(year, ['TARGET_GROUP'])).rows[0].figures)).toEqual(fb(1, 2, 0.333, null));

    // The lifecycle cancels only events not yet started, so the row is changed as a data correction would.
    await t.dataSource.query("UPDATE event SET status = 'CANCELLED' WHERE id = ?", [id]);
    const pending = await reach(year, ['TARGET_GROUP']);
    expect(pending.totals).toMatchObject({ events: 0, ...fb(0, null, null, null) });
    expect(pending.rows).toEqual([]);
    await fold(t);
    expect(await reach(year, ['TARGET_GROUP'])).toEqual(pending);
    // 2033 is untouched.
    expect(feedbackOf((await reach(YEAR)).totals)).toEqual(fb(8, 4.25, 0.708, 0.417));
  });
});
