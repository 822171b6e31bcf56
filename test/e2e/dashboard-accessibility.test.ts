import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();
const HOUR = 60 * 60 * 1000;

/**
 * How far the page reaches past the screen: 0 when it fits. A phone zooms out to show too
 * wide a page, and innerWidth then grows with it, so both are measured against the device width.
 */
const overflow = (page: Page) =>
  page.evaluate((width) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - width, page.viewportSize()!.width);

describe('the dashboard for every reader', () => {
  it('fits a 375 px phone screen on every page, without scrolling sideways', async () => {
    const now = Date.now();
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/phone/a-rather-long-path-that-could-push-the-layout-wide?with=query&and=more',
      title: 'A phone post with a title long enough to wrap on a narrow screen', campaign: 'Phone Campaign', network: 'linkedin', slug: 'phone-a', postedAt: new Date(now - 3 * HOUR).toISOString(),
    });
    await dash.api('POST', '/api/links', { url: 'https://example.com/phone-b', title: 'Second phone post', campaign: 'Phone Campaign', network: 'instagram', slug: 'phone-b' });
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
  });
});
