/** "Share report" in Chromium: create on a campaign's page and on Compare, copy, list, open, revoke. */
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

beforeAll(async () => {
  const posted = new Date(Date.now() - 6 * 3600_000).toISOString();
  for (const p of [
    { slug: 'dahlia-li', title: 'Dahlias on LinkedIn', campaign: 'Dahlias', network: 'linkedin' },
    { slug: 'dahlia-x', title: 'Dahlias on X', campaign: 'Dahlias', network: 'x' },
    { slug: 'iris-fb', title: 'Irises on Facebook', campaign: 'Irises', network: 'facebook' },
  ])
    expect(
      (await dash.api('POST', '/api/links', { url: `https://example.com/${p.slug}`, postedAt: posted, ...p })).status,
    ).toBe(201);
});

describe('Share report', () => {
  it('makes a campaign report with its options, copies its link, lists it, opens it and revokes it', async () => {
    const page = await dash.newPage({
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await dash.signIn(page, '#/campaigns/Dahlias');
    await page.getByText('Share report', { exact: true }).click();
    await expect.poll(() => page.locator('.share-list, .share-report .muted').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Title').inputValue()).toBe('Dahlias: campaign report');
    await page.getByLabel('Title').fill('Dahlias for the florist');
    await page.getByLabel('Range').selectOption('fixed');
    await page.getByLabel('First day').fill('2026-01-01');
    await page.getByLabel('Last day').fill('2026-01-31');
    await page.getByLabel('Password (optional)').fill('petals');
    await page.getByLabel('Allow downloading the per-post report (CSV)').check();
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = await page.locator('#share-url').inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9]{43}$/);
    await expect
      .poll(() => page.locator('.share-list li').allTextContents())
      .toEqual([expect.stringContaining('Dahlias for the florist')]);
    expect(await page.locator('.share-list li').textContent()).toMatch(/password · CSV/);

    await page.getByRole('button', { name: `Copy ${url}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await screenshot(page, 'dashboard-share-report');

    // What the API keeps: the options, the campaign as the scope, never the token.
    const { reports } = (await dash.api('GET', '/api/reports')).body;
    const made = reports.find((r: any) => r.title === 'Dahlias for the florist');
    expect(made).toMatchObject({ campaign: 'Dahlias', slugs: null, password: true, allowCsv: true, state: 'live' });
    expect(Date.parse(made.to) - Date.parse(made.from)).toBe(31 * 24 * 3600_000);
    expect(JSON.stringify(reports)).not.toContain(new URL(url).pathname.slice(3));

    // The client's view: the password, then the report.
    const client = await page.context().newPage();
    await client.goto(url);
    await client.getByLabel('Password').fill('petals');
    await client.getByRole('button', { name: 'Open the report' }).click();
    await client.waitForSelector('body[data-ready="true"]');
    expect(await client.locator('h1').textContent()).toBe('Dahlias for the florist');
    dash.allowResourceErrors(401);

    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke: sure?' }).click();
    await expect.poll(() => page.locator('.share-report').textContent()).toContain('None yet.');
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect((await dash.api('GET', '/api/reports')).body.reports.some((r: any) => r.id === made.id)).toBe(false);
  });

  it('shares the posts ticked on Compare, and the campaign when none are', async () => {
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/compare?campaign=Dahlias');
    await page.getByText('Share report', { exact: true }).click();
    expect(await page.getByLabel('Title').inputValue()).toBe('Dahlias: campaign report');
    await page.getByRole('checkbox', { name: /Dahlias on X/ }).check();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Posts compared');
    expect(await page.locator('.share-form .hint').first().textContent()).toContain('1 chosen post');
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = await page.locator('#share-url').inputValue();
    await expect.poll(() => page.locator('.share-list li').count()).toBe(1);
    await screenshot(page, 'dashboard-share-compare');
    const made = (await dash.api('GET', '/api/reports')).body.reports.find((r: any) => r.title === 'Posts compared');
    expect(made).toMatchObject({
      campaign: null,
      slugs: ['dahlia-x'],
      password: false,
      allowCsv: false,
      from: null,
      to: null,
    });
    const res = await fetch(`${url}/data/stats`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).breakdowns.link).toEqual([]);
  });

  it('says what is missing when Compare has nothing chosen', async () => {
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/compare');
    await page.getByText('Share report', { exact: true }).click();
    expect(await page.locator('.share-report .hint').textContent()).toBe(
      'Pick a campaign or tick posts first: the report covers what you compare.',
    );
  });
});
