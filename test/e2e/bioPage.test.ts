import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrast, focusRing, overflow, paintedText } from '../support/accessibility.js';
import { CHROME_UA, screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

// The destinations: a second loopback server, so following an entry ends somewhere real.
let landing: Server;
let landingUrl: string;
beforeAll(async () => {
  landing = createServer((req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>landed</title><p id="url">${req.url}</p>`),
  );
  await new Promise<void>((r) => landing.listen(0, '127.0.0.1', r));
  landingUrl = `http://127.0.0.1:${(landing.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => landing.close(() => r())));

/** A 1×1 PNG, served for the avatar's https URL (tests never leave the machine). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAFAgJ/qs3PJQAAAABJRU5ErkJggg==',
  'base64',
);
const AVATAR = 'https://avatars.example/acme.png';

let made = 0;
/** A page with three posts on it (the destinations carry their own UTM tags). */
async function makePage(handle: string) {
  const n = ++made;
  const slugs = [`${handle}-spring`, `${handle}-blog`, `${handle}-shop`];
  const titles = ['Spring collection: everything new this season, in one place', 'Read the blog', 'Shop'];
  for (const [i, slug] of slugs.entries()) {
    const res = await dash.api('POST', '/api/links', {
      url: `${landingUrl}/p${n}/${i}`,
      slug,
      title: titles[i],
      network: 'instagram',
      campaign: 'Spring Launch',
    });
    expect(res.status).toBe(201);
  }
  const res = await dash.api('POST', '/api/bio-pages', {
    handle,
    title: 'Acme Outdoor',
    text: 'Gear for every trail.\nNew drops every Friday.',
    avatarUrl: AVATAR,
    links: slugs,
  });
  expect(res.status).toBe(201);
  return {
    slugs,
    destinations: await Promise.all(
      slugs.map(async (s) => (await dash.api('GET', `/api/links/${s}`)).body.destination as string),
    ),
  };
}

/** Serves the avatar; registered after the watched context's guard, so it runs first. */
const serveAvatar = (page: Page) =>
  page.context().route(AVATAR, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));

/** Text contrast and the focus ring at every keyboard stop, as the dashboard's check measures them. */
async function accessibilityFailures(page: Page, name: string) {
  const failures: string[] = [];
  const texts = await paintedText(page);
  expect(texts.length).toBeGreaterThan(3);
  for (const t of texts) {
    const ratio = contrast(t.color, t.backgrounds);
    if (ratio < (t.large ? 3 : 4.5)) failures.push(`${name} text ${t.what}: ${ratio.toFixed(2)}:1`);
  }
  let stops = 0;
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    if (ring.what.startsWith('body')) break;
    stops++;
    const ratio = contrast(ring.color, ring.backgrounds);
    if (ring.style === 'none' || ring.width < 2 || ratio < 3 || ring.clipped) {
      failures.push(
        `${name} focus ${ring.what}: ${ring.style} ${ring.width}px ${ratio.toFixed(2)}:1${ring.clipped ? ' clipped' : ''}`,
      );
    }
  }
  return { failures, stops };
}

const clicksOf = async (slug: string) =>
  (await dash.api('GET', `/api/clicks?slug=${slug}&bots=include`)).body.clicks as { source: string; bot: boolean }[];

describe('the link-in-bio page in Chromium', () => {
  it('fits a 375 px phone, keeps contrast and focus rings, and loads its style and avatar under the CSP', async () => {
    await makePage('acme');
    const page = await dash.newPage({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      userAgent: CHROME_UA,
    });
    await serveAvatar(page);
    const res = await page.goto(`${dash.url}/@acme`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Acme Outdoor');
    expect(await page.getByRole('link').allTextContents()).toEqual([
      'Spring collection: everything new this season, in one place',
      'Read the blog',
      'Shop',
    ]);
    // The inline style applied (its hash is in the CSP) and the https: avatar loaded.
    expect(
      await page
        .locator('a')
        .first()
        .evaluate((a) => getComputedStyle(a).backgroundColor),
    ).toBe('rgb(29, 78, 216)');
    await expect
      .poll(() => page.locator('img.avatar').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'bio-page-phone');
    const { failures, stops } = await accessibilityFailures(page, '/@acme phone');
    expect(failures).toEqual([]);
    expect(stops).toBe(3);
  });

  it('keeps contrast and focus rings on a desktop screen too', async () => {
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 }, userAgent: CHROME_UA });
    await serveAvatar(page);
    await page.goto(`${dash.url}/@acme`);
    await screenshot(page, 'bio-page-desktop');
    await page.locator('a').nth(1).focus();
    await screenshot(page, 'bio-page-focus');
    await page.locator('h1').click();
    const { failures, stops } = await accessibilityFailures(page, '/@acme desktop');
    expect(failures).toEqual([]);
    expect(stops).toBe(3);
  });

  it('works with JavaScript off: entries lead to the destination with its own UTM tags, each click recorded as bio', async () => {
    const { slugs, destinations } = await makePage('nojs');
    const page = await dash.newPage({ javaScriptEnabled: false, userAgent: CHROME_UA });
    await serveAvatar(page);
    await page.goto(`${dash.url}/@nojs`);
    await screenshot(page, 'bio-page-no-js');
    for (let round = 0; round < 2; round++) {
      // The second round finds the link in Node's cache, so its fast path answers.
      await page.goto(`${dash.url}/@nojs`);
      await page.getByRole('link', { name: 'Read the blog' }).click();
      await page.waitForURL((u) => u.origin === landingUrl);
      expect(page.url()).toBe(destinations[1]);
      expect(new URL(page.url()).searchParams.get('utm_source')).toBe('instagram');
      expect(new URL(page.url()).searchParams.has('bio')).toBe(false);
    }
    await expect.poll(() => clicksOf(slugs[1]!), { timeout: 15_000 }).toHaveLength(2);
    expect((await clicksOf(slugs[1]!)).map((c) => [c.source, c.bot])).toEqual([
      ['bio', false],
      ['bio', false],
    ]);
  });

  it("counts its views, people and bots apart, and its entries' clicks from the page", async () => {
    const { slugs } = await makePage('counted');
    const page = await dash.newPage({ userAgent: CHROME_UA });
    await serveAvatar(page);
    await page.goto(`${dash.url}/@counted`);
    await page.reload();
    await page.getByRole('link', { name: 'Shop' }).click();
    await page.waitForURL((u) => u.origin === landingUrl);
    // A headless browser that says so is a bot, as a link preview fetcher is.
    const bot = await dash.newPage({});
    await bot.context().route(AVATAR, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
    await bot.goto(`${dash.url}/@counted`);
    await expect
      .poll(async () => (await dash.api('GET', '/api/bio-pages/counted/stats')).body, { timeout: 15_000 })
      .toMatchObject({
        views: { people: 2, bots: 1 },
        entries: [
          { slug: slugs[0], clicks: 0 },
          { slug: slugs[1], clicks: 0 },
          { slug: slugs[2], clicks: 1, bots: 0 },
        ],
      });
  });

  it('shows an edit of the page or of a link on the next load (Node forgets its cached page at once)', async () => {
    const { slugs } = await makePage('edited');
    const page = await dash.newPage({ userAgent: CHROME_UA });
    await serveAvatar(page);
    await page.goto(`${dash.url}/@edited`);
    expect(await page.getByRole('link').count()).toBe(3);
    expect(
      (await dash.api('PATCH', '/api/bio-pages/edited', { title: 'Acme Summer', links: [slugs[2], slugs[0]] })).status,
    ).toBe(200);
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('Acme Summer');
    expect(await page.getByRole('link').allTextContents()).toEqual([
      'Shop',
      'Spring collection: everything new this season, in one place',
    ]);
    await dash.api('PATCH', `/api/links/${slugs[2]}`, { disabled: true });
    await page.reload();
    expect(await page.getByRole('link').allTextContents()).toEqual([
      'Spring collection: everything new this season, in one place',
    ]);
    await dash.api('DELETE', `/api/links/${slugs[0]}`);
    await page.reload();
    expect(await page.getByRole('link').count()).toBe(0);
    expect(await page.locator('.empty').textContent()).toBe('No links here yet.');
  });
});
