import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard({ CLICK_RETENTION_DAYS: '30' });

describe('the dashboard under CLICK_RETENTION_DAYS', () => {
  it("says on a link's page where raw clicks (the feed and the CSV) start", async () => {
    expect((await dash.api('POST', '/api/links', { url: 'https://example.com/kept', slug: 'kept-days' })).status).toBe(
      201,
    );
    const page = await dash.newPage();
    await dash.signIn(page, '#/link/kept-days');
    const scope = page.getByText('Raw clicks are kept from');
    await expect.poll(() => scope.count()).toBe(1);
    const text = (await scope.textContent())!;
    expect(text).toContain('the feed and CSV start there, the charts above count all');
    // 30 whole UTC days before today's midnight, in the browser's own words.
    const from = new Date(Date.now() - (Date.now() % 86_400_000) - 30 * 86_400_000);
    expect(text).toContain(String(from.getUTCFullYear()));
    await screenshot(page, 'link-retention-note');
  });
});
