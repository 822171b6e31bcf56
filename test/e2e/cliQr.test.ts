import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { runProcess } from '../support/server.js';

const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;
const dir = tempDir('linkpost-cli-qr-');
const env = { DATABASE_PATH: join(dir, 'cli.db'), PUBLIC_URL: 'https://go.example' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runProcess(['src/cli/main.ts', ...args], env);

describe('linkpost links qr', { timeout: 90_000 }, () => {
  it("writes a post's QR code as SVG or PNG, and refuses what cannot be drawn", async () => {
    expect((await cli('links', 'create', '--url', 'https://example.com/flyer', '--slug', 'flyer')).code).toBe(0);

    const svgPath = join(dir, 'code.svg');
    const svg = await cli('links', 'qr', 'flyer', '--out', svgPath, '--fg', '14532d');
    expect(svg.code).toBe(0);
    expect(svg.stdout).toContain('SVG QR code of https://go.example/flyer?qr=1');
    expect(readFileSync(svgPath, 'utf8')).toMatch(/^<svg [^>]*width="512"[^>]*>.*stroke="#14532d"/s);

    const pngPath = join(dir, 'code.png');
    const png = await cli('links', 'qr', 'flyer', '--out', pngPath, '--png', '--size', '1024');
    expect(png.code).toBe(0);
    const image = PNG.sync.read(readFileSync(pngPath));
    expect([image.width, image.height]).toEqual([1024, 1024]);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(
      'https://go.example/flyer?qr=1',
    );

    const refused: [string[], RegExp][] = [
      [['links', 'qr', 'flyer', '--out', join(dir, 'x.svg'), '--size', '20'], /size/],
      [['links', 'qr', 'flyer', '--out', join(dir, 'x.svg'), '--fg', 'eeeeee'], /contrast of 1\.\d\d:1/],
      [['links', 'qr', 'nobody', '--out', join(dir, 'x.svg')], /no link|not found|nobody/i],
      [['links', 'qr', 'flyer'], /usage: links qr/],
      [['links', 'qr', 'flyer', '--out', join(dir, 'no', 'such', 'dir', 'x.svg')], /cannot write .*ENOENT/],
    ];
    for (const [args, message] of refused) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
