/** `keys create --scopes --campaign` and `keys list` through the real command line and database. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { runProcess } from '../support/server.js';

const dir = tempDir('linkpost-cli-keys-');
const env = { DATABASE_PATH: join(dir, 'keys.db'), PUBLIC_URL: 'https://go.example' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runProcess(['src/cli/main.ts', ...args], env);

describe('keys on the command line', { timeout: 90_000 }, () => {
  it('creates a scoped, campaign-limited key and lists its scopes and campaigns', async () => {
    const made = await cli(
      'keys',
      'create',
      '--name',
      'Client A',
      '--scopes',
      'links:read,analytics:read',
      '--campaign',
      'Spring, 2026',
      '--campaign',
      'Autumn',
    );
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('scopes links:read,analytics:read; campaigns "Spring, 2026", "Autumn"');
    expect(made.stdout).toMatch(/^lp_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/m);
    const admin = await cli('keys', 'create', '--name', 'Colleague');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('scopes admin; all campaigns');

    const list = await cli('keys', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Client A\tscopes links:read,analytics:read; campaigns "Spring, 2026", "Autumn"');
    expect(lines[0]).toContain('never used');
    expect(lines[1]).toContain('Colleague\tscopes admin; all campaigns');
  });

  it('refuses unknown scopes, an admin limited to campaigns and a bare --campaign', async () => {
    const cases: [string[], RegExp][] = [
      [['keys', 'create', '--name', 'x', '--scopes', 'links:read,everything'], /scopes/],
      [['keys', 'create', '--name', 'x', '--scopes', 'admin', '--campaign', 'Spring'], /admin key sees every campaign/],
      [['keys', 'create', '--name', 'x', '--campaign'], /--campaign needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await cli('keys', 'list')).stdout.trim().split('\n')).toHaveLength(2);
  });
});
