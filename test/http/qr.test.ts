import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qrPng } from '../../src/node/qrPng.js';
import { makeTestApp, type TestApp } from '../support/app.js';

// jsQR is CommonJS whose types say ESM default: load it as what it is.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ qrPng });
  expect(
    (await t.api('POST', '/api/links', { url: 'https://example.com/poster', slug: 'poster', network: 'other' })).status,
  ).toBe(201);
});
afterEach(() => t.close());

/** Reads a PNG's QR code back as a phone's scanner would. */
async function decode(res: Response) {
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return { text: code?.data ?? null, width: png.width, height: png.height };
}

describe('QR codes of posts', () => {
  it('draws a PNG that scans as exactly the short URL with ?qr=1, at the size asked', async () => {
    const res = await t.api('GET', '/api/links/poster/qr.png?size=300&margin=2&ecc=H');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="poster-qr.png"');
    expect(await decode(res)).toEqual({ text: 'http://lp.test/poster?qr=1', width: 300, height: 300 });
  });

  it('scans in other colours too, light on dark included', async () => {
    for (const colours of ['fg=1d4ed8&bg=ffffff', 'fg=FFFFFF&bg=000000', 'fg=14532d&bg=fef9c3']) {
      const res = await t.api('GET', `/api/links/poster/qr.png?size=256&${colours}`);
      expect(res.status, colours).toBe(200);
      const { text } = await decode(res);
      // jsQR reads dark-on-light and, with its default inversion attempt, light-on-dark.
      expect(text, colours).toBe('http://lp.test/poster?qr=1');
    }
  });

  it('draws an SVG with its size, margin and colours', async () => {
    const res = await t.api('GET', '/api/links/poster/qr.svg?size=1024&margin=0&fg=1D4ED8&bg=fef9c3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1024" height="1024" viewBox="0 0 (\d+) \1"/,
    );
    expect(svg).toContain('fill="#fef9c3"');
    expect(svg).toContain('stroke="#1d4ed8"');
    // margin=0: the code's modules start at the edge (a version-2 code is 25 modules wide).
    expect(svg).toMatch(/viewBox="0 0 (21|25|29) /);
    const withMargin = await (await t.api('GET', '/api/links/poster/qr.svg?margin=4')).text();
    expect(Number(/viewBox="0 0 (\d+)/.exec(withMargin)![1]) - Number(/viewBox="0 0 (\d+)/.exec(svg)![1])).toBe(8);
  });

  it.each([
    ['size=63', 'size'],
    ['size=4097', 'size'],
    ['size=abc', 'size'],
    ['margin=-1', 'margin'],
    ['margin=17', 'margin'],
    ['fg=fff', 'fg'],
    ['fg=%23000000', 'fg'],
    ['bg=zzzzzz', 'bg'],
    ['ecc=X', 'ecc'],
    ['colour=red', 'colour'],
  ])('refuses %s with a 400 naming the parameter', async (query, field) => {
    for (const type of ['svg', 'png']) {
      const res = await t.api('GET', `/api/links/poster/qr.${type}?${query}`);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(field);
    }
  });

  it('accepts the bounds themselves', async () => {
    for (const query of ['size=64&margin=0', 'size=4096&margin=16', 'ecc=L', 'ecc=Q']) {
      expect((await t.api('GET', `/api/links/poster/qr.svg?${query}`)).status, query).toBe(200);
    }
  });

  it('refuses colours that do not stand apart (contrast under 4.5:1)', async () => {
    for (const colours of [
      'fg=777777&bg=888888',
      'fg=ffffff&bg=ffff00',
      'fg=000000&bg=000000',
      'fg=777777&bg=ffffff',
    ]) {
      const res = await t.api('GET', `/api/links/poster/qr.svg?${colours}`);
      expect(res.status, colours).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('low_contrast');
      expect(error.message).toMatch(/contrast of \d+\.\d\d:1; scanners need at least 4.5:1/);
    }
    // #767676 on white is 4.54:1, #777777 4.48:1: the line falls between them.
    expect((await t.api('GET', '/api/links/poster/qr.svg?fg=767676&bg=ffffff')).status).toBe(200);
  });

  it('answers 404 for an unknown post and 401 without a key', async () => {
    expect((await t.api('GET', '/api/links/nobody/qr.svg')).status).toBe(404);
    expect((await t.app.request('/api/links/poster/qr.svg')).status).toBe(401);
  });

  it('says to ask for SVG where the runtime cannot draw PNG', async () => {
    const svgOnly = await makeTestApp();
    try {
      await svgOnly.api('POST', '/api/links', { url: 'https://example.com/p', slug: 'p' });
      const res = await svgOnly.api('GET', '/api/links/p/qr.png');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({
        code: 'png_unavailable',
        message: 'this runtime draws QR codes as SVG only: ask for qr.svg',
      });
      expect((await svgOnly.api('GET', '/api/links/p/qr.svg')).status).toBe(200);
    } finally {
      svgOnly.close();
    }
  });

  it('counts a scan of the code as a QR scan, and forwards no qr parameter', async () => {
    const res = await t.app.request('/poster?qr=1', {
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' },
    });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.has('qr')).toBe(false);
  });
});
