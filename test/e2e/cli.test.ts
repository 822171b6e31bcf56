import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CLICK_CSV_COLUMNS } from '../../src/services/exportClicks.js';
import { tempDir } from '../support/app.js';
import { ROOT, runProcess, startServerProcess } from '../support/server.js';
import { parseCsv } from '../http/exportFixtures.js';
import { createProgress, progressLine } from '../../src/cli/progress.js';

const dir = tempDir('linkpost-cli-');
const dbPath = join(dir, 'cli.db');
const env = { DATABASE_PATH: dbPath, PUBLIC_URL: 'https://go.example' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runProcess(['src/cli/main.ts', ...args], env);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const listed = async () => {
  const r = await cli('links', 'list', '--all', '--json');
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { slug: string; title: string | null });
};

// The tests share one database and run in order, as a user would type the commands.
describe('the linkpost command line', { timeout: 90_000 }, () => {
  it('creates a link and refuses bad input with a message and exit code 2', async () => {
    const ok = await cli(
      'links',
      'create',
      '--url',
      'https://example.com/hello',
      '--slug',
      'hello',
      '--network',
      'LinkedIn',
      '--campaign',
      'Launch',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('https://go.example/hello');
    expect(ok.stdout).toContain('utm_source=linkedin');

    const cases: [string[], RegExp][] = [
      [['links', 'create', '--url', 'https://example.com/x', '--network', 'myspace'], /unknown network "myspace"/],
      [['links', 'create', '--url', 'https://example.com/x', '--slug', 'hello'], /already taken/],
      [['links', 'create', '--slug', 'x'], /--url is required/],
      [['links', 'create', '--url', 'https://example.com/x', '--tittle', 'typo'], /unknown option --tittle/],
      [['links', 'list', '--limit', 'lots'], /limit/],
      [['links', 'delete'], /usage: links list/],
      [['launch'], /unknown command "launch"/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    });
    expect((await listed()).map((l) => l.slug)).toEqual(['hello']);
  });

  it('imports a spreadsheet export: BOM, CRLF, quoted commas, multi-line titles, blank lines', async () => {
    const path = file(
      'posts.csv',
      '\uFEFFurl,slug,title,campaign,network,posted_at\r\n' +
        'https://example.com/a,post-a,"Launch, day one\r\n=1+1 second line",Spring,twitter,2026-03-01T09:00:00Z\r\n' +
        '\r\n' +
        'https://example.com/b,,Plain,Spring,instagram,\r\n',
    );
    const r = await cli('import', path);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created 2 links');
    const links = await listed();
    expect(links).toHaveLength(3);
    expect(links.find((l) => l.slug === 'post-a')!.title).toBe('Launch, day one\r\n=1+1 second line');
  });

  it('rejects a file with bad rows, naming each line, and creates none of it', async () => {
    const path = file(
      'bad.csv',
      'url,slug,network\n' +
        'https://example.com/fine,fine,x\n' + // line 2: good on its own
        'ftp://example.com/x,,x\n' + // line 3
        'https://example.com/c,post-a,x\n' + // line 4: taken by the previous import
        'https://example.com/d,fine,x\n' + // line 5: repeats line 2
        '"https://example.com/e\nstill the url",e,myspace\n' + // line 6, two lines
        'https://example.com/f,f\n', // line 8: a field short
    );
    const r = await cli('import', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/5 of 6 rows rejected; nothing was created/);
    const lines = [...r.stderr.matchAll(/line (\d+):/g)].map((m) => Number(m[1]));
    expect(lines).toEqual([3, 4, 5, 6, 8]);
    expect(r.stderr).toContain('line 5: slug "fine" is already used on line 2');
    expect(await listed()).toHaveLength(3);

    const dry = await cli('import', file('dry.csv', 'url,slug\nhttps://example.com/dry,dry\n'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('nothing was created');
    expect(await listed()).toHaveLength(3);

    for (const [args, message] of [
      [['import', join(dir, 'missing.csv')], /cannot read .*missing\.csv: ENOENT/],
      [['import', file('h.csv', 'link,title\nx,y\n')], /unknown column "link"/],
      [['import'], /usage: import FILE\.csv/],
    ] as [string[], RegExp][]) {
      const bad = await cli(...args);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  });

  it('exports clicks recorded by the real server, and many more, readable back exactly', async () => {
    const s = await startServerProcess({ ...env, ADMIN_API_KEY: 'admin-key-for-cli-e2e-000001' });
    const hop = await fetch(`${s.url}/post-a`, {
      redirect: 'manual',
      headers: {
        referer: '=HYPERLINK("https://evil.example","x")',
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      },
    });
    expect(hop.status).toBe(302);
    expect(await s.stop()).toBe(0); // flushes the click

    // 2,500 more, written straight into the table, to span several pages.
    const db = new Sqlite(dbPath);
    const linkId = (db.prepare("SELECT id FROM links WHERE slug = 'hello'").get() as { id: number }).id;
    const insert = db.prepare(
      `INSERT INTO clicks (link_id, clicked_at, source, device, bot, visitor, qr, city) VALUES (?, ?, ?, 'desktop', ?, ?, 0, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 2500; i++) {
        insert.run(
          linkId,
          Date.parse('2026-01-01T00:00:00Z') + i * 60_000,
          i % 7 ? 'linkedin' : '-direct',
          i % 5 === 0 ? 1 : 0,
          `v${i}`,
          i === 7 ? 'Line\nbreak, "quoted"' : null,
        );
      }
    })();
    const total = (db.prepare('SELECT count(*) AS n FROM clicks').get() as { n: number }).n;
    db.close();
    expect(total).toBe(2501);

    const r = await cli('export', '--out', `${dir}/`);
    expect(r.code).toBe(0);
    const name = readdirSync(dir).find((f) => f.startsWith('linkpost-clicks-all-'))!;
    expect(name).toMatch(/^linkpost-clicks-all-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(r.stdout).toContain(`Exported 2,501 clicks to ${join(dir, name)}`);
    const text = readFileSync(join(dir, name), 'utf8');
    expect(text.startsWith('\uFEFFclicked_at,slug,')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2501);
    expect(Object.keys(rows[0]!)).toEqual([...CLICK_CSV_COLUMNS]);

    const server = rows.find((row) => row.slug === 'post-a')!;
    expect(server).toMatchObject({
      short_url: 'https://go.example/post-a',
      title: 'Launch, day one\r\n=1+1 second line',
      referrer: `'=HYPERLINK("https://evil.example","x")`,
      device: 'mobile',
      os: 'iOS',
      bot: 'false',
      destination: 'https://example.com/a?utm_source=x&utm_medium=social&utm_campaign=spring',
    });
    const seeded = rows.filter((row) => row.slug === 'hello');
    expect(seeded.map((row) => row.visitor)).toEqual(Array.from({ length: 2500 }, (_, i) => `v${i}`));
    expect(seeded[0]).toMatchObject({ clicked_at: '2026-01-01T00:00:00.000Z', source: "'-direct", bot: 'true' });
    expect(seeded[7]!.city).toBe('Line\nbreak, "quoted"');
    expect(seeded.filter((row) => row.bot === 'true')).toHaveLength(500);
  });

  it('writes to stdout when piped, with only a summary on stderr, and applies filters', async () => {
    const r = await cli(
      'export',
      '--slug',
      'hello',
      '--bots',
      'exclude',
      '--from',
      '2026-01-01T10:00',
      '--tz',
      'Europe/Paris',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/\x1b|\r/);
    // Paris is UTC+1 in January: 10:00 there is 09:00 UTC, minute 540.
    const rows = parseCsv(r.stdout);
    expect(rows[0]!.clicked_at).toBe('2026-01-01T09:01:00.000Z');
    expect(rows.every((row) => row.slug === 'hello' && row.bot === 'false')).toBe(true);
    expect(r.stderr).toBe(
      `Exported ${rows.length.toLocaleString('en-US')} clicks in ${/in (\S+) s/.exec(r.stderr)![1]} s\n`,
    );
  });

  it('refuses bad filters before creating any file', async () => {
    const out = join(dir, 'never.csv');
    for (const [args, message] of [
      [['--from', '2026-02-30'], /from: 2026-02-30 is not a real date and time/],
      [['--from', 'yesterday'], /from: expected an ISO date/],
      [['--tz', 'Paris'], /tz: unknown time zone/],
      [['--bots', 'some'], /bots/],
      [['--format', 'xlsx'], /unknown option --format/],
    ] as [string[], RegExp][]) {
      const r = await cli('export', ...args, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    const r = await cli('export', '--out', join(dir, 'no-such-dir', 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.csv: ENOENT/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  // CI installs script(1) (.ci/run); there its absence is a failure, never a quiet skip.
  const hasScript = existsSync('/usr/bin/script');
  if (process.env.CI === 'true' && !hasScript) {
    it('draws a progress bar when stderr is a terminal', () => {
      throw new Error('script(1) is missing: install bsdutils (CI installs it in .ci/run)');
    });
  }
  it.skipIf(!hasScript)('draws a progress bar when stderr is a terminal', async () => {
    const out = join(dir, 'tty.csv');
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    // script(1) gives the command a pseudo-terminal, as an interactive shell would.
    const r = spawnSync('script', ['-qec', `${tsx} src/cli/main.ts export --out ${out}`, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\[#+-*\]\s+\d+%\s+[\d,]+\/2,501/);
    expect(r.stdout).toMatch(/\r\x1b\[K/); // the bar is cleared before the summary
    expect(parseCsv(readFileSync(out, 'utf8'))).toHaveLength(2501);
  });

  it('runs as the installed `linkpost` bin', async () => {
    const child = spawn(process.execPath, ['src/cli/bin.js', 'links', 'list'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^slug\tshort_url\tclicks/);
    expect(stdout).toContain('https://go.example/post-a');
  });
});

describe('the export progress bar', () => {
  it('fits the terminal and shows share, counts and rate', () => {
    const line = progressLine(500_000, 1_000_000, 2_000, 60);
    expect(line).toBe('[#########--------]  50%  500,000/1,000,000  250,000 rows/s');
    expect(line.length).toBeLessThan(60);
    expect(progressLine(1_200, null, 1_000)).toBe('1,200 rows  1,200 rows/s');
  });

  it('redraws at most ten times a second on a terminal and never on a pipe', () => {
    let now = 0;
    const writes: string[] = [];
    const tty = createProgress({ isTTY: true, columns: 80, write: (t) => writes.push(t) }, 10_000, () => now);
    for (let i = 0; i < 10; i++) {
      now += 30;
      tty.add(1000);
    }
    expect(writes.length).toBe(3); // at 30, 150 and 270 ms
    expect(tty.finish()).toEqual({ rows: 10_000, ms: 300 });
    expect(writes.at(-1)).toBe('\r\x1b[K');

    const piped: string[] = [];
    const pipe = createProgress({ isTTY: false, write: (t) => piped.push(t) }, null, () => now);
    pipe.add(5);
    expect(pipe.finish().rows).toBe(5);
    expect(piped).toEqual([]);
  });
});
