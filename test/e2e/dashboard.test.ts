import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROME_UA, DASHBOARD_ADMIN_KEY as ADMIN_KEY, screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();
const newPage = dash.newPage;
const allowResourceErrors = dash.allowResourceErrors;
const apiCall = dash.api;
const signIn = (page: Page, hash?: string) => dash.signIn(page, hash);

describe('the dashboard in a real browser', () => {
  it('explains how to get a key, refuses a wrong one, signs in and out', async () => {
    const page = await newPage();
    const res = await page.goto(`${dash.url}/dashboard/#/links`);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForURL(/#\/signin$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to linkpost');
    const help = await page.locator('.help').textContent();
    expect(help).toContain('npm start');
    expect(help).toContain('npm run cli -- keys create --name');
    await screenshot(page, 'signin');

    await page.getByLabel('API key').fill('lp_AAAAAAAA_wrongwrongwrongwrongwrongwrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#key-error').textContent()).toContain('not valid');
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    allowResourceErrors(401);
    await screenshot(page, 'signin-error');

    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.keyboard.press('Enter'); // the keyboard alone signs in
    await page.waitForURL(/#\/links$/); // back to where the reader was going
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Links');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);

    const [cookie] = await dash.context.cookies();
    expect(cookie).toMatchObject({ name: 'lp_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: scripts cannot read it

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Links');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/#\/signin$/);
    await expect.poll(() => page.locator('.notice-info').textContent()).toContain('signed out');
    const after = await fetch(`${dash.url}/api/links`, { headers: { cookie: `lp_session=${cookie!.value}` } });
    expect(after.status).toBe(401);
  });

  it('creates a link through the form, showing the tagged destination before saving, and counts its first visit', async () => {
    await apiCall('POST', '/api/links', { url: 'https://example.com/older', campaign: 'Spring Launch', network: 'x' });
    const page = await newPage();
    await signIn(page);
    await page.getByRole('link', { name: 'New link' }).first().click();
    await page.waitForURL(/#\/links\/new$/);

    await page.getByLabel('Destination URL').fill('https://example.com/blog/launch?ref=home');
    await page.getByLabel('Title').fill('Launch post');
    await page.getByLabel('Campaign', { exact: true }).fill('Spring Launch');
    await page.getByLabel('Network').selectOption('linkedin');
    await page.getByLabel('Custom slug').fill('launch-post');
    const expected =
      'https://example.com/blog/launch?ref=home&utm_source=linkedin&utm_medium=social&utm_campaign=spring-launch';
    await expect.poll(() => page.locator('.preview-url').textContent()).toBe(expected);
    const suggestions = await page
      .locator('#campaign-suggestions option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(suggestions).toEqual(['Spring Launch']);
    await screenshot(page, 'link-form');

    await page.getByRole('button', { name: 'Create link' }).click();
    await page.waitForURL(/#\/links\?highlight=launch-post$/);
    const row = page.locator('tr.row-new');
    await expect.poll(() => row.locator('.post-title').textContent()).toBe('Launch post');
    expect(await row.locator('.short-url').textContent()).toBe(`${dash.url}/launch-post`);
    const saved = await apiCall('GET', '/api/links/launch-post');
    expect(saved.body.destination).toBe(expected); // the preview said exactly what the server stored
    await screenshot(page, 'links');

    // Followed from a browser, it lands on the tagged destination, and its open page counts it.
    await page.goto(`${dash.url}/dashboard/#/link/launch-post`);
    await expect.poll(() => page.locator('.link-clicks').textContent()).toBe('0');
    const followed = await fetch(`${dash.url}/launch-post`, {
      redirect: 'manual',
      headers: { 'user-agent': CHROME_UA },
    });
    expect([followed.status, followed.headers.get('location')]).toEqual([302, expected]);
    await expect.poll(() => page.locator('.link-clicks').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('.feed tbody tr').first().textContent()).toContain('Person');

    // A taken slug is reported on its field, the form kept as typed.
    await page.goto(`${dash.url}/dashboard/#/links/new`);
    await page.getByLabel('Destination URL').fill('https://example.com/again');
    await page.getByLabel('Custom slug').fill('launch-post');
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => page.locator('#lf-slug-error').textContent()).toContain('already taken');
    expect(await page.getByLabel('Destination URL').inputValue()).toBe('https://example.com/again');
    allowResourceErrors(409);
  });

  it('shows a hostile title and campaign as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const created = await apiCall('POST', '/api/links', {
      url: 'https://example.com/x',
      title: hostile,
      campaign: '<b>bold</b>',
      network: 'x',
      slug: 'hostile',
    });
    expect(created.status).toBe(201);
    const page = await newPage();
    await signIn(page, '#/links?q=hostile');
    const title = page.locator('tr[data-slug="hostile"] .post-title');
    await expect.poll(() => title.textContent()).toBe(hostile);
    expect(await page.locator('img[src="x"], b').count()).toBe(0);
    expect(await page.locator('tr[data-slug="hostile"]').textContent()).toContain('<b>bold</b>');
    await screenshot(page, 'links-hostile');

    await page.getByRole('link', { name: `Edit ${hostile}` }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe(hostile);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Edit “${hostile}”`);
    expect(await page.locator('img[src="x"], b').count()).toBe(0);

    await page.goto(`${dash.url}/dashboard/#/link/hostile`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(hostile);
    await page.waitForSelector('.stats-body .cards');
    expect(await page.locator('img[src="x"], b').count()).toBe(0);
    await screenshot(page, 'link-page-hostile');
    // watchedContext fails the test on any dialog, so alert(1) never ran.
  });

  it('disables and enables a link from the list, and the short URL follows', async () => {
    await apiCall('POST', '/api/links', { url: 'https://example.com/toggle', title: 'Toggle me', slug: 'toggle-me' });
    const page = await newPage();
    await signIn(page, '#/links?q=toggle-me');
    const row = () => page.locator('tr[data-slug="toggle-me"]');
    await row().getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => row().locator('.badge').textContent()).toBe('Disabled');
    expect((await fetch(`${dash.url}/toggle-me`, { redirect: 'manual' })).status).toBe(410);
    await row().getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => row().locator('.badge').textContent()).toBe('Live');
    expect((await fetch(`${dash.url}/toggle-me`, { redirect: 'manual' })).status).toBe(302);
  });

  it('counts a visit from a browser in the links list', async () => {
    await apiCall('POST', '/api/links', { url: 'https://example.com/count', title: 'Count me', slug: 'count-me' });
    const page = await newPage();
    await signIn(page, '#/links?q=count-me');
    const clicks = () => page.locator('tr[data-slug="count-me"] td[data-label="Clicks"]').textContent();
    await expect.poll(clicks).toBe('0');
    await dash.visit('count-me');
    await expect
      .poll(async () => (await page.reload(), await page.waitForSelector('tr[data-slug="count-me"]'), clicks()), {
        timeout: 10_000,
      })
      .toBe('1');
  });
});
