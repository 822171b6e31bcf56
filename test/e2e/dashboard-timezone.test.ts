import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

// Behind a proxy, so a visit can come from a known place: 49.44.0.1 is in India in geoip-lite's data.
const dash = useDashboard({ TRUST_PROXY: 'true' });
const FROM_INDIA = { 'x-forwarded-for': '49.44.0.1', referer: 'https://www.linkedin.com/feed/' };

describe('the dashboard in the reader’s time zone', () => {
  it('reads the overview in Asia/Kolkata, with its sources, countries, devices and browsers', async () => {
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/tz',
      title: 'Kolkata post',
      campaign: 'TZ Test',
      network: 'linkedin',
      slug: 'tz-post',
    });
    await dash.visit('tz-post', FROM_INDIA);
    await dash.counted('tz-post', 1);

    const page = await dash.newPage({
      timezoneId: 'Asia/Kolkata',
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const statsQueries: URLSearchParams[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/stats') statsQueries.push(url.searchParams);
    });
    await dash.signIn(page, '#/overview');
    await expect.poll(() => page.locator('.range-controls .tz').textContent()).toBe('Times in Asia/Kolkata');

    const firstRow = (title: string) => page.locator(`.breakdown:has(h2:text-is("${title}")) li`).first();
    const row = async (title: string) => [
      await firstRow(title).locator('.label').textContent(),
      await firstRow(title).locator('.value').textContent(),
    ];
    await expect.poll(() => row('Sources')).toEqual(['LinkedIn', '1']);
    expect(await row('Countries')).toEqual(['India (IN)', '1']);
    expect(await row('Devices')).toEqual(['Desktop', '1']);
    expect(await row('Browsers')).toEqual(['Chrome', '1']);
    expect(statsQueries.length).toBeGreaterThan(0);
    for (const q of statsQueries) expect(q.get('tz')).toBe('Asia/Kolkata');

    // A custom day is that day in Kolkata: from its midnight there (18:30 UTC the day before).
    await page.getByRole('button', { name: 'Custom' }).click();
    const today = await page.getByLabel('To', { exact: true }).inputValue();
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('From', { exact: true }).dispatchEvent('change');
    await expect.poll(() => statsQueries.at(-1)?.get('from')).toBe(new Date(`${today}T00:00:00+05:30`).toISOString());
    expect(statsQueries.at(-1)!.get('to')).toBe(
      new Date(Date.parse(`${today}T00:00:00+05:30`) + 24 * 60 * 60 * 1000 - 1).toISOString(),
    );
    expect(statsQueries.at(-1)!.get('tz')).toBe('Asia/Kolkata');
    await expect.poll(() => row('Countries')).toEqual(['India (IN)', '1']);
    await screenshot(page, 'overview-kolkata');
  });
});
