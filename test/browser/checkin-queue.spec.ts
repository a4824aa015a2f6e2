/**
 * The check-in page's own logic (queue, sender, screens) against a stand-in
 * /graphql that follows DESIGN.md section 5; the page and its assets come from
 * the real app. checkin-offline.spec.ts runs the same flow against the real API.
 */
import { Browser, BrowserContext, Page } from 'playwright-core';
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
} from './browser';
import { FakeApi, FakeEvent } from './fake-api';

// Callbacks given to page.evaluate run in the page; this project's lib has no DOM types.
 
declare const window: any, localStorage: any;

const HOUR = 3600_000;
const QUEUE_PREFIX = 'finreach.checkin.q.';

function todaysEvents(): FakeEvent[] {
  const now = Date.now();
  return [
    {
      id: 'e-1', title: '3·15 金融知识进社区', venueName: '东岗街道社区活动中心', status: 'IN_PROGRESS',
      startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + 2 * HOUR).toISOString(),
      targetGroups: ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'],
    },
    {
      id: 'e-2', title: '防范电信诈骗进校园', venueName: '兰州市第二中学', status: 'SCHEDULED',
      startsAt: new Date(now + 3 * HOUR).toISOString(), endsAt: new Date(now + 4 * HOUR).toISOString(),
      targetGroups: ['YOUTH', 'GENERAL'],
    },
  ];
}

describeBrowser('check-in page: queue and sender (stand-in API)', () => {
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

  /** A phone that logged in and opened the first of today's events. */
  async function atEvent(api: FakeApi, options = PHONE): Promise<{ context: BrowserContext; page: Page }> {
    // No service worker here, so that every reload really asks the server (the worker has its own test).
    const context = await browser.newContext({ ...options, serviceWorkers: 'block', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    contexts.push(context);
    await api.install(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/checkin');
    await logIn(page);
    await page.locator('.event-card').first().click();
    await page.locator('#checkin-view').waitFor();
    return { context, page };
  }

  async function logIn(page: Page): Promise<void> {
    await page.getByLabel('邮箱').fill('volunteer@example.com');
    await page.getByLabel('密码').fill('right');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('.event-card').first().waitFor();
  }

  const group = (page: Page, zh: string) => page.locator('#group-buttons button', { hasText: zh });
  const pending = (page: Page) => page.locator('#pending').getAttribute('data-count').then(Number);
  const total = (page: Page) => textOf(page.locator('#total')).then(Number);
  const online = (page: Page) => page.evaluate(() => window.dispatchEvent(new window.Event('online')));

  it('lists today’s events and opens one with a large bilingual button per target group', async () => {
    const api = new FakeApi(todaysEvents());
    const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    contexts.push(context);
    const asked: Record<string, string>[] = [];
    context.on('request', (r) => {
      if (r.url().endsWith('/graphql') && /MyEvents/.test(r.postData() ?? '')) asked.push(r.postDataJSON().variables);
    });
    await api.install(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/checkin');
    await logIn(page);

    // The browser's local day (Asia/Shanghai here): 00:00 to 23:59:59.999 local, sent in UTC.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(asked[0]).toEqual({ from: new Date(`${day}T00:00:00+08:00`).toISOString(), to: new Date(`${day}T23:59:59.999+08:00`).toISOString() });
    const cards = await page.locator('.event-card').allInnerTexts();
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain('3·15 金融知识进社区');
    expect(cards[0]).toContain('东岗街道社区活动中心');
    expect(cards[0]).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    expect(await page.locator('#events-who').innerText()).toContain('张志愿');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/checkin-events-360.png', fullPage: true });

    await page.locator('.event-card').first().click();
    await page.locator('#checkin-view').waitFor();
    const buttons = page.locator('#group-buttons button');
    expect(await buttons.count()).toBe(6);
    for (const [zh, en] of [['老年人', 'Elderly'], ['青少年', 'Youth'], ['新市民', 'New citizens'], ['残障人士', 'People with disabilities'], ['少数民族', 'Ethnic minorities'], ['一般公众', 'General public']]) {
      const button = page.getByRole('button', { name: `${zh} ${en}` });
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    }
    expect(await page.evaluate(() => window.document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('#named summary').click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('#named summary').click();
    await group(page, '老年人').click();
    await group(page, '老年人').click();
    await group(page, '青少年').click();
    await eventually(() => pending(page), (n) => n === 0);
    await page.screenshot({ path: '/tmp/checkin-event-360.png', fullPage: true });

    // The other event lists only its own groups.
    await page.getByRole('button', { name: '换一个活动' }).click();
    await page.locator('.event-card').nth(1).click();
    expect(await page.locator('#group-buttons button').allInnerTexts()).toEqual(['青少年\nYouth', '一般公众\nGeneral public']);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('#group-buttons button').allInnerTexts()).toEqual(['Youth\n青少年', 'General public\n一般公众']);
    expect(await textOf(page.locator('#tap-title'))).toBe('Tap a group once for each person');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('counts a tap at once and sends it with syncCheckIns: own clientId, count 1, checkedInAt, no personal data', async () => {
    const api = new FakeApi(todaysEvents());
    const { page } = await atEvent(api);
    const before = Date.now();
    await group(page, '老年人').click();
    await group(page, '老年人').click();
    await group(page, '老年人').click();
    await group(page, '青少年').click();
    expect(await total(page)).toBe(4); // shown before any answer could arrive
    expect(await waitForText(page.locator('#tap-feedback'), '已记录：青少年 +1')).toBe('已记录：青少年 +1');
    await eventually(() => pending(page), (n) => n === 0);
    const inputs = [...api.accepted.values()];
    expect(inputs).toHaveLength(4);
    expect(new Set(inputs.map((i) => i.clientId)).size).toBe(4);
    for (const input of inputs) {
      expect(input).toEqual({ clientId: expect.any(String), eventId: 'e-1', targetGroup: expect.stringMatching(/^(ELDERLY|YOUTH)$/), count: 1, checkedInAt: expect.any(String) });
      expect(Date.parse(input.checkedInAt!)).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(await page.locator('#totals-body td[data-group="ELDERLY"]').innerText()).toBe('3');
    expect(await page.locator('#pending').innerText()).toBe('已全部发送');

    // A named attendee: the phone is normalised before it leaves the phone; a bad one is refused locally.
    await page.locator('#named summary').click();
    await page.getByLabel('手机号（可选）').fill('12345');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    expect(await textOf(page.locator('#named-error'))).toBe('请输入 11 位中国大陆手机号。');
    await page.getByLabel('姓名（可选）').fill('李阿姨');
    await page.getByLabel('手机号（可选）').fill('+86 138-0013-8000');
    await page.getByLabel('所属人群').selectOption('ELDERLY');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    expect(await total(page)).toBe(5);
    await eventually(() => pending(page), (n) => n === 0);
    const named = [...api.accepted.values()].find((i) => i.name);
    expect(named).toMatchObject({ name: '李阿姨', phone: '13800138000', targetGroup: 'ELDERLY', count: 1 });
    expect(api.accepted.size).toBe(5);
  });

  it('issue 4 scenario on the stand-in: 10 taps + 2 named online, 5 taps offline, reload offline, back online: 17 held, none twice', async () => {
    const api = new FakeApi(todaysEvents());
    // The service worker stays on here: it never answers POSTs, so the stand-in still sees every GraphQL request.
    const context = await browser.newContext({ ...PHONE, timezoneId: 'Asia/Shanghai', bypassCSP: true });
    contexts.push(context);
    await api.install(context);
    const sent: string[] = [];
    context.on('request', (r) => {
      if (r.url().endsWith('/graphql')) for (const item of r.postDataJSON().variables?.items ?? []) sent.push(item.clientId);
    });
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/checkin');
    await waitForServiceWorker(page);
    await logIn(page);
    await page.locator('.event-card').first().click();

    for (const zh of ['老年人', '老年人', '老年人', '老年人', '青少年', '青少年', '青少年', '新市民', '新市民', '一般公众']) await group(page, zh).click();
    await page.locator('#named summary').click();
    await page.getByLabel('姓名（可选）').fill('王奶奶');
    await page.getByLabel('手机号（可选）').fill('138 0013 8000');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByLabel('手机号（可选）').fill('13912345678');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect(api.total('e-1')).toBe(12);

    await context.setOffline(true);
    for (const zh of ['老年人', '青少年', '新市民', '一般公众', '一般公众']) await group(page, zh).click();
    expect(await total(page)).toBe(17);
    expect(await pending(page)).toBe(5);
    expect(await textOf(page.locator('#net-text'))).toBe('离线：签到先保存在手机上');
    await page.screenshot({ path: '/tmp/checkin-offline-360.png' });

    await page.reload(); // served by the service worker
    await page.locator('#checkin-view').waitFor();
    expect(await pending(page)).toBe(5);
    expect(await total(page)).toBe(17);
    expect(api.total('e-1')).toBe(12);

    await context.setOffline(false);
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect(api.total('e-1')).toBe(17);
    expect(new Set(sent).size).toBe(17);
    expect(new Set(api.accepted.keys())).toEqual(new Set(sent));
    expect(await textOf(page.locator('#net-text'))).toBe('在线');
  });

  it('keeps check-ins while the server cannot be reached, across a reload and a 503, and sends each once when it is back', async () => {
    const api = new FakeApi(todaysEvents());
    const { page } = await atEvent(api);
    api.mode = 'unreachable';
    for (let i = 0; i < 5; i++) await group(page, i < 3 ? '新市民' : '一般公众').click();
    expect(await total(page)).toBe(5);
    expect(await eventually(() => page.locator('#net-text').innerText(), (s) => s === '连不上服务器，稍后自动重试')).toBe('连不上服务器，稍后自动重试');
    expect(await page.locator('#pending').innerText()).toContain('待发送 5 条');
    await page.screenshot({ path: '/tmp/checkin-unreachable-360.png', fullPage: true });

    await page.reload();
    await page.locator('#checkin-view').waitFor();
    expect(await pending(page)).toBe(5);
    expect(await total(page)).toBe(5);

    api.mode = 'error503';
    await online(page);
    await page.waitForTimeout(500);
    expect(await pending(page)).toBe(5);

    api.mode = 'up';
    await online(page);
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect(api.accepted.size).toBe(5);
    expect(await total(page)).toBe(5);
  });

  it('drops REJECTED and DUPLICATE results from the queue and shows why they did not count', async () => {
    const api = new FakeApi(todaysEvents());
    api.rejectGroups.set('YOUTH', 'OUTSIDE_CHECKIN_WINDOW');
    const { page } = await atEvent(api);
    await group(page, '青少年').click();
    await group(page, '老年人').click();
    await page.locator('#named summary').click();
    for (let i = 0; i < 2; i++) {
      await page.getByLabel('手机号（可选）').fill('13912345678');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await eventually(() => pending(page), (n) => n === 0);
    }
    const problems = await page.locator('#problem-list li').allInnerTexts();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('139****5678');
    expect(problems[0]).toContain('此手机号已经签到过');
    expect(problems[1]).toContain('不在签到时间内');
    expect(await eventually(() => total(page), (n) => n === 2)).toBe(2); // the elderly tap and the first phone
    await page.screenshot({ path: '/tmp/checkin-problems-360.png', fullPage: true });
    await page.getByRole('button', { name: '清除' }).click();
    expect(await page.locator('#problems').isHidden()).toBe(true);
  });

  it('on UNAUTHENTICATED shows the login again and keeps the queue, then sends it after login', async () => {
    const api = new FakeApi(todaysEvents());
    const { page } = await atEvent(api);
    api.revokeTokens();
    // Two quick taps: both are queued before the sender's first (refused) request.
    await page.evaluate(() => {
      for (const g of ['ELDERLY', 'DISABLED']) window.document.querySelector(`#group-buttons [data-group="${g}"]`).click();
    });
    await page.locator('#login-view').waitFor();
    expect(await textOf(page.locator('#login-error'))).toBe('登录已过期，请重新登录。未发送的签到不会丢失。');
    const kept = await page.evaluate((prefix) => Object.keys(localStorage).filter((k: string) => k.startsWith(prefix)).length, QUEUE_PREFIX);
    expect(kept).toBe(2);
    expect(api.accepted.size).toBe(0);

    await page.getByLabel('邮箱').fill('volunteer@example.com');
    await page.getByLabel('密码').fill('right');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#checkin-view').waitFor(); // straight back to the event it was on
    expect(await eventually(() => pending(page), (n) => n === 0)).toBe(0);
    expect(api.accepted.size).toBe(2);
  });

  it('sends a long offline queue in batches of at most 500, isolates a bad item, and keeps everything while the server lacks the mutation', async () => {
    const api = new FakeApi(todaysEvents());
    const { page } = await atEvent(api);
    api.mode = 'unreachable';
    await page.evaluate((prefix) => {
      const at = Date.now();
      for (let n = 0; n < 1010; n++) {
        const clientId = window.crypto.randomUUID();
        const input: Record<string, unknown> = { clientId, eventId: 'e-1', targetGroup: 'GENERAL', count: 1, checkedInAt: new Date(at).toISOString() };
        if (n === 1005) input.name = 'BAD';
        localStorage.setItem(prefix + clientId, JSON.stringify({ input, at, n }));
      }
    }, QUEUE_PREFIX);
    await page.reload();
    await page.locator('#checkin-view').waitFor();
    expect(await pending(page)).toBe(1010);
    expect(await total(page)).toBe(1010);

    api.mode = 'up';
    api.unknownOperations.add('Sync');
    await online(page);
    await page.waitForTimeout(500);
    expect(await pending(page)).toBe(1010); // an unknown mutation is the server's problem, not the items'

    api.unknownOperations.clear();
    await online(page);
    expect(await eventually(() => pending(page), (n) => n === 0, 20_000)).toBe(0);
    expect(api.syncBatches).toEqual([500, 500]);
    expect(api.singleCheckIns).toHaveLength(10); // the last batch, one by one, after it was refused as a whole
    expect(api.accepted.size).toBe(1009);
    const problems = await page.locator('#problem-list li').allInnerTexts();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('内容有误');
  });

  it('looks right on a desktop browser too', async () => {
    const api = new FakeApi(todaysEvents());
    const { page } = await atEvent(api, DESKTOP);
    await group(page, '老年人').click();
    await eventually(() => pending(page), (n) => n === 0);
    await page.screenshot({ path: '/tmp/checkin-event-1280.png', fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
