import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD, UNITS, USERS } from 'seeds/demo-bank';
import { DEMO_QUESTIONS, QUESTIONS } from 'seeds/demo-feedback';
import { Clock } from 'src/common/clock';
import { eventInStatus } from '../support/planning';
import { TEST_ENGINE } from '../support/test-database';
import {
  describeBrowser,
  DESKTOP,
  eventually,
  PHONE,
  seriousAxeViolations,
  ServedApp,
  startBrowserAndApp,
  textOf,
  waitForServiceWorker,
  waitForText,
  watchConsole,
} from './browser';

// Callbacks given to page.evaluate run in the page; this project's lib has no DOM types.

declare const document: any, localStorage: any, getComputedStyle: any;

const PAGE_BUDGET_BYTES = 60 * 1024;
const DEVICE_KEY = 'finreach.feedback.device';

const SET_QUIZ = `mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`;
const CREATE_LINK = `mutation ($id: ID!, $phase: FeedbackPhase!) { createFeedbackLink(eventId: $id, phase: $phase) { url token expiresAt } }`;

/** Three questions that all have English text; correct options 1, 1, 0. */
const QUIZ = [QUESTIONS.fraudSafeAccount, QUESTIONS.fundHighReturn, QUESTIONS.fraudHotline];
const correctOf = (id: string) => DEMO_QUESTIONS.find((q) => q.id === id)!.correctOption;
const wrongOf = (id: string) => (correctOf(id) === 0 ? 1 : 0);
/** Right, right, wrong: 2 of 3. */
const CHOICES = [correctOf(QUIZ[0]), correctOf(QUIZ[1]), wrongOf(QUIZ[2])];
/** Right, wrong, wrong: 1 of 3 (a BEFORE round that knows less). */
const CHOICES_BEFORE = [correctOf(QUIZ[0]), wrongOf(QUIZ[1]), wrongOf(QUIZ[2])];
const OUTCOMES = ['feedbackCount', 'averageRating', 'correctRate', 'learningGain'] as const;
/** The "Which describes you?" buttons: the six target groups, then "prefer not to say". */
const GROUP_BUTTONS = 7;

describeBrowser(`feedback page (/feedback/<token>, ${TEST_ENGINE})`, () => {
  let t: ServedApp;
  let browser: Browser;
  let staff: string;
  let day = 0;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ t, browser } = await startBrowserAndApp());
    staff = await t.login(USERS.lanzhouStaff.email);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** A fresh event on its own day in June 2030, with QUIZ set while scheduled, moved to `status`; and a link of `phase`. */
  async function feedbackEvent(status: 'SCHEDULED' | 'IN_PROGRESS' = 'IN_PROGRESS', phase: 'BEFORE' | 'AFTER' = 'AFTER') {
    const d = String(++day).padStart(2, '0');
    const event = await eventInStatus(t, staff, 'SCHEDULED', { startsAt: `2030-06-${d}T02:00:00Z`, endsAt: `2030-06-${d}T04:00:00Z` });
    const quiz = await t.gql(SET_QUIZ, { id: event.id, q: QUIZ }, staff);
    if (quiz.errors) throw new Error(JSON.stringify(quiz.errors));
    if (status === 'IN_PROGRESS') {
      const started = await t.gql(`mutation ($id: ID!) { startEvent(id: $id) { id } }`, { id: event.id }, staff);
      if (started.errors) throw new Error(JSON.stringify(started.errors));
    }
    const link = await t.gql(CREATE_LINK, { id: event.id, phase }, staff);
    if (!link.data?.createFeedbackLink) throw new Error(JSON.stringify(link.errors));
    const { url, token, expiresAt } = link.data.createFeedbackLink as { url: string; token: string; expiresAt: string };
    // 02:00–04:00 UTC is 10:00–12:00 in Asia/Shanghai: the same local day, the one reach counts the event on.
    return { eventId: event.id as string, day: `2030-06-${d}`, endsAt: event.endsAt as string, token, url, expiresAt, path: `/feedback/${token}` };
  }

  async function newContext(options: BrowserContextOptions = PHONE, bypassCSP = false): Promise<BrowserContext> {
    const context = await browser.newContext({ ...options, bypassCSP });
    contexts.push(context);
    return context;
  }
  async function open(path: string, options: BrowserContextOptions = PHONE, bypassCSP = false): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(options, bypassCSP);
    const page = await context.newPage();
    await page.goto(t.baseUrl + path);
    return { context, page };
  }

  /** Picks `choices` and a rating of 4 ("Satisfied") by tapping the labels, as a finger would. */
  async function answer(page: Page, rate = true, choices = CHOICES): Promise<void> {
    await page.locator('#form-view').waitFor();
    for (let i = 0; i < QUIZ.length; i++) await page.locator(`#question-${i} label.choice`).nth(choices[i]).click();
    if (rate) await page.locator('#rating label.rate').nth(3).click();
  }

  interface Outcomes {
    feedbackCount: number;
    averageRating: number | null;
    correctRate: number | null;
    learningGain: number | null;
  }
  /** The four learning-outcome figures of `reach`, as the API gives them. */
  async function reachOutcomes(
    token: string,
    filter: Record<string, unknown>,
    groupBy: string[] = [],
  ): Promise<{ totals: Outcomes; rows: { targetGroup: string | null; figures: Outcomes }[] }> {
    const fields = OUTCOMES.join(' ');
    const res = await t.gql(
      `query ($f: ReachFilterInput, $g: [ReachDimension!]!) { reach(filter: $f, groupBy: $g) { totals { ${fields} } rows { targetGroup figures { ${fields} } } } }`,
      { f: filter, g: groupBy },
      token,
    );
    if (!res.data?.reach) throw new Error(JSON.stringify(res.errors));
    return res.data.reach;
  }

  const submissions = async (eventId: string) =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_submission WHERE event_id = ?', [eventId]))[0].n);
  const answerRows = async (eventId: string) =>
    Number(
      (await t.dataSource.query('SELECT COUNT(*) AS n FROM feedback_answer a JOIN feedback_submission s ON s.id = a.submission_id WHERE s.event_id = ?', [eventId]))[0].n,
    );

  it('serves the page for any token, its assets and the worker, with ETags, cache headers and a strict CSP', async () => {
    const html = await t.http().get('/feedback/some-token').expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['cache-control']).toBe('no-cache');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.text).not.toContain('__VERSION__');
    const version = /app\.js\?v=([0-9a-f]{12})/.exec(html.text)?.[1];
    expect(version).toBeDefined();
    expect((await t.http().get('/feedback').expect(200)).text).toBe(html.text);
    await t.http().get('/feedback/some-token').set('If-None-Match', html.headers.etag).expect(304);

    const script = await t.http().get(`/feedback/assets/app.js?v=${version}`).expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await t.http().get('/feedback/assets/app.css').expect(200);
    const worker = await t.http().get('/feedback/sw.js').expect(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.text).toContain(`'${version}'`);
    await t.http().get('/feedback/assets/index.html').expect(404);
    await t.http().get('/feedback/assets/sw.js').expect(404);
    await t.http().get('/feedback/assets/nothing.js').expect(404);
  });

  it('transfers the page, its script and its styles in under 60 KB', async () => {
    const { path } = await feedbackEvent();
    const context = await newContext();
    const page = await context.newPage();
    const loads: Promise<{ type: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      const type = request.resourceType();
      if (type === 'document' || type === 'script' || type === 'stylesheet') {
        loads.push(request.sizes().then((s) => ({ type, bytes: s.responseBodySize + s.responseHeadersSize })));
      }
    });
    await page.goto(t.baseUrl + path, { waitUntil: 'load' });
    const sizes = await Promise.all(loads);
    expect(sizes.map((s) => s.type).sort()).toEqual(['document', 'script', 'stylesheet']);
    expect(sizes.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('answers the quiz on a 360 px phone, rates, sees "2 of 3 correct" and is counted once, also on a reload and from a second context with the same device token', async () => {
    const link = await feedbackEvent();
    const context = await newContext(); // the page's own CSP enforced
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${link.path}?lang=en`);
    expect(await textOf(page.locator('#event-title'))).toBe('社区反诈讲座');
    expect(await textOf(page.locator('#event-meta'))).toContain('东岗街道社区服务中心');
    expect(await textOf(page.locator('#event-meta'))).toMatch(/2030/);
    // 02:00–04:00 UTC shown in APP_TIMEZONE (Asia/Shanghai), whatever the browser's own zone.
    expect(await textOf(page.locator('#event-meta'))).toMatch(/10:00\s*[–-]\s*12:00/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#questions fieldset').count()).toBe(3);
    expect(await textOf(page.locator('#question-0 legend'))).toContain('Question 1 of 3');
    expect(await page.getByRole('radio').count()).toBe(3 + 3 + 4 + 5 + GROUP_BUTTONS);
    // Large type and large targets, nothing wider than the phone.
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20);
    const smallest = await page.evaluate(() =>
      Math.min(
        ...Array.from(document.querySelectorAll('label.choice, label.rate, button'))
          .map((n: any) => n.getBoundingClientRect().height)
          .filter((h: number) => h > 0), // hidden buttons of other screens
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Submitting too early asks for each missing answer, and sends nothing.
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await textOf(page.locator('#form-error'))).toBe('Please answer question 1.');
    await answer(page, false);
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await textOf(page.locator('#form-error'))).toBe('Please choose how satisfied you are (1 to 5).');
    expect(await submissions(link.eventId)).toBe(0);

    await page.locator('#rating label.rate').nth(3).click();
    await page.getByLabel('Anything else to tell us? (optional)').fill('Very useful');
    // A group tapped and then "Prefer not to say": no group is sent.
    await page.locator('#groups label', { hasText: 'Young person' }).click();
    await page.locator('#groups label', { hasText: 'Prefer not to say' }).click();
    expect(await page.getByRole('radio', { name: 'Prefer not to say' }).isChecked()).toBe(true);
    await page.screenshot({ path: '/tmp/shots/feedback-form-360-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await waitForText(page.locator('#done-title'), 'Thank you!')).toBe('Thank you!');
    expect(await textOf(page.locator('#done-score'))).toBe('2 of 3 correct');
    await page.screenshot({ path: '/tmp/shots/feedback-done-360-en.png' });

    expect(await submissions(link.eventId)).toBe(1);
    expect(await answerRows(link.eventId)).toBe(3);
    const [row] = await t.dataSource.query(
      'SELECT rating, comment, target_group, correct_count, answered_count FROM feedback_submission WHERE event_id = ?',
      [link.eventId],
    );
    expect({ ...row, rating: Number(row.rating), correct_count: Number(row.correct_count), answered_count: Number(row.answered_count) }).toEqual({
      rating: 4,
      comment: 'Very useful',
      target_group: null,
      correct_count: 2,
      answered_count: 3,
    });

    // A reload shows "already submitted" instead of the form.
    await page.reload();
    expect(await waitForText(page.locator('#done-title'), 'Already submitted, thank you')).toBe('Already submitted, thank you');
    expect(await page.locator('#form-view').isVisible()).toBe(false);
    expect(problems).toEqual([]);

    // Another browser with the same device token answers again: the server calls it a duplicate, still one row.
    const device = await page.evaluate((key) => localStorage.getItem(key), DEVICE_KEY);
    expect(JSON.parse(device)).toMatch(/^[0-9a-f-]{36}$/);
    const twin = await newContext();
    await twin.addInitScript(([key, value]) => localStorage.setItem(key, value), [DEVICE_KEY, device] as const);
    const again = await twin.newPage();
    await again.goto(t.baseUrl + link.path);
    await answer(again);
    await again.getByRole('button', { name: '提交' }).click();
    expect(await waitForText(again.locator('#done-title'), '已提交，感谢参与')).toBe('已提交，感谢参与');
    expect(await textOf(again.locator('#done-score'))).toBe('你答对了 3 题中的 2 题');
    expect(await submissions(link.eventId)).toBe(1);
    expect(await answerRows(link.eventId)).toBe(3);
  });

  it('counts a phone\'s BEFORE and AFTER answers with its stated group in reach, and the dashboard shows the API\'s figures', async () => {
    const before = await feedbackEvent('IN_PROGRESS', 'BEFORE');
    const afterLink = await t.gql(CREATE_LINK, { id: before.eventId, phase: 'AFTER' }, staff);
    const afterPath = `/feedback/${afterLink.data.createFeedbackLink.token as string}`;
    const admin = await t.login(USERS.admin.email);
    const unitDay = { orgUnitId: UNITS.lanzhouChengguan, from: before.day, to: before.day };
    const counted = (await reachOutcomes(admin, unitDay)).totals.feedbackCount;

    // One phone (one device token): the BEFORE round at the start, 1 of 3 right, "新市民" tapped as the group that describes them.
    const context = await newContext();
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + before.path);
    await answer(page, false, CHOICES_BEFORE);
    expect(await page.locator('#groups label').count()).toBe(GROUP_BUTTONS);
    await page.locator('#groups label', { hasText: '新市民' }).click();
    await page.getByRole('button', { name: '提交' }).click();
    expect(await waitForText(page.locator('#done-score'), '你答对了 3 题中的 1 题')).toBe('你答对了 3 题中的 1 题');

    // The AFTER round at the end: 2 of 3 right, rated 4; the phone offers its group again, already chosen.
    await page.goto(t.baseUrl + afterPath);
    await answer(page, true, CHOICES);
    expect(await page.getByRole('radio', { name: '新市民' }).isChecked()).toBe(true);
    await page.screenshot({ path: '/tmp/shots/feedback-360.png', fullPage: true });
    await page.getByRole('button', { name: '提交' }).click();
    expect(await waitForText(page.locator('#done-score'), '你答对了 3 题中的 2 题')).toBe('你答对了 3 题中的 2 题');
    await page.screenshot({ path: '/tmp/shots/feedback-done-360.png' });
    expect(problems).toEqual([]);
    const rows: { phase: string; target_group: string | null }[] = await t.dataSource.query(
      'SELECT phase, target_group FROM feedback_submission WHERE event_id = ?',
      [before.eventId],
    );
    expect(rows.sort((a, b) => a.phase.localeCompare(b.phase))).toEqual([
      { phase: 'AFTER', target_group: 'NEW_CITIZEN' },
      { phase: 'BEFORE', target_group: 'NEW_CITIZEN' },
    ]);

    // The API: one more feedback at the event's unit on its day; 2 of 3 right after, 1 of 3 before.
    const report = await eventually(
      () => reachOutcomes(admin, unitDay),
      (r) => r.totals.feedbackCount === counted + 1,
    );
    expect(counted).toBe(0); // a day of its own
    expect(report.totals).toEqual({ feedbackCount: 1, averageRating: 4, correctRate: 0.667, learningGain: 0.333 });
    const byGroup = await reachOutcomes(admin, unitDay, ['TARGET_GROUP']);
    const newCitizens = byGroup.rows.find((r) => r.targetGroup === 'NEW_CITIZEN');
    expect(newCitizens?.figures).toEqual({ feedbackCount: 1, averageRating: 4, correctRate: 0.667, learningGain: 0.333 });

    // The dashboard, for head office on that day (only this event is held then), shows the same figures.
    const headOffice = await reachOutcomes(admin, { orgUnitId: UNITS.headOffice, from: before.day, to: before.day });
    expect(headOffice.totals).toEqual(report.totals);
    const desk = await (await newContext(DESKTOP)).newPage();
    await desk.goto(t.baseUrl + '/dashboard');
    await desk.getByLabel('邮箱').fill(USERS.admin.email);
    await desk.getByLabel('密码').fill(DEMO_PASSWORD);
    await desk.getByRole('button', { name: '登录' }).click();
    await desk.locator('#total-feedbackCount').waitFor();
    await desk.fill('#f-to', before.day);
    await desk.fill('#f-from', before.day);
    const shown = await eventually(
      () => desk.evaluate((keys: readonly string[]) => keys.map((k) => document.querySelector(`#total-${k}`).getAttribute('data-value')), OUTCOMES),
      (values) => values[0] === '1',
    );
    expect(shown).toEqual(OUTCOMES.map((k) => String(headOffice.totals[k])));
    expect(await desk.locator('#outcomes dd').allInnerTexts()).toEqual(['1', '4.0 / 5', '66.7%', '+33.3 个百分点']);
    expect(await desk.getAttribute('#chart-outcome', 'aria-label')).toContain('新市民 66.7%');
  });

  it('shows a BEFORE link with only the questions, in zh-CN by default, and switches to English', async () => {
    const link = await feedbackEvent('IN_PROGRESS', 'BEFORE');
    const { page } = await open(link.path);
    await page.locator('#form-view').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await textOf(page.locator('#question-0 legend'))).toContain('第 1 题（共 3 题）');
    expect(await page.locator('#rating-block').isVisible()).toBe(false);
    expect(await page.locator('#comment-block').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/shots/feedback-before-360-zh.png', fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    expect(await textOf(page.locator('#question-0 legend'))).toContain('Question 1 of 3');
    await answer(page, false);
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await waitForText(page.locator('#done-score'), '2 of 3 correct')).toBe('2 of 3 correct');
    const [row] = await t.dataSource.query('SELECT phase, rating FROM feedback_submission WHERE event_id = ?', [link.eventId]);
    expect(row).toEqual({ phase: 'BEFORE', rating: null });
    // The switch is remembered.
    await page.reload();
    expect(await waitForText(page.locator('#done-title'), 'Already submitted, thank you')).toBe('Already submitted, thank you');
  });

  it('shows a clear message for a link of an event not yet open, an expired link and a forged link', async () => {
    const scheduled = await feedbackEvent('SCHEDULED');
    const early = await open(scheduled.path);
    expect(await waitForText(early.page.locator('#message-title'), '反馈已结束')).toBe('反馈已结束');
    expect(await early.page.locator('#form-view').isVisible()).toBe(false);

    const running = await feedbackEvent();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(running.expiresAt) + 1000));
    const expired = await open(`${running.path}?lang=en`);
    expect(await waitForText(expired.page.locator('#message-title'), 'Feedback closed')).toBe('Feedback closed');
    expect(await textOf(expired.page.locator('#message-text'))).toContain('closed or has expired');
    await expired.page.screenshot({ path: '/tmp/shots/feedback-closed-360-en.png' });
    jest.restoreAllMocks();

    const forged = `${running.token.slice(0, -2)}${running.token.endsWith('AA') ? 'BB' : 'AA'}`;
    const bad = await open(`/feedback/${forged}?lang=en`);
    expect(await waitForText(bad.page.locator('#message-title'), 'Invalid link')).toBe('Invalid link');
    expect(await submissions(running.eventId)).toBe(0);
  });

  it('shows the server message for a refused answer (a rating outside 1 to 5) and counts nothing', async () => {
    const link = await feedbackEvent();
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${link.path}?lang=en`);
    await page.locator('#form-view').waitFor();
    // A tampered kept submission, as the UI itself cannot pick 7.
    const input = { deviceToken: '0123456789abcdef0123', rating: 7, answers: QUIZ.map((questionId, i) => ({ questionId, choice: CHOICES[i] })) };
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`finreach.feedback.pending.${link.token}`, JSON.stringify({ input, at: 0 })] as const);
    await page.reload();
    expect(await waitForText(page.locator('#form-error'), 'Please choose a rating from 1 to 5.')).toBe('Please choose a rating from 1 to 5.');
    expect(await page.locator('#form-view').isVisible()).toBe(true);
    expect(await submissions(link.eventId)).toBe(0);
    // The answers are still chosen: a rating and a tap on Submit is all it takes.
    await page.locator('#rating label.rate').nth(4).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await waitForText(page.locator('#done-title'), 'Thank you!')).toBe('Thank you!');
    expect(await submissions(link.eventId)).toBe(1);
  });

  it('opens with no network from the kept copy, waits for the network to send, and counts the answer exactly once', async () => {
    const link = await feedbackEvent();
    const context = await newContext();
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${link.path}?lang=en`);
    await page.locator('#form-view').waitFor();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    // Chromium's offline emulation does not cover every request once a service worker controls the page
    // (a POST it passes through may still leave), so the API is cut off as well: no network at all.
    await context.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.locator('#form-view').waitFor();
    expect(await page.locator('#questions fieldset').count()).toBe(3);
    await answer(page);
    await page.locator('#groups label', { hasText: 'Elderly' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await waitForText(page.locator('#waiting-title'), 'Waiting for network…')).toBe('Waiting for network…');
    expect(await textOf(page.locator('#waiting-status'))).toBe('This phone has no network right now.');
    await page.screenshot({ path: '/tmp/shots/feedback-waiting-360-en.png' });
    // Still waiting after a reload with no network: the kept submission is not lost.
    await page.reload();
    expect(await waitForText(page.locator('#waiting-title'), 'Waiting for network…')).toBe('Waiting for network…');
    expect(await submissions(link.eventId)).toBe(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), `finreach.feedback.pending.${link.token}`)).not.toBeNull();

    await context.unroute('**/graphql');
    await context.setOffline(false);
    expect(await waitForText(page.locator('#done-title'), 'Thank you!')).toBe('Thank you!');
    expect(await textOf(page.locator('#done-score'))).toBe('2 of 3 correct');
    expect(await eventually(() => submissions(link.eventId), (n) => n === 1)).toBe(1);
    // The kept submission is gone: a second online event or reload sends nothing more.
    await page.reload();
    expect(await waitForText(page.locator('#done-title'), 'Already submitted, thank you')).toBe('Already submitted, thank you');
    expect(await submissions(link.eventId)).toBe(1);
    expect(await answerRows(link.eventId)).toBe(3);
    // The group chosen offline travelled with the kept submission.
    expect(await t.dataSource.query('SELECT target_group FROM feedback_submission WHERE event_id = ?', [link.eventId])).toEqual([{ target_group: 'ELDERLY' }]);
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(p))).toEqual([]);
  });

  it('keeps the answer while the server cannot be reached (network up), retries it, and counts it once', async () => {
    const link = await feedbackEvent();
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${link.path}?lang=en`);
    await answer(page);
    // A weak network: the phone thinks it is online, but the request never arrives.
    await context.route('**/graphql', (route) => route.abort('connectionreset'));
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await waitForText(page.locator('#waiting-title'), 'Waiting for network…')).toBe('Waiting for network…');
    expect(await textOf(page.locator('#waiting-status'))).toBe('Cannot reach the server; retrying soon.');
    await page.getByRole('button', { name: 'Try again now' }).click();
    expect(await waitForText(page.locator('#waiting-status'), 'Cannot reach the server; retrying soon.')).toBe('Cannot reach the server; retrying soon.');
    expect(await submissions(link.eventId)).toBe(0);

    await context.unroute('**/graphql');
    await page.getByRole('button', { name: 'Try again now' }).click();
    expect(await waitForText(page.locator('#done-title'), 'Thank you!')).toBe('Thank you!');
    expect(await submissions(link.eventId)).toBe(1);
  });

  it('has no serious or critical axe-core violations on the form, in Chinese and in English, and on the thank-you screen', async () => {
    const link = await feedbackEvent();
    const { page } = await open(link.path, PHONE, true);
    await page.locator('#form-view').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('#form-error').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await answer(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('#done-view').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('takes screenshots at 360×740 and 1280×800', async () => {
    const link = await feedbackEvent();
    const phone = await open(`${link.path}?lang=en`);
    await phone.page.locator('#form-view').waitFor();
    await phone.page.screenshot({ path: '/tmp/shots/feedback-form-360.png' });
    const desktop = await open(`${link.path}?lang=en`, DESKTOP);
    await desktop.page.locator('#form-view').waitFor();
    await answer(desktop.page);
    await desktop.page.screenshot({ path: '/tmp/shots/feedback-form-1280.png', fullPage: true });
    const zh = await open(link.path);
    await zh.page.locator('#form-view').waitFor();
    await zh.page.screenshot({ path: '/tmp/shots/feedback-form-360-zh.png' });
  });
});
