import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

const rowOf = (page: Page, name: string) => page.locator('.keys-table tbody tr', { hasText: name });

describe('the settings view', () => {
  it(
    'creates a campaign-limited key shown once, lists keys and revokes one; the key then sees only what it may',
    { timeout: 90_000 },
    async () => {
      for (const [slug, campaign] of [
        ['au-1', 'Autumn'],
        ['au-2', 'Autumn'],
        ['sp-1', 'Spring'],
      ]) {
        expect(
          (
            await dash.api('POST', '/api/links', {
              url: `https://example.com/${slug}`,
              slug,
              title: `Post ${slug}`,
              campaign,
              network: 'linkedin',
            })
          ).status,
        ).toBe(201);
      }
      const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
      await dash.signIn(page, '#/settings');
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true);
      await page.getByText('No stored keys yet.').waitFor();

      await page.getByLabel('Name').fill('Autumn client');
      expect(await page.getByLabel('links:read — Read links').isChecked()).toBe(true);
      expect(await page.getByLabel('analytics:read — Read stats, campaigns and insights').isChecked()).toBe(true);
      await page.getByLabel('Only these campaigns').fill('Autumn');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByText('Copy it now: it is shown only this once.').waitFor();
      const key = (await page.locator('#new-key').textContent())!;
      expect(key).toMatch(/^lp_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
      await page.getByRole('button', { name: 'Copy key' }).click();
      await page.locator('.toast', { hasText: 'Copied the key “Autumn client”' }).waitFor();
      const row = rowOf(page, 'Autumn client');
      await row.waitFor();
      expect(await row.locator('td[data-label="Scopes"]').textContent()).toBe('links:read, analytics:read');
      expect(await row.locator('td[data-label="Campaigns"]').textContent()).toBe('Autumn');
      expect(await row.locator('td[data-label="Last used"]').textContent()).toBe('Never');
      expect(await page.locator('.keys-table').textContent()).not.toContain(key.slice(12));
      await screenshot(page, 'dashboard-settings-created');

      // A second key, revoked from the table.
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByLabel('Name').fill('Old tool');
      await page.getByLabel('admin — Everything, and manage keys and bio pages').check();
      await page.getByRole('button', { name: 'Create key' }).click();
      await rowOf(page, 'Old tool').waitFor();
      await page.getByRole('button', { name: 'Revoke Old tool' }).click();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Revoke Old tool' }).click();
      await page.getByRole('button', { name: 'Yes, revoke “Old tool”' }).click();
      await rowOf(page, 'Old tool')
        .getByText(/^Revoked/)
        .waitFor();
      const listed = (await dash.api('GET', '/api/keys')).body.keys;
      expect(listed.map((k: any) => [k.name, k.revokedAt !== null])).toEqual([
        ['Autumn client', false],
        ['Old tool', true],
      ]);

      // The new key in a browser of its own: its campaign only, no writes, exports, bio pages or settings.
      const client = await page
        .context()
        .browser()!
        .newContext({ viewport: { width: 1280, height: 900 } });
      const other = await client.newPage();
      await other.goto(`${dash.url}/dashboard/#/links`);
      await other.getByLabel('API key').fill(key);
      await other.getByRole('button', { name: 'Sign in' }).click();
      await other.waitForURL((u) => u.hash === '#/links');
      await other.locator('.links-table tbody tr').first().waitFor();
      expect(await other.locator('.links-table tbody .post-title').allTextContents()).toEqual([
        'Post au-2',
        'Post au-1',
      ]);
      expect(await other.locator('#who-name').textContent()).toBe('Key: Autumn client · Autumn');
      for (const hidden of ['Bio pages', 'Settings'])
        expect(await other.getByRole('link', { name: hidden }).isVisible()).toBe(false);
      for (const shown of ['Overview', 'Links', 'Campaigns', 'Compare', 'Insights'])
        expect(await other.getByRole('link', { name: shown }).isVisible()).toBe(true);
      expect(await other.getByRole('link', { name: 'New link' }).count()).toBe(0);
      expect(await other.getByRole('link', { name: 'Import CSV' }).count()).toBe(0);
      expect(await other.getByRole('link', { name: /^Edit / }).count()).toBe(0);
      await screenshot(other, 'dashboard-settings-limited-links');

      await other.goto(`${dash.url}/dashboard/#/campaigns`);
      await other.locator('main table').waitFor();
      expect(await other.locator('main table tbody').textContent()).toContain('Autumn');
      expect(await other.locator('main').textContent()).not.toContain('Spring');
      expect(await other.getByRole('button', { name: 'Per-post report (CSV)' }).count()).toBe(0);

      await other.goto(`${dash.url}/dashboard/#/overview`);
      await other.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      expect(await other.getByRole('button', { name: 'Download clicks (CSV)' }).count()).toBe(0);
      await other.goto(`${dash.url}/dashboard/#/settings`);
      await other.waitForURL((u) => u.hash === '#/overview');
      await client.close();

      // The admin's table now says when the key was last used.
      await page.reload();
      await rowOf(page, 'Autumn client').waitFor();
      expect(await rowOf(page, 'Autumn client').locator('td[data-label="Last used"]').textContent()).not.toBe('Never');
    },
  );

  it('shows a links:read key its links and nothing else, and lands it on them', { timeout: 90_000 }, async () => {
    const key = (await dash.api('POST', '/api/keys', { name: 'Reader', scopes: ['links:read'] })).body.key;
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${dash.url}/dashboard/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.hash === '#/links');
    await page.locator('.links-table tbody tr').first().waitFor();
    for (const hidden of ['Overview', 'Campaigns', 'Compare', 'Insights', 'Bio pages', 'Settings']) {
      expect(await page.getByRole('link', { name: hidden, exact: true }).isVisible(), hidden).toBe(false);
    }
    expect(await page.getByRole('link', { name: 'Post au-1', exact: true }).count()).toBe(0);
    expect(await page.locator('.links-table .post-title', { hasText: 'Post au-1' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'New link' }).count()).toBe(0);
    await page.goto(`${dash.url}/dashboard/#/overview`);
    await page.waitForURL((u) => u.hash === '#/links');
  });
});
