import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { runProcess } from '../support/server.js';

const dir = tempDir('linkpost-seed-');
const env = { DATABASE_PATH: join(dir, 'seed.db') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runProcess(['src/cli/main.ts', ...args], env);
const dump = () => {
  const db = new Sqlite(env.DATABASE_PATH, { readonly: true });
  try {
    return ['counter_totals', 'counter_links', 'counter_profiles'].map((t) =>
      db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5, 6`).all(),
    );
  } finally {
    db.close();
  }
};

describe('seed and counters rebuild', () => {
  it('seeds posts and clicks through the write path, counted as they are written', async () => {
    const run = await cli(
      'seed',
      '--links',
      '40',
      '--campaigns',
      '5',
      '--clicks',
      '3000',
      '--days',
      '10',
      '--now',
      '2026-03-10T00:00:00Z',
    );
    expect(run.stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
    expect(run.stdout).toMatch(/^Seeded 40 links in 5 campaigns and 3,000 clicks over 10 days in [\d.]+ s/);
    expect(run.code).toBe(0);
    const db = new Sqlite(env.DATABASE_PATH, { readonly: true });
    const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0];
    expect(one('SELECT count(*) FROM clicks')).toBe(3000);
    expect(one('SELECT count(DISTINCT campaign) FROM links')).toBe(5);
    expect(one("SELECT sum(clicks) FROM counter_totals WHERE dim = 'all' AND grain = 1440")).toBe(3000);
    expect(one('SELECT max(clicked_at) FROM clicks')).toBeLessThan(Date.parse('2026-03-10T00:00:00Z'));
    const bots = one('SELECT avg(bot) FROM clicks') as number;
    expect(bots).toBeGreaterThan(0.02);
    expect(bots).toBeLessThan(0.15);
    db.close();
  });

  it('rebuilds counters equal to the ones kept while writing', async () => {
    const before = dump();
    const run = await cli('counters', 'rebuild');
    expect(run.stdout).toMatch(/^Rebuilt the counters from 3,000 clicks in [\d.]+ s\./);
    expect(dump()).toEqual(before);
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await cli('counters')).code).toBe(2);
    expect((await cli('seed', '--clicks', 'many')).stderr).toMatch(/--clicks must be a whole number/);
    expect((await cli('seed', '--nope', '1')).code).toBe(2);
  });
});
