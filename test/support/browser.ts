import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { tempDir } from './app.js';
import { ROOT, startServerProcess, type ServerProcess } from './server.js';

/** Debian's chromium; CHROMIUM_PATH overrides it elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

/** Headless chromium with nothing that phones home: the tests only talk to 127.0.0.1. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedContext {
  context: BrowserContext;
  /** Console errors and warnings, uncaught page errors, CSP violations, off-host requests. */
  problems: string[];
}

/**
 * A browser context that records everything that should never happen: console errors,
 * uncaught exceptions, CSP violations, dialogs, and requests to anything but 127.0.0.1
 * (those are also blocked).
 */
export async function watchedContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<WatchedContext> {
  // Reduced motion: charts draw at once, so screenshots show them finished.
  const context = await browser.newContext({ acceptDownloads: true, reducedMotion: 'reduce', ...options });
  // Well under the test timeout, so a stuck step names itself instead of timing the test out.
  context.setDefaultTimeout(8_000);
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    problems.push(`request to ${url.href}`);
    return route.abort();
  });
  // CSP violations also reach the console, but this catches them even when a page swallows logs.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  context.on('page', (page) => watchPage(page, problems));
  return { context, problems };
}

function watchPage(page: Page, problems: string[]) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
}

/** Saves a full-page screenshot to test/artifacts/NAME.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const DASHBOARD_ADMIN_KEY = 'admin-key-for-dashboard-tests';

/**
 * One real server (temp database, ADMIN_API_KEY, plus `env`) and one chromium for a test file,
 * with a fresh watched context per test; after each test, any unexpected browser problem fails it.
 */
export function useDashboard(env: Record<string, string> = {}) {
  const dir = tempDir('linkpost-dashboard-');
  let server: ServerProcess;
  let browser: Browser;
  let watched: WatchedContext | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServerProcess({ ...env, DATABASE_PATH: join(dir, 'dash.db'), ADMIN_API_KEY: DASHBOARD_ADMIN_KEY }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    const problems = watched?.problems ?? [];
    await watched?.context.close();
    watched = null;
    expect(problems).toEqual([]);
  });

  return {
    get url() {
      return server.url;
    },
    get context() {
      return watched!.context;
    },
    /** A page in a fresh context whose console errors, CSP violations and off-host requests fail the test. */
    async newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
      watched = await watchedContext(browser, options);
      return watched.context.newPage();
    },
    /** Drops the failed-resource console errors a step expects (e.g. a wrong key's 401); others still fail. */
    allowResourceErrors(...statuses: number[]) {
      const problems = watched!.problems;
      const expected = problems.filter((p) => statuses.some((s) => p.includes(`status of ${s}`)));
      expect(expected.length).toBeGreaterThan(0);
      problems.splice(0, problems.length, ...problems.filter((p) => !expected.includes(p)));
    },
    /** The API with the admin key, from the test process. */
    async api(method: string, path: string, body?: unknown) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${DASHBOARD_ADMIN_KEY}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
    },
    /** A click on a short link as a browser (or a bot) makes it: no redirect followed off-host. */
    async visit(slug: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${server.url}/${slug}`, {
        redirect: 'manual',
        headers: { 'user-agent': CHROME_UA, ...headers },
      });
      expect(res.status).toBe(302);
    },
    /** Waits until the counters behind /api/stats hold a link's clicks (the click writer batches them). */
    async counted(slug: string, clicks: number, bots = 0) {
      await expect
        .poll(
          async () => (await this.api('GET', `/api/stats?slug=${encodeURIComponent(slug)}&bots=exclude`)).body.totals,
          { timeout: 15_000 },
        )
        .toMatchObject({ clicks, bots });
    },
    /** Opens a deep link, meets the sign-in page, signs in, and lands where it was going. */
    async signIn(page: Page, hash = '#/links') {
      await page.goto(`${server.url}/dashboard/${hash}`);
      await page.getByLabel('API key').fill(DASHBOARD_ADMIN_KEY);
      // A view may rewrite its query at once (Compare adds hours=72), so match the route and listen before clicking:
      // on a slow machine the whole round trip can finish before a wait set up afterwards starts.
      const route = hash.split('?')[0];
      await Promise.all([
        page.waitForURL((u) => u.hash.split('?')[0] === route, { timeout: 15_000 }),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      await page.locator('.signin').waitFor({ state: 'detached' });
    },
  };
}

/** Clicks a download button and reads the CSV it saves: its file name, its BOM, and its rows by column name. */
export async function downloadCsv(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  return {
    filename: download.suggestedFilename(),
    bom: text.startsWith('\uFEFF'),
    rows: parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[],
  };
}

export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
