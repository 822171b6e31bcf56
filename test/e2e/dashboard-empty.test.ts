import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

// Its own server, so the database starts empty.
const dash = useDashboard();

/**
 * Waits for the empty state titled `title` (a hash change re-renders a moment later, so the
 * previous page's box may still be there), and returns its words and calls to action.
 */
async function emptyState(page: Page, title: string, within = 'main') {
  const box = page.locator(`${within} .empty`, { has: page.locator('.empty-title').getByText(title, { exact: true }) });
  await box.waitFor();
  return {
    text: await box.locator('p:not(.empty-title)').first().textContent(),
    action: await box
      .locator('a, button')
      .evaluateAll((els) => els.map((e) => `${e.textContent} → ${e.getAttribute('href') ?? 'button'}`)),
  };
}

describe('a fresh dashboard says what to do on every page', () => {
  it('tells a newcomer to create a link first, then to share it', async () => {
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/overview');
    expect(await emptyState(page, 'No clicks in this period (Last 30 days).')).toEqual({
      text: 'Create a link under Links, share it in a post, and its clicks appear here within seconds.',
      action: [],
    });
    await screenshot(page, 'empty-overview');

    await page.goto(`${dash.url}/dashboard/#/links`);
    const links = await emptyState(page, 'No links yet.');
    expect(links.action).toEqual(['Create a link → #/links/new']);
    expect(links.text).toContain('Create your first one');
    await page.goto(`${dash.url}/dashboard/#/links?q=nothing-like-this`);
    expect(await emptyState(page, 'No links match these filters.')).toEqual({
      text: 'Try another word, or clear the filters.',
      action: ['Clear filters → button'],
    });

    await page.goto(`${dash.url}/dashboard/#/campaigns`);
    const campaigns = await emptyState(page, 'No campaigns yet.');
    expect(campaigns.action).toEqual(['Create a link → #/links/new']);
    expect(campaigns.text).toContain('Give your links a campaign name');

    await page.goto(`${dash.url}/dashboard/#/compare`);
    const compare = await emptyState(page, 'No posts to compare yet.');
    expect(compare.action).toEqual(['Create a link → #/links/new']);
    expect(compare.text).toContain('Create a link for each post you share');
    await expect.poll(() => page.locator('.pick-list').textContent()).toBe('No posts yet.');
    await screenshot(page, 'empty-compare');

    // One link, no clicks yet: each page now says to share it, or what to pick.
    await dash.api('POST', '/api/links', {
      url: 'https://example.com/first',
      title: 'First post',
      campaign: 'First Campaign',
      network: 'x',
      slug: 'first',
    });
    await page.goto(`${dash.url}/dashboard/#/compare`);
    expect((await emptyState(page, 'Choose what to compare.')).text).toBe(
      'Tick two or more posts, or pick a campaign to compare all of its posts.',
    );

    await page.goto(`${dash.url}/dashboard/#/link/first`);
    expect(await emptyState(page, 'No clicks yet.', 'section[aria-labelledby="feed-h"]')).toEqual({
      text: `Open ${dash.url}/first or share it; clicks appear here within a few seconds.`,
      action: [],
    });
    expect((await emptyState(page, 'No clicks in this period (Last 30 days).', '.stats-body')).text).toBe(
      `Share ${dash.url}/first; each click appears below within seconds, and here once counted.`,
    );

    await page.goto(`${dash.url}/dashboard/#/campaigns/First%20Campaign`);
    expect((await emptyState(page, 'No clicks in this period (Last 30 days).', '.stats-body')).text).toBe(
      'Share the posts of this campaign; their clicks appear here within seconds.',
    );
    await page.goto(`${dash.url}/dashboard/#/campaigns/No%20Such%20Campaign`);
    expect(await emptyState(page, 'No posts in this campaign.', 'section[aria-labelledby="posts-h"]')).toEqual({
      text: 'Links are grouped by their exact campaign name: check its spelling, or create a link with this campaign.',
      action: ['Create a link → #/links/new'],
    });
    await screenshot(page, 'empty-campaign');
  });
});
