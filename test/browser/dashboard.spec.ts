/**
 * The reach dashboard (/dashboard, issue 6) in chromium against the real API:
 * held events and check-ins made through the API, then the page's totals,
 * drill-down, charts, exports, language switch, layout at 768 px and axe-core.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { UNITS, USERS, DEMO_PASSWORD } from 'seeds/demo-bank';
import { DEMO_QUESTIONS, QUESTIONS } from 'seeds/demo-feedback';
import { createEvent, createVolunteer } from '../support/events';
import { describeBrowser, DESKTOP, eventually, seriousAxeViolations, ServedApp, startBrowserAndApp, textOf, waitForText, watchConsole } from './browser';

// Callbacks given to page.evaluate run in the page; this project's lib has no DOM types.
 
declare const document: any, window: any, localStorage: any, getComputedStyle: any;

const TABLET: BrowserContextOptions = { viewport: { width: 768, height: 1024 }, locale: 'zh-CN' };
const OUTCOMES = ['feedbackCount', 'averageRating', 'correctRate', 'learningGain'] as const;
const FIGURES = ['events', 'attendees', 'onlineViews', 'peopleReached', 'leafletsDistributed', 'staffParticipations', ...OUTCOMES] as const;
/** Headers of the outcome columns in the zh-CN export, in order. */
const OUTCOME_HEADERS = ['反馈人数', '平均满意度', '答题正确率', '学习提升'];
const LANZHOU_SUB_BRANCHES = ['兰州城关支行', '兰州七里河支行', '兰州安宁支行', '兰州西固支行'];
const HOUR = 3600_000;

/** Where the reach API is declared: the committed schema or a file under src/ outside the page. */
const REACH_TOTALS = `query ($f: ReachFilterInput!) { reach(filter: $f) { totals { ${FIGURES.join(' ')} } } }`;

/** A quiz of three demo questions, each answered right (or wrong) by `rightCount` of them. */
const QUIZ = [QUESTIONS.fraudSafeAccount, QUESTIONS.fundHighReturn, QUESTIONS.fraudHotline];
function answers(rightCount: number): { questionId: string; choice: number }[] {
  return QUIZ.map((questionId, i) => {
    const correct = DEMO_QUESTIONS.find((q) => q.id === questionId)!.correctOption;
    return { questionId, choice: i < rightCount ? correct : correct === 0 ? 1 : 0 };
  });
}

/** How the page writes an outcome (the API's number with all its places): "4.33 / 5", "83.3%", "+25.0 个百分点". */
function outcomeText(key: (typeof OUTCOMES)[number], value: string): string {
  if (key === 'feedbackCount') return Number(value).toLocaleString('zh-CN');
  if (value === '') return '—';
  const n = Number(value);
  const places = (x: number, max: number) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: max }).format(x);
  if (key === 'averageRating') return `${places(n, 2)} / 5`;
  if (key === 'correctRate') return `${places(n * 100, 1)}%`;
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${places(Math.abs(n) * 100, 1)} 个百分点`;
}

async function login(page: Page, email: string): Promise<void> {
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
}

/** Waits until the page shows the scope `unitName` with its totals loaded; fails with the page's error message if it shows one. */
async function waitForScope(page: Page, unitName: string): Promise<void> {
  await waitForText(page.locator('.crumb-current'), unitName);
  const state = await eventually(
    () =>
      page.evaluate((name: string) => {
        const totals = document.querySelector('#totals');
        const error = document.querySelector('#load-error');
        if (!error.hidden) return { done: true, error: error.textContent };
        return { done: document.querySelector('#scope-name')?.textContent === name && totals.getAttribute('aria-busy') === 'false' && totals.children.length === 6, error: null };
      }, unitName),
    (s) => s.done,
  );
  expect(state).toEqual({ done: true, error: null });
}

async function shownTotals(page: Page): Promise<Record<string, string>> {
  return page.evaluate((keys: readonly string[]) => {
    const out: Record<string, string> = {};
    for (const key of keys) out[key] = document.querySelector(`#total-${key}`).getAttribute('data-value');
    return out;
  }, FIGURES);
}

describeBrowser('dashboard page (/dashboard)', () => {
  let t: ServedApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ t, browser } = await startBrowserAndApp());
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function open(options: BrowserContextOptions = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ ...options, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/dashboard');
    return page;
  }

  it('serves the page and its assets, ECharts included, from this service with ETags, gzip and immutable versions', async () => {
    const html = await t.http().get('/dashboard').expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['cache-control']).toBe('no-cache');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.text).not.toMatch(/https?:\/\//); // no CDN
    const version = /echarts\.min\.js\?v=([0-9a-f]{12})/.exec(html.text)?.[1];
    expect(version).toBeDefined();
    expect(html.text).toContain(`/dashboard/app.js?v=${version}`);
    await t.http().get('/dashboard').set('If-None-Match', html.headers.etag).expect(304);

    const plain = await t.http().get(`/dashboard/echarts.min.js?v=${version}`).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const library = readFileSync(require.resolve('echarts/dist/echarts.min.js'));
    expect(Number(plain.headers['content-length'])).toBe(library.length);

    const zipped = await t.http().get(`/dashboard/echarts.min.js?v=${version}`).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect(zipped.text).toBe(library.toString('utf8')); // supertest inflates it
    await t.http().get(`/dashboard/echarts.min.js?v=${version}`).set('Accept-Encoding', 'gzip').set('If-None-Match', zipped.headers.etag).expect(304);

    const script = await t.http().get(`/dashboard/app.js?v=${version}`).expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stale = await t.http().get('/dashboard/app.css?v=000000000000').expect(200);
    expect(stale.headers['cache-control']).toBe('no-cache');
    await t.http().get('/dashboard/index.html').expect(404);
    await t.http().get('/dashboard/../package.json').expect(404);
    await t.http().get('/dashboard/nothing.js').expect(404);
  });

  it('loads ECharts from the browser cache on the second visit', async () => {
    const context = await browser.newContext(DESKTOP);
    contexts.push(context);
    const page = await context.newPage();
    /** Bytes of echarts.min.js that came over the network for the current document (0: from the cache). */
    const transferred = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e: { name: string }) => e.name.includes('/dashboard/echarts.min.js'))
          .map((e) => (e as unknown as { transferSize: number }).transferSize),
      );
    await page.goto(t.baseUrl + '/dashboard', { waitUntil: 'load' });
    expect(await page.evaluate(() => typeof window.echarts?.init)).toBe('function');
    const first = await transferred();
    expect(first).toHaveLength(1);
    expect(first[0]).toBeGreaterThan(100_000); // gzipped, about a third of 1.1 MB
    expect(first[0]).toBeLessThan(600_000);
    await page.goto(t.baseUrl + '/dashboard', { waitUntil: 'load' });
    expect(await page.evaluate(() => typeof window.echarts?.init)).toBe('function');
    expect(await transferred()).toEqual([0]);
  });

  it('shows the login form in zh-CN and remembers a switch to English', async () => {
    const page = await open();
    expect(await textOf(page.locator('#login-title'))).toBe('登录');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe('宣传触达看板 · finreach');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await textOf(page.locator('#login-title'))).toBe('Log in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    expect(await textOf(page.locator('#login-title'))).toBe('Log in');
    expect(await page.getByRole('button', { name: '中文' }).isVisible()).toBe(true);
  });

  it('refuses a wrong password with a message, and the login form has no serious axe-core violations', async () => {
    const page = await open();
    await page.getByLabel('邮箱').fill(USERS.admin.email);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await textOf(page.locator('#login-error'))).toBe('邮箱或密码不正确。');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('tells a volunteer that the page is for managers', async () => {
    const page = await open();
    await login(page, USERS.lanzhouVolunteer.email);
    expect(await textOf(page.locator('#denied'))).toBe('此页面供总行和分行管理人员使用。');
    expect(await page.locator('#dashboard-view').isHidden()).toBe(true);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('#login-view').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('finreach.dashboard.session'))).toBeNull();
  });
});

describeBrowser('dashboard page with reach figures (real API)', () => {
  let t: ServedApp;
  let browser: Browser;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ t, browser } = await startBrowserAndApp());
    const schema = await t.gql(`{ q: __type(name: "Query") { fields { name } } c: __type(name: "Campaign") { fields { name } } }`);
    const absent = [
      ...(schema.data.q.fields.some((f: { name: string }) => f.name === 'reach') ? [] : ['Query.reach']),
      ...(schema.data.c.fields.some((f: { name: string }) => f.name === 'progress') ? [] : ['Campaign.progress']),
    ];
    if (absent.length) throw new Error(`not in the running schema: ${absent.join(', ')}`);
    adminToken = await t.login(USERS.admin.email);

    // Held events with check-ins at 东岗网点 (兰州分行 › 兰州城关支行), and a completed live stream.
    const staff = await t.login(USERS.lanzhouStaff.email);
    const volunteer = await createVolunteer(t);
    const eventId = await createEvent(t, staff, { targetGroups: ['ELDERLY', 'YOUTH', 'GENERAL'] }, 'IN_PROGRESS', [volunteer.id]);
    const items = [
      { targetGroup: 'ELDERLY', count: 23 },
      { targetGroup: 'YOUTH', count: 9 },
      { targetGroup: 'GENERAL', count: 14 },
      { targetGroup: 'ELDERLY', count: 1, name: '王奶奶' },
    ].map((item) => ({ clientId: randomUUID(), eventId, ...item }));
    const sync = await t.gql(`mutation ($items: [CheckInInput!]!) { syncCheckIns(items: $items) { outcome reason } }`, { items }, volunteer.token);
    expect(sync.errors).toBeUndefined();
    expect(sync.data.syncCheckIns.map((r: { outcome: string }) => r.outcome)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);

    const online = await createEvent(
      t,
      staff,
      { title: '线上直播：守住钱袋子', venueType: 'ONLINE', startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) },
      'IN_PROGRESS',
    );
    const done = await t.gql(`mutation ($id: ID!) { completeEvent(id: $id, input: { onlineViews: 321 }) { id } }`, { id: online }, staff);
    expect(done.errors).toBeUndefined();

    // Feedback at the event with check-ins: two phones before (1 of 3 right each), two after (3 and 2 of 3, rated 5 and 4, ELDERLY and YOUTH).
    const quiz = await t.gql(`mutation ($id: ID!, $q: [ID!]!) { setEventQuiz(eventId: $id, questionIds: $q) { id } }`, { id: eventId, q: QUIZ }, staff);
    expect(quiz.errors).toBeUndefined();
    const link = async (phase: string): Promise<string> => {
      const res = await t.gql(`mutation ($id: ID!, $p: FeedbackPhase!) { createFeedbackLink(eventId: $id, phase: $p) { token } }`, { id: eventId, p: phase }, staff);
      expect(res.errors).toBeUndefined();
      return res.data.createFeedbackLink.token;
    };
    const [before, after] = [await link('BEFORE'), await link('AFTER')];
    const submissions = [
      { token: before, input: { deviceToken: 'dashboard-phone-0001', answers: answers(1) } },
      { token: before, input: { deviceToken: 'dashboard-phone-0002', answers: answers(1) } },
      { token: after, input: { deviceToken: 'dashboard-phone-0001', answers: answers(3), rating: 5, targetGroup: 'ELDERLY' } },
      { token: after, input: { deviceToken: 'dashboard-phone-0002', answers: answers(2), rating: 4, targetGroup: 'YOUTH' } },
    ];
    for (const { token, input } of submissions) {
      const res = await t.gql(
        `mutation ($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { accepted } }`,
        { token, input },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.submitFeedback.accepted).toBe(true);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function reachTotals(filter: Record<string, unknown>): Promise<Record<string, string>> {
    const res = await t.gql(REACH_TOTALS.replace('ReachFilterInput', await filterTypeName()), { f: filter }, adminToken);
    expect(res.errors).toBeUndefined();
    const totals = res.data.reach.totals;
    return Object.fromEntries(FIGURES.map((k) => [k, totals[k] == null ? '' : String(totals[k])]));
  }
  let filterType: string | undefined;
  /** The contract names the filter's fields, not its input type: read the name from the schema. */
  async function filterTypeName(): Promise<string> {
    if (!filterType) {
      const res = await t.gql(`{ __type(name: "Query") { fields { name args { name type { kind name ofType { kind name } } } } } }`);
      const reach = res.data.__type.fields.find((f: { name: string }) => f.name === 'reach');
      const arg = reach.args.find((a: { name: string }) => a.name === 'filter');
      filterType = arg.type.name ?? arg.type.ofType.name;
      if (arg.type.kind === 'NON_NULL') filterType += '!';
    }
    return filterType!;
  }

  async function openLoggedIn(options: BrowserContextOptions, enforceCsp = false): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ ...options, bypassCSP: !enforceCsp, acceptDownloads: true });
    contexts.push(context);
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/dashboard');
    await login(page, USERS.admin.email);
    await waitForScope(page, '总行');
    return { page, problems };
  }

  async function period(page: Page): Promise<{ from: string; to: string }> {
    return { from: await page.inputValue('#f-from'), to: await page.inputValue('#f-to') };
  }

  it('shows the totals the API gives for the same filter, under its own CSP without errors', async () => {
    const { page, problems } = await openLoggedIn(DESKTOP, true);
    const { from, to } = await period(page);
    const expected = await reachTotals({ orgUnitId: UNITS.headOffice, from, to });
    expect(Number(expected.attendees)).toBeGreaterThanOrEqual(47);
    expect(Number(expected.onlineViews)).toBeGreaterThanOrEqual(321);
    expect(await shownTotals(page)).toEqual(expected);
    // The visible text is the same number, grouped for reading.
    const attendeesText = await textOf(page.locator('#total-attendees dd'));
    expect(attendeesText.replace(/\D/g, '')).toBe(expected.attendees);
    expect(await textOf(page.locator('#total-attendees dt'))).toBe('现场参与人数');

    // A venue filter changes the figures the same way as the API.
    await page.locator('#f-venues label', { hasText: '线上直播' }).click();
    const onlineOnly = await reachTotals({ orgUnitId: UNITS.headOffice, from, to, venueTypes: ['ONLINE'] });
    expect(onlineOnly).not.toEqual(expected);
    expect(await eventually(() => shownTotals(page), (shown) => JSON.stringify(shown) === JSON.stringify(onlineOnly))).toEqual(onlineOnly);
    expect(problems).toEqual([]);
  });

  it('shows the learning outcomes the API gives: in the totals, the units table and the chart by target group', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    const { from, to } = await period(page);
    const expected = await reachTotals({ orgUnitId: UNITS.headOffice, from, to });
    expect(Number(expected.feedbackCount)).toBeGreaterThanOrEqual(2);
    expect(expected.learningGain).not.toBe('');
    const shown = await shownTotals(page);
    expect(OUTCOMES.map((k) => shown[k])).toEqual(OUTCOMES.map((k) => expected[k]));
    expect(await page.locator('#outcomes dd').allInnerTexts()).toEqual(OUTCOMES.map((k) => outcomeText(k, expected[k])));
    expect(await page.locator('#outcomes dt').allInnerTexts()).toEqual(['反馈人数', '平均满意度', '答题正确率', '学习提升']);

    const byUnit = await t.gql(
      `query ($f: ReachFilterInput!) { reach(filter: $f, groupBy: [ORG_UNIT]) { rows { orgUnit { id } figures { ${OUTCOMES.join(' ')} } } } }`.replace('ReachFilterInput!', await filterTypeName()),
      { f: { orgUnitId: UNITS.headOffice, from, to } },
      adminToken,
    );
    const lanzhou = byUnit.data.reach.rows.find((r: { orgUnit: { id: string } }) => r.orgUnit.id === UNITS.lanzhou).figures;
    const cells = page.locator(`#units-body tr[data-unit-id="${UNITS.lanzhou}"]`);
    for (const key of OUTCOMES) {
      const value = lanzhou[key] == null ? '' : String(lanzhou[key]);
      const cell = cells.locator(`td[data-figure="${key}"]`);
      expect([await cell.getAttribute('data-value'), (await cell.innerText()).trim()]).toEqual([value, outcomeText(key, value)]);
    }

    const byGroup = await t.gql(
      `query ($f: ReachFilterInput!) { reach(filter: $f, groupBy: [TARGET_GROUP]) { rows { targetGroup figures { correctRate } } } }`.replace('ReachFilterInput!', await filterTypeName()),
      { f: { orgUnitId: UNITS.headOffice, from, to } },
      adminToken,
    );
    const rates = Object.fromEntries(byGroup.data.reach.rows.map((r: { targetGroup: string; figures: { correctRate: number | null } }) => [r.targetGroup, r.figures.correctRate]));
    expect(rates.ELDERLY).not.toBeNull();
    await page.locator('#chart-outcome svg').waitFor();
    const drawn = await page.evaluate(() => window.echarts.getInstanceByDom(document.getElementById('chart-outcome')).getOption().series[0].data);
    const groups = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'];
    expect(drawn).toEqual(groups.map((g) => (rates[g] == null ? null : Math.round(rates[g] * 1000) / 10)));
    expect(await page.getAttribute('#chart-outcome', 'aria-label')).toContain(`老年人 ${outcomeText('correctRate', String(rates.ELDERLY))}`);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('#outcomes dt').allInnerTexts()).toEqual(['Feedback', 'Average rating', 'Correct rate', 'Learning gain']);
    expect(await textOf(page.locator('#total-learningGain dd'))).toMatch(/^[+−]?\d+\.\d pts$/);
  });

  it('drills down from 总行 to 兰州分行 and shows its sub-branches, and back up by the breadcrumb', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    const branches = await page.locator('#units-body th').allInnerTexts();
    expect(branches).toEqual(expect.arrayContaining(['兰州分行', '青岛分行', '石家庄分行', '湖北省分行']));

    await page.locator('#units-body').getByRole('button', { name: '兰州分行' }).click();
    await waitForScope(page, '兰州分行');
    const children = (await page.locator('#units-body th').allInnerTexts()).map((s) => s.trim());
    expect(children.sort()).toEqual([...LANZHOU_SUB_BRANCHES].sort());
    expect(await page.locator('#crumb-list li').allInnerTexts()).toEqual(['总行', '兰州分行']);
    const { from, to } = await period(page);
    expect(await shownTotals(page)).toEqual(await reachTotals({ orgUnitId: UNITS.lanzhou, from, to }));
    // 城关支行 holds the test's events: its row carries them.
    const chengguanAttendees = await page.locator(`#units-body tr[data-unit-id="${UNITS.lanzhouChengguan}"] td[data-figure="attendees"]`).innerText();
    expect(Number(chengguanAttendees.replace(/\D/g, ''))).toBeGreaterThanOrEqual(47);

    await page.getByRole('navigation').getByRole('button', { name: '总行' }).click();
    await waitForScope(page, '总行');
    expect(await page.locator('#units-body').getByRole('button', { name: '兰州分行' }).isVisible()).toBe(true);
  });

  it('renders the four charts as SVG with the figures in them', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    for (const id of ['chart-group', 'chart-outcome', 'chart-venue', 'chart-week']) {
      await page.locator(`#${id} svg`).waitFor({ timeout: 10_000 });
      const drawn = await page.evaluate((chartId: string) => {
        const node = document.getElementById(chartId);
        const option = window.echarts.getInstanceByDom(node).getOption();
        const sum = (option.series as { data: number[] }[]).reduce((s, series) => s + series.data.reduce((a, b) => a + Number(b || 0), 0), 0);
        return { sum, paths: node.querySelectorAll('svg path').length, label: node.getAttribute('aria-label') };
      }, id);
      expect(drawn.sum).toBeGreaterThan(0);
      expect(drawn.paths).toBeGreaterThan(3);
      expect(drawn.label).toBeTruthy();
    }
    expect(await page.locator('#chart-group svg').innerHTML()).toContain('老年人');
    expect(await page.locator('#chart-venue svg').innerHTML()).toContain('进社区');
    expect(await page.locator('#chart-week svg').innerHTML()).toMatch(/W\d\d/);
  });

  it('shows the progress of the campaigns that run in the period, with on-track colouring', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    const { from, to } = await period(page);
    const res = await t.gql(`{ campaigns(filter: { orgUnitId: "${UNITS.headOffice}" }, first: 200) { nodes { id name startDate endDate progress { metric goal actual onTrack } } } }`, {}, adminToken);
    expect(res.errors).toBeUndefined();
    const running = res.data.campaigns.nodes.filter((c: { startDate: string; endDate: string }) => c.startDate <= to && c.endDate >= from);
    expect(running.length).toBeGreaterThan(0);
    await page.locator('#progress-list article').first().waitFor();
    expect((await page.locator('#progress-list h3').allInnerTexts()).sort()).toEqual(running.map((c: { name: string }) => c.name).sort());
    const first = running.find((c: { progress: unknown[] }) => c.progress.length > 0);
    const bars = page.locator(`#progress-list article[data-campaign-id="${first.id}"] [role=progressbar]`);
    expect(await bars.count()).toBe(first.progress.length);
    expect(await bars.first().getAttribute('aria-valuemax')).toBe(String(first.progress[0].goal));
    const rowClass = await page.locator(`#progress-list article[data-campaign-id="${first.id}"] .target`).first().getAttribute('class');
    expect(rowClass).toContain(first.progress[0].onTrack ? 'on-track' : 'behind');
  });

  it('downloads reach.xlsx that opens with exceljs and reach.csv that starts with the UTF-8 BOM', async () => {
    const { page } = await openLoggedIn(DESKTOP, true);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const cells: string[] = [];
    workbook.worksheets.forEach((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    expect(cells).toEqual(expect.arrayContaining(['兰州分行']));
    expect(await textOf(page.locator('#export-status'))).toContain(xlsx.suggestedFilename());
    // The totals row (under the header) carries the four learning outcomes as the API gives them, and as the page shows them.
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map((v) => (v == null ? '' : String(v)));
    const columns = OUTCOME_HEADERS.map((name) => header.indexOf(name));
    expect(columns.every((c) => c > 0)).toBe(true);
    expect(String(sheet.getRow(2).getCell(1).value)).toBe('合计');
    const { from, to } = await period(page);
    const expected = await reachTotals({ orgUnitId: UNITS.headOffice, from, to });
    const exported = columns.map((c) => {
      const value = sheet.getRow(2).getCell(c).value;
      return value == null ? '' : String(value);
    });
    expect(exported.every((v) => v !== '')).toBe(true); // the test's own feedback gives all four a value
    expect(exported).toEqual(OUTCOMES.map((k) => expected[k]));
    const shown = await shownTotals(page);
    expect(exported).toEqual(OUTCOMES.map((k) => shown[k]));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('兰州分行');
  });

  it('switches to English and keeps it after a reload', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await textOf(page.locator('#total-attendees dt'))).toBe('Attendees');
    expect(await textOf(page.locator('#units-title'))).toBe('Units below');
    await page.locator('#chart-group svg').waitFor();
    expect(await page.locator('#chart-group svg').innerHTML()).toContain('Elderly');
    await page.reload();
    await waitForScope(page, '总行');
    expect(await textOf(page.locator('#totals-title'))).toContain('Reach');
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
  });

  it('fits 768 px without horizontal page overflow, and 1280 px too; takes screenshots', async () => {
    const { page: wide } = await openLoggedIn(DESKTOP);
    await wide.locator('#progress-list article').first().waitFor();
    await wide.locator('#chart-week svg').waitFor();
    expect(await wide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await wide.screenshot({ path: '/tmp/shots/dashboard-1280.png', fullPage: true });
    await wide.screenshot({ path: '/tmp/shots/dashboard-1280-top.png' });

    const { page } = await openLoggedIn(TABLET);
    await page.locator('#progress-list article').first().waitFor();
    await page.locator('#chart-week svg').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    // The units table scrolls inside its own region when it is wider than the screen.
    const region = await page.evaluate(() => {
      const r = document.querySelector('.table-scroll');
      return { overflowX: getComputedStyle(r).overflowX, right: r.getBoundingClientRect().right };
    });
    expect(region.overflowX).toBe('auto');
    expect(region.right).toBeLessThanOrEqual(768);
    await page.screenshot({ path: '/tmp/shots/dashboard-768.png', fullPage: true });
    await page.locator('#units-body').getByRole('button', { name: '兰州分行' }).click();
    await waitForScope(page, '兰州分行');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  });

  it('has no serious or critical axe-core violations with figures shown, in Chinese and in English', async () => {
    const { page } = await openLoggedIn(DESKTOP);
    await page.locator('#progress-list article').first().waitFor();
    await page.locator('#chart-week svg').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('#chart-week svg').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
