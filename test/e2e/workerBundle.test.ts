/**
 * The Worker as `wrangler deploy` would upload it (--dry-run, nothing leaves the machine):
 * nothing Node-only inside, and a size budget so growth is a decision, not an accident.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { runWrangler, wranglerEnv } from '../support/worker.js';

/** Gzipped bytes the bundle may reach; docs/workers.md gives today's size. */
const GZIP_BUDGET = 256 * 1024;

const dir = tempDir('linkpost-bundle-');
let inputs: string[] = [];
let code = '';
beforeAll(async () => {
  const out = join(dir, 'dist');
  const meta = join(dir, 'meta.json');
  await runWrangler(['deploy', '--dry-run', '--outdir', out, '--metafile', meta], wranglerEnv(dir));
  const metafile = JSON.parse(readFileSync(meta, 'utf8')) as { inputs: Record<string, unknown> };
  inputs = Object.keys(metafile.inputs);
  code = readFileSync(join(out, 'worker.js'), 'utf8');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Worker bundle', () => {
  it('contains the shared app and none of the Node runtime', () => {
    expect(inputs.some((p) => p.endsWith('src/worker.ts'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('src/http/app.ts'))).toBe(true);
    for (const nodeOnly of [
      'better-sqlite3',
      'geoip-lite',
      '@hono/node-server',
      'src/node/',
      'src/node.ts',
      'src/cli/',
    ]) {
      expect(inputs.filter((p) => p.includes(nodeOnly))).toEqual([]);
    }
    expect(code).not.toMatch(/\bfrom\s*["']node:|require\(["']node:/);
  });

  it('stays within its size budget', () => {
    expect(gzipSync(code).length).toBeLessThan(GZIP_BUDGET);
  });
});
