import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;
const dash = useDashboard();

describe('QR codes in the dashboard, in a real browser', () => {
  it("previews a post's code in the chosen colours, refuses colours that do not scan, and downloads SVG and PNG", async () => {
    expect(
      (await dash.api('POST', '/api/links', { url: 'https://example.com/poster', slug: 'qr-poster', title: 'Poster' }))
        .status,
    ).toBe(201);
    const page = await dash.newPage({ acceptDownloads: true });
    await dash.signIn(page, '#/link/qr-poster');
    const preview = page.getByRole('img', { name: `QR code for ${dash.url}/qr-poster` });
    await preview.waitFor();

    // What the browser drew scans as the short URL with ?qr=1.
    const shot = PNG.sync.read(await preview.screenshot());
    expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe(`${dash.url}/qr-poster?qr=1`);

    await page.getByLabel('Colour', { exact: true }).fill('#1d4ed8');
    await expect.poll(() => preview.getAttribute('src')).toContain(encodeURIComponent('stroke="#1d4ed8"'));
    await page.getByLabel('Download size').selectOption('2048');
    await page.getByLabel('Error correction').selectOption('H');
    expect(await page.locator('#qr-download-svg').getAttribute('href')).toBe(
      '/api/links/qr-poster/qr.svg?size=2048&fg=1d4ed8&bg=ffffff&ecc=H',
    );
    await screenshot(page, 'link-qr-panel');

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#qr-download-svg').click()]);
    expect(svgDownload.suggestedFilename()).toBe('qr-poster-qr.svg');
    expect(readFileSync((await svgDownload.path())!, 'utf8')).toMatch(/width="2048".*stroke="#1d4ed8"/s);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#qr-download-png').click()]);
    const png = PNG.sync.read(readFileSync((await pngDownload.path())!));
    expect(png.width).toBe(2048);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`${dash.url}/qr-poster?qr=1`);

    // A pale colour on white does not scan: the server says so and no download is offered.
    await page.getByLabel('Colour', { exact: true }).fill('#dddddd');
    await expect
      .poll(() => page.locator('.qr-preview [role="alert"]').textContent())
      .toMatch(/contrast of 1\.\d\d:1; scanners need at least 4\.5:1/);
    expect(await page.locator('#qr-download-svg').isHidden()).toBe(true);
    dash.allowResourceErrors(400);
  });

  it("offers each post's QR code from the links list", async () => {
    expect(
      (await dash.api('POST', '/api/links', { url: 'https://example.com/list', slug: 'qr-list', title: 'Listed' }))
        .status,
    ).toBe(201);
    const page = await dash.newPage({ acceptDownloads: true });
    await dash.signIn(page, '#/links');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the QR code of Listed' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('qr-list-qr.svg');
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^<svg [^>]*width="1024"/);
  });
});
