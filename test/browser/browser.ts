/**
 * Browser test harness: Debian's chromium driven by playwright-core (never
 * `npx playwright install`), and the real app listening on a local port.
 *
 * Without /usr/bin/chromium the browser suites are skipped with a message,
 * except under CI=true, where they fail: install it with
 * `apt-get update && apt-get install -y chromium`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Locator, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';

// Callbacks given to page.evaluate run in the page; this project's lib has no DOM types.
 
declare const window: any, document: any, navigator: any;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The phone the page is designed for. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  userAgent:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

function chooseDescribe(): jest.Describe {
  if (existsSync(CHROMIUM_PATH)) return describe;
  if (process.env.CI === 'true') return describe; // launchBrowser() then fails the suite with the reason
  console.warn(
    `Browser tests SKIPPED: ${CHROMIUM_PATH} is missing. Install it with "apt-get update && apt-get install -y chromium" ` +
      '(or set CHROMIUM_PATH). Under CI=true these tests fail instead of skipping.',
  );
  return describe.skip;
}

/** `describe` when chromium is there, `describe.skip` (with a message) when it is not and CI is not set. */
export const describeBrowser: jest.Describe = chooseDescribe();

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`CI=true and ${CHROMIUM_PATH} is missing: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface ServedApp extends TestApp {
  /** http://127.0.0.1:<port>: a secure context, so service workers and crypto.randomUUID work. */
  baseUrl: string;
}

/** The real app (startTestApp) listening on an ephemeral local port for the browser. */
export async function startServedApp(): Promise<ServedApp> {
  const t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return Object.assign(t, { baseUrl: `http://127.0.0.1:${port}` });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (WCAG 2.x A/AA rules and best practices) and
 * returns the serious and critical violations. The context needs `bypassCSP: true`
 * for the injected script, because the page's CSP allows no inline script.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core'), 'utf8') });
  }
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until a service worker controls the page (first visit: after install, activate and clients.claim). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  });
}

/** Collects page errors, console errors and CSP refusals of a context. */
export function watchConsole(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on('page', (page) => attach(page));
  for (const page of context.pages()) attach(page);
  function attach(page: Page) {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  }
  return problems;
}

/** Polls until `read` gives a value `accept` likes, or the timeout passes; returns the last value read (assert on it). */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The element's visible text once it is visible, trimmed. */
export async function textOf(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
  return (await locator.innerText()).trim();
}

/** Waits (up to 10 s) for the element to show exactly `expected` and returns what it shows. */
export function waitForText(locator: Locator, expected: string): Promise<string> {
  return eventually(() => locator.innerText().then((s) => s.trim(), () => ''), (s) => s === expected);
}

/** The browser and the served app, started side by side; if one fails, the other is closed before rethrowing. */
export async function startBrowserAndApp(): Promise<{ browser: Browser; t: ServedApp }> {
  const [browser, t] = await Promise.allSettled([launchBrowser(), startServedApp()]);
  if (browser.status === 'fulfilled' && t.status === 'fulfilled') return { browser: browser.value, t: t.value };
  if (browser.status === 'fulfilled') await browser.value.close();
  if (t.status === 'fulfilled') await t.value.close();
  throw browser.status === 'rejected' ? browser.reason : (t as PromiseRejectedResult).reason;
}
