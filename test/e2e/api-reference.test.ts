import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { launchBrowser, screenshot, watchedContext } from '../support/browser.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-reference-');
let server: ServerProcess;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ DATABASE_PATH: join(dir, 'ref.db'), ADMIN_API_KEY: 'admin-key-for-reference-tests-01' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the interactive API reference at /docs/api', () => {
  it('shows every operation of the document, offline and under the strict CSP', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/docs/api`);
    expect(page.url()).toBe(`${server.url}/docs/api/`);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.opblock-summary-path').allTextContents()).toContain('/api/links/bulk');
    // An operation opens with its parameters and schemas.
    await page.locator('.opblock-summary', { hasText: '/api/stats/compare' }).first().click();
    await page.locator('.parameters-container tr[data-param-name="align"]').waitFor();
    await screenshot(page, 'api-reference');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('reserves the word docs: no post may take it', async () => {
    const res = await fetch(`${server.url}/api/links`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-key-for-reference-tests-01', 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com', slug: 'docs' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slug_reserved');
  });
});
