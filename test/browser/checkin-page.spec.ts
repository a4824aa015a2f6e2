import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  DESKTOP,
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
 
declare const document: any;

const PAGE_BUDGET_BYTES = 100 * 1024;

describeBrowser('check-in page (/checkin)', () => {
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

  async function open(options = PHONE, path = '/checkin'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...options, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + path);
    return { context, page };
  }

  it('serves the page, its assets and the service worker with ETags and cache headers', async () => {
    const html = await t.http().get('/checkin').expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['cache-control']).toBe('no-cache');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    const version = /app\.js\?v=([0-9a-f]{12})/.exec(html.text)?.[1];
    expect(version).toBeDefined();
    expect(html.text).not.toContain('__VERSION__');
    await t.http().get('/checkin').set('If-None-Match', html.headers.etag).expect(304);

    const join = await t.http().get('/checkin/join/some-token').expect(200);
    expect(join.text).toBe(html.text);

    const script = await t.http().get(`/checkin/app.js?v=${version}`).expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers.etag).toMatch(/^"[\w-]+"$/);
    const unversioned = await t.http().get('/checkin/app.css').expect(200);
    expect(unversioned.headers['cache-control']).toBe('no-cache');
    await t.http().get('/checkin/app.css').set('If-None-Match', unversioned.headers.etag).expect(304);

    const worker = await t.http().get('/checkin/sw.js').expect(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['service-worker-allowed']).toBe('/checkin');
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.text).toContain(`'${version}'`);

    const manifest = await t.http().get('/checkin/manifest.webmanifest').expect(200);
    expect(JSON.parse(manifest.text).start_url).toBe('/checkin');
    await t.http().get('/checkin/index.html').expect(404);
    await t.http().get('/checkin/../package.json').expect(404);
    await t.http().get('/checkin/nothing.js').expect(404);
  });

  it('shows the login form in zh-CN on a 360 px phone and remembers a switch to English', async () => {
    const { page } = await open();
    expect(await textOf(page.locator('#login-title'))).toBe('登录');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe('活动签到 · finreach');
    expect(await page.getByLabel('邮箱').isVisible()).toBe(true);
    expect(await page.getByLabel('密码').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: '/tmp/checkin-login-360-zh.png', fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await textOf(page.locator('#login-title'))).toBe('Log in');
    expect(await page.getByLabel('Email').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '中文' }).isVisible()).toBe(true);

    await page.reload();
    expect(await textOf(page.locator('#login-title'))).toBe('Log in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: '/tmp/checkin-login-360-en.png', fullPage: true });
  });

  it('has no serious or critical axe-core violations, in Chinese and in English', async () => {
    const { page } = await open();
    await page.locator('#login-view').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await textOf(page.locator('#login-title'))).toBe('Log in');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const join = await open(PHONE, '/checkin/join/abc');
    await join.page.locator('#join-view').waitFor();
    expect(await seriousAxeViolations(join.page)).toEqual([]);
  });

  it('transfers the page, its script and its styles in under 100 KB', async () => {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    const loads: Promise<{ type: string; url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      const type = request.resourceType();
      if (type === 'document' || type === 'script' || type === 'stylesheet') {
        loads.push(request.sizes().then((s) => ({ type, url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
      }
    });
    await page.goto(t.baseUrl + '/checkin', { waitUntil: 'load' });
    const sizes = await Promise.all(loads);
    expect(sizes.map((s) => s.type).sort()).toEqual(['document', 'script', 'stylesheet']);
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    expect(total).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('runs under its own CSP without errors and opens offline from the service worker', async () => {
    const context = await browser.newContext(PHONE); // CSP enforced here
    contexts.push(context);
    const problems = watchConsole(context);
    const page = await context.newPage();
    await page.goto(t.baseUrl + '/checkin');
    await page.locator('#login-view').waitFor();
    await waitForServiceWorker(page);
    expect(problems).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await page.locator('#login-view').waitFor();
    await page.goto(t.baseUrl + '/checkin/join/offline-token');
    await page.locator('#join-view').waitFor();
    await page.getByLabel('您的姓名').fill('王志愿');
    await page.getByRole('button', { name: '加入' }).click();
    expect(await waitForText(page.locator('#join-error'), '需要网络连接，请稍后再试。')).toBe('需要网络连接，请稍后再试。');
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p))).toEqual([]);
  });

  it('takes screenshots at 360×740 and 1280×800', async () => {
    const phone = await open(PHONE);
    await phone.page.locator('#login-view').waitFor();
    await phone.page.screenshot({ path: '/tmp/checkin-login-360.png' });
    const desktop = await open(DESKTOP);
    await desktop.page.locator('#login-view').waitFor();
    await desktop.page.screenshot({ path: '/tmp/checkin-login-1280.png' });
    const join = await open(PHONE, '/checkin/join/abc');
    await join.page.locator('#join-view').waitFor();
    await join.page.screenshot({ path: '/tmp/checkin-join-360.png' });
  });
});
