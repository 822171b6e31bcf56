import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contrast, focusRing, overflow, paintedText } from '../support/accessibility.js';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();
const HOUR = 60 * 60 * 1000;

describe('the dashboard for every reader', () => {
  it('fits a 375 px phone screen on every page, without scrolling sideways', async () => {
    const now = Date.now();
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/phone/a-rather-long-path-that-could-push-the-layout-wide?with=query&and=more',
      title: 'A phone post with a title long enough to wrap on a narrow screen',
      campaign: 'Phone Campaign',
      network: 'linkedin',
      slug: 'phone-a',
      postedAt: new Date(now - 3 * HOUR).toISOString(),
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/phone-b',
      title: 'Second phone post',
      campaign: 'Phone Campaign',
      network: 'instagram',
      slug: 'phone-b',
    });
    await dash.visit('phone-a', { referer: 'https://www.linkedin.com/feed/' });

    const page = await dash.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await dash.signIn(page, '#/overview');
    // Each page, and what shows it has finished drawing its widest part.
    const pages: [name: string, hash: string, ready: string][] = [
      ['overview', '#/overview', '.stats-body .cards'],
      ['campaigns', '#/campaigns', 'tbody td[data-label="Campaign"]'],
      ['campaign-page', '#/campaigns/Phone%20Campaign', '.plain-list li'],
      ['compare', '#/compare?slug=phone-a&slug=phone-b', '.compare-table tbody tr'],
      ['links', '#/links', 'tr[data-slug="phone-a"]'],
      ['link-form', '#/links/phone-a/edit', '.preview-url'],
      ['link-page', '#/link/phone-a', '.stats-body .cards'],
      ['insights', '#/insights', 'table.heatmap'],
    ];
    for (const [name, hash, ready] of pages) {
      await page.goto(`${dash.url}/dashboard/${hash}`);
      await page.locator(ready).first().waitFor();
      expect(await overflow(page), name).toBeLessThanOrEqual(0);
      await screenshot(page, `phone-${name}`);
    }

    // A new link typed on the phone: the preview of a long destination wraps too.
    await page.goto(`${dash.url}/dashboard/#/links/new`);
    await page.getByLabel('Destination URL').fill(`https://example.com/from-my-phone/${'long-segment-'.repeat(8)}`);
    await page.getByLabel('Network').selectOption('instagram');
    await expect.poll(() => page.locator('.preview-url').textContent()).toContain('utm_source=instagram');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-link-form-new');

    // An import preview of long destinations wraps as well.
    await page.goto(`${dash.url}/dashboard/#/links/import`);
    const csv = `url,title,campaign\nhttps://example.com/imported/${'long-segment-'.repeat(8)},An imported post with a long title,Phone Campaign\n`;
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'phone.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#import-create').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-link-import');
  });

  it('keeps text at 4.5:1 (large text 3:1) and focus rings at 3:1, unclipped, on every page', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/c',
      title: 'Contrast post',
      campaign: 'Contrast',
      network: 'x',
      slug: 'contrast-a',
      postedAt: new Date(Date.now() - HOUR).toISOString(),
    });
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/d',
      title: 'Other post',
      campaign: 'Contrast',
      network: 'linkedin',
      slug: 'contrast-b',
      postedAt: new Date(Date.now() - HOUR).toISOString(),
    });
    await dash.visit('contrast-a', { referer: 'https://t.co/x' });
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    const failures: string[] = [];
    const measured: string[] = [];
    const walks = new Map<string, string[]>();
    const check = async (name: string) => {
      for (const t of await paintedText(page)) {
        measured.push(t.what);
        const ratio = contrast(t.color, t.backgrounds);
        if (ratio < (t.large ? 3 : 4.5)) failures.push(`${name} text ${t.what}: ${ratio.toFixed(2)}:1`);
      }
      // The keyboard's whole path through the page, from its first stop (the skip link) until
      // focus leaves the last one: every stop shows a ring that stands out.
      const stops: string[] = [];
      // A key press first, so the browser shows rings as it does for a keyboard reader (a sign-in
      // by mouse would otherwise hide the ring of a focus set by script).
      await page.keyboard.press('Shift');
      await page.locator('#skip').focus();
      for (;;) {
        const ring = await focusRing(page);
        if (ring.what.startsWith('body')) break; // past the last stop
        if (stops.length === 300) {
          failures.push(`${name} focus: no last stop after 300 Tabs`);
          break;
        }
        stops.push(ring.what);
        const ratio = contrast(ring.color, ring.backgrounds);
        if (ring.style === 'none' || ring.width < 2 || ratio < 3 || ring.clipped) {
          failures.push(
            `${name} focus ${ring.what}: ${ring.style} ${ring.width}px ${ratio.toFixed(2)}:1${ring.clipped ? ' clipped' : ''}`,
          );
        }
        await page.keyboard.press('Tab');
      }
      // One more Tab comes round to the skip link: nothing sits before it, so the walk was whole.
      await page.keyboard.press('Tab');
      expect((await focusRing(page)).what, name).toBe(stops[0]);
      expect(stops[0], name).toMatch(/^a#skip /);
      walks.set(name, stops);
    };
    await page.goto(`${dash.url}/dashboard/#/signin`);
    await page.locator('.help').waitFor();
    await check('#/signin');
    await dash.signIn(page, '#/overview');
    const pages: [hash: string, ready: string][] = [
      ['#/overview', '.stats-body .cards'],
      ['#/links?highlight=contrast-a', 'tr.row-new'],
      ['#/links/contrast-a/edit', '.preview-url mark'],
      ['#/compare?slug=contrast-a&slug=contrast-b', '.badge-best'],
      ['#/link/contrast-a', '.feed .badge'],
      ['#/campaigns', 'th[aria-sort]'],
      ['#/insights', 'table.heatmap td.heat-5'],
      ['#/links/import', '#import-file'],
    ];
    for (const [hash, ready] of pages) {
      await page.goto(`${dash.url}/dashboard/${hash}`);
      await page.locator(ready).first().waitFor();
      await check(hash);
    }
    expect(failures).toEqual([]);
    // Signed in, the walk crosses the header (brand, menu, sign out) before the page's own stops.
    for (const [hash] of pages) {
      const stops = walks.get(hash)!;
      for (const header of [/^a# “linkpost”/, /^a# “Links”/, /^a# “Campaigns”/, /^button#signout /]) {
        expect(
          stops.some((w) => header.test(w)),
          `${hash} ${header}`,
        ).toBe(true);
      }
      expect(stops.length, hash).toBeGreaterThan(6);
    }
    // The pairs that matter most were among those measured: body text, muted text, the primary button.
    for (const kind of [
      /^h1\./,
      /^p\.stat-label/,
      /^p\.hint/,
      /\.btn btn-primary/,
      /^span\.badge badge-best/,
      /^button\. .*7 days/,
    ]) {
      expect(
        measured.some((w) => kind.test(w)),
        String(kind),
      ).toBe(true);
    }
  });
});
