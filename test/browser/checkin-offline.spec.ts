/**
 * Issue 4's browser scenario against the real API: a volunteer on a phone checks
 * people in online, loses the network, keeps tapping, reloads the page with no
 * network, and when the network is back the server holds every person exactly once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { UNITS, USERS } from 'seeds/demo-bank';
import { describeBrowser, eventually, PHONE, seriousAxeViolations, ServedApp, startBrowserAndApp, textOf, waitForServiceWorker } from './browser';

const ROOT = join(__dirname, '..', '..');

/** Where the API of this scenario is declared: the committed schema or a resolver under src/ (not the page). */
function apiDeclared(name: string): boolean {
  if (readFileSync(join(ROOT, 'schema.gql'), 'utf8').includes(`${name}(`)) return true;
  const walk = (dir: string): boolean =>
    readdirSync(dir).some((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return entry !== 'web' && walk(path);
      return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && readFileSync(path, 'utf8').includes(name);
    });
  return walk(join(ROOT, 'src'));
}

/** What the scenario uses; the running schema must have all of it once the distinctive names are declared. */
/** What the scenario uses; the running schema must have all of it once the distinctive names are declared. */
const REQUIRED = {
  mutations: ['syncCheckIns', 'checkIn', 'createEvent', 'assignToEvent', 'scheduleEvent', 'createCheckInLink', 'joinEvent', 'createUser'],
  queries: ['myEvents', 'attendance', 'checkIns', 'event'],
};
const MISSING = ['syncCheckIns', 'myEvents', 'assignToEvent', 'joinEvent'].filter((name) => !apiDeclared(name));
if (MISSING.length) {
  console.warn(`checkin-offline browser scenario SKIPPED: the API does not declare ${MISSING.join(', ')} yet (issue 4; src/checkin, src/events).`);
}
// The lead removes this switch once the API has landed: then a missing chromium skips (or fails under CI) like the other suites.
const describeWithApi = MISSING.length ? describe.skip : describeBrowser;

const MINUTE = 60_000;

/**
 * A fixed-offset zone in which it is now about noon, so "today" in the browser
 * (myEvents from 00:00 to 23:59 local) holds the whole event whatever hour the test runs.
 */
function noonZone(): string {
  const offset = Math.max(-12, Math.min(14, 12 - new Date().getUTCHours()));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describeWithApi('check-in page offline scenario (real API)', () => {
  let t: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let staffToken: string;
  /** A volunteer of its own: the demo volunteer is already on today's demo events, and a person cannot be at two at once. */
  const volunteer = { email: `browser.volunteer.${Date.now()}@finreach.test`, password: 'browser-test-2025', id: '' };

  beforeAll(async () => {
    ({ t, browser } = await startBrowserAndApp());
    const schema = await t.gql(`{ __schema { mutationType { fields { name } } queryType { fields { name } } } }`);
    const mutations = schema.data.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    const queries = schema.data.__schema.queryType.fields.map((f: { name: string }) => f.name);
    const absent = [...REQUIRED.mutations.filter((m) => !mutations.includes(m)), ...REQUIRED.queries.filter((q) => !queries.includes(q))];
    if (absent.length) throw new Error(`not in the running schema: ${absent.join(', ')}`);
    staffToken = await t.login(USERS.lanzhouStaff.email);
    const created = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: volunteer.email, name: '浏览器测试 志愿者', password: volunteer.password, role: 'VOLUNTEER', orgUnitId: UNITS.lanzhouDonggang } },
      await t.login(USERS.admin.email),
    );
    expect(created.errors).toBeUndefined();
    volunteer.id = created.data.createUser.id;
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A SCHEDULED event from half an hour ago to an hour from now, optionally with the test volunteer assigned. */
  async function createTodaysEvent(title: string, assign: boolean): Promise<string> {
    const now = Date.now();
    const created = await t.gql(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title,
          orgUnitId: UNITS.lanzhouDonggang,
          venueType: 'COMMUNITY',
          venueName: '东岗街道社区活动中心',
          address: '兰州市城关区东岗西路 1 号',
          startsAt: new Date(now - 30 * MINUTE).toISOString(),
          endsAt: new Date(now + 60 * MINUTE).toISOString(),
          targetGroups: ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'GENERAL'],
          topics: ['防范电信网络诈骗'],
          capacity: 100,
        },
      },
      staffToken,
    );
    expect(created.errors).toBeUndefined();
    const eventId = created.data.createEvent.id as string;
    if (assign) {
      const assigned = await t.gql(
        `mutation ($eventId: ID!, $userId: ID!) { assignToEvent(eventId: $eventId, userId: $userId, role: VOLUNTEER) { id } }`,
        { eventId, userId: volunteer.id },
        staffToken,
      );
      expect(assigned.errors).toBeUndefined();
    }
    const scheduled = await t.gql(`mutation ($id: ID!) { scheduleEvent(id: $id) { status } }`, { id: eventId }, staffToken);
    expect(scheduled.errors).toBeUndefined();
    return eventId;
  }

  async function serverState(eventId: string) {
    const res = await t.gql(
      `query ($id: ID!) { attendance(eventId: $id) { total byTargetGroup { targetGroup count } }
                          checkIns(eventId: $id, first: 200) { totalCount nodes { clientId count targetGroup name phoneMasked } } }`,
      { id: eventId },
      staffToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data as {
      attendance: { total: number; byTargetGroup: { targetGroup: string; count: number }[] };
      checkIns: { totalCount: number; nodes: { clientId: string; count: number; targetGroup: string; name: string | null; phoneMasked: string | null }[] };
    };
  }

  const pending = (page: Page) => page.locator('#pending').getAttribute('data-count').then(Number);
  const shownTotal = (page: Page) => textOf(page.locator('#total')).then(Number);
  const tap = (page: Page, zh: string) => page.locator('#group-buttons button', { hasText: zh }).click();

  it('ten taps and two named attendees online, five taps offline and a reload offline: the server holds exactly 17, none twice', async () => {
    const eventId = await createTodaysEvent('3·15 金融知识进社区（浏览器测试）', true);
    context = await browser.newContext({ ...PHONE, timezoneId: noonZone(), bypassCSP: true });
    const sent: string[] = [];
    context.on('request', (request) => {
      if (!request.url().endsWith('/graphql')) return;
      const body = request.postDataJSON() as { variables?: { items?: { clientId: string }[] } };
      for (const item of body.variables?.items ?? []) sent.push(item.clientId);
    });
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/checkin');
    await waitForServiceWorker(page);

    await page.getByLabel('邮箱').fill(volunteer.email);
    await page.getByLabel('密码').fill(volunteer.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('.event-card', { hasText: '3·15 金融知识进社区（浏览器测试）' }).click();
    await page.locator('#checkin-view').waitFor();

    // Online: ten taps and two named attendees.
    for (const zh of ['老年人', '老年人', '老年人', '老年人', '青少年', '青少年', '青少年', '新市民', '新市民', '一般公众']) await tap(page, zh);
    await page.locator('#named summary').click();
    await page.getByLabel('姓名（可选）').fill('王奶奶');
    await page.getByLabel('手机号（可选）').fill('138 0013 8000');
    await page.getByLabel('所属人群').selectOption('ELDERLY');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByLabel('手机号（可选）').fill('13912345678');
    await page.getByLabel('所属人群').selectOption('NEW_CITIZEN');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    expect(await shownTotal(page)).toBe(12);
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect((await serverState(eventId)).attendance.total).toBe(12);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Offline: five more taps, counted at once and queued.
    await context.setOffline(true);
    for (const zh of ['老年人', '青少年', '新市民', '一般公众', '一般公众']) await tap(page, zh);
    expect(await shownTotal(page)).toBe(17);
    expect(await pending(page)).toBe(5);
    expect(await textOf(page.locator('#net-text'))).toBe('离线：签到先保存在手机上');
    await page.screenshot({ path: '/tmp/checkin-offline-360.png', fullPage: true });

    // A reload with no network: the service worker opens the page, the queue is still there.
    await page.reload();
    await page.locator('#checkin-view').waitFor();
    expect(await pending(page)).toBe(5);
    expect(await shownTotal(page)).toBe(17);
    expect((await serverState(eventId)).attendance.total).toBe(12);

    // Back online: the queue is sent and the server holds exactly 17, none twice.
    await context.setOffline(false);
    expect(await eventually(() => pending(page), (n) => n === 0, 15_000)).toBe(0);
    const state = await serverState(eventId);
    expect(state.attendance.total).toBe(17);
    expect(state.checkIns.totalCount).toBe(17);
    const clientIds = state.checkIns.nodes.map((n) => n.clientId);
    expect(new Set(clientIds).size).toBe(17);
    expect(new Set(clientIds)).toEqual(new Set(sent));
    const byGroup = Object.fromEntries(state.attendance.byTargetGroup.map((g) => [g.targetGroup, g.count]));
    expect(byGroup).toMatchObject({ ELDERLY: 6, YOUTH: 4, NEW_CITIZEN: 4, GENERAL: 3 });
    expect(state.checkIns.nodes.filter((n) => n.phoneMasked).map((n) => n.phoneMasked).sort()).toEqual(['138****8000', '139****5678']);
    expect(await eventually(() => shownTotal(page), (n) => n === 17)).toBe(17);
    expect(await textOf(page.locator('#net-text'))).toBe('在线');
  });

  it('a volunteer who opens a check-in link gives a name, lands on the event and checks people in', async () => {
    const eventId = await createTodaysEvent('防范非法集资宣传（扫码加入测试）', false);
    const link = await t.gql(`mutation ($id: ID!) { createCheckInLink(eventId: $id) { url token } }`, { id: eventId }, staffToken);
    expect(link.errors).toBeUndefined();
    const { url, token } = link.data.createCheckInLink as { url: string; token: string };
    expect(new URL(url).pathname).toBe(`/checkin/join/${encodeURIComponent(token)}`); // the path the page reads the token from

    context = await browser.newContext({ ...PHONE, timezoneId: noonZone(), bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}${new URL(url).pathname}`);
    await page.getByLabel('您的姓名').fill('扫码志愿者');
    await page.getByRole('button', { name: '加入', exact: true }).click();
    await page.locator('#checkin-view').waitFor(); // its one event opens by itself
    expect(await textOf(page.locator('#event-title'))).toBe('防范非法集资宣传（扫码加入测试）');
    await tap(page, '老年人');
    await tap(page, '青少年');
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect((await serverState(eventId)).attendance.total).toBe(2);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Reopening the same link keeps the session: no second name prompt.
    await page.reload();
    await page.locator('#checkin-view').waitFor();
    expect(await shownTotal(page)).toBe(2);
  });
});
