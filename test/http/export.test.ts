import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { csvStream } from '../../src/http/routes/export.js';
import { silentLogger } from '../../src/domain/index.js';
import { exportPageQuery } from '../../src/db/clickReader.js';
import { CLICK_CSV_COLUMNS } from '../../src/services/exportClicks.js';
import { click, endlessReader, listen, makeExportApp, parseCsv, sleep, type ExportTestApp } from './exportFixtures.js';

let t: ExportTestApp;
afterEach(() => t?.close());

const csv = async (query = '') => {
  const res = await t.api('GET', `/api/clicks.csv${query}`);
  expect(res.status).toBe(200);
  return parseCsv(await res.text());
};

describe('GET /api/clicks.csv', () => {
  it('answers a CSV attachment named after the filter and the day, BOM and header first', async () => {
    t = await makeExportApp();
    const res = await t.api(
      'GET',
      '/api/clicks.csv?campaign=Spring%20Launch%20%C3%A9t%C3%A9%20%22%2F..%2F&network=linkedin&bots=exclude',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="linkpost-clicks-spring-launch-ete-linkedin-humans-2026-03-10.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(`${CLICK_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('names the export "all" with no filter, and puts the range days in the name', async () => {
    t = await makeExportApp();
    const all = await t.api('GET', '/api/clicks.csv');
    expect(all.headers.get('content-disposition')).toBe('attachment; filename="linkpost-clicks-all-2026-03-10.csv"');
    const ranged = await t.api('GET', '/api/clicks.csv?slug=abc&from=2026-03-01&to=2026-03-08&tz=Asia/Tokyo');
    expect(ranged.headers.get('content-disposition')).toBe(
      'attachment; filename="linkpost-clicks-abc-from-2026-03-01-to-2026-03-08-2026-03-10.csv"',
    );
  });

  it('writes every column so that a CSV parser reads back exactly the stored values', async () => {
    t = await makeExportApp();
    const title = 'Launch day:\n"big", bold\r\nand =SUM(A1) inside';
    const id = await t.post({
      url: 'https://example.com/launch',
      slug: 'launch',
      title,
      campaign: '@team, "Q1"',
      network: 'linkedin',
    });
    await t.insert([
      click(id, '2026-03-09T08:00:00.123Z', {
        referrer: '=HYPERLINK("http://evil.example","click me")',
        referrerHost: 'evil.example',
        source: '+linkedin',
        device: 'mobile',
        os: 'iOS',
        browser: 'Safari',
        country: 'GB',
        region: '-ENG',
        city: '\tSt Albans',
        bot: false,
        qr: true,
        visitor: '0123456789abcdef0123456789abcdef',
      }),
      click(id, '2026-03-09T09:00:00Z', {
        bot: true,
        country: null,
        region: null,
        city: null,
        os: null,
        browser: null,
      }),
    ]);
    const rows = await csv();
    expect(rows).toEqual([
      {
        clicked_at: '2026-03-09T08:00:00.123Z',
        slug: 'launch',
        short_url: 'http://lp.test/launch',
        title: title.trim(),
        campaign: '\'@team, "Q1"',
        network: 'linkedin',
        destination:
          'https://example.com/launch?utm_source=linkedin&utm_medium=social&utm_campaign=%40team%2C-%22q1%22',
        source: "'+linkedin",
        referrer: `'=HYPERLINK("http://evil.example","click me")`,
        referrer_host: 'evil.example',
        country: 'GB',
        region: "'-ENG",
        city: "'\tSt Albans",
        device: 'mobile',
        os: 'iOS',
        browser: 'Safari',
        bot: 'false',
        qr: 'true',
        visitor: '0123456789abcdef0123456789abcdef',
      },
      expect.objectContaining({ clicked_at: '2026-03-09T09:00:00.000Z', bot: 'true', country: '', os: '', city: '' }),
    ]);
    expect(Object.keys(rows[0]!)).toEqual([...CLICK_CSV_COLUMNS]);
  });

  it('applies the filters of /api/clicks, bots included by default', async () => {
    t = await makeExportApp();
    const a = await t.post({ url: 'https://example.com/a', slug: 'a', campaign: 'Spring', network: 'x' });
    const b = await t.post({ url: 'https://example.com/b', slug: 'b', campaign: 'Spring', network: 'linkedin' });
    const c = await t.post({ url: 'https://example.com/c', slug: 'c', campaign: 'Autumn', network: 'x' });
    await t.insert([
      click(a, '2026-03-01T10:00:00Z'),
      click(a, '2026-03-02T10:00:00Z', { bot: true }),
      click(b, '2026-03-03T10:00:00Z'),
      click(c, '2026-03-04T10:00:00Z'),
    ]);
    const slugs = async (q: string) => (await csv(q)).map((r) => `${r.slug}@${r.clicked_at!.slice(5, 10)}`);
    expect(await slugs('')).toEqual(['a@03-01', 'a@03-02', 'b@03-03', 'c@03-04']);
    expect(await slugs('?bots=exclude')).toEqual(['a@03-01', 'b@03-03', 'c@03-04']);
    expect(await slugs('?bots=only')).toEqual(['a@03-02']);
    expect(await slugs('?slug=a')).toEqual(['a@03-01', 'a@03-02']);
    expect(await slugs('?campaign=Spring&network=twitter')).toEqual(['a@03-01', 'a@03-02']);
    expect(await slugs('?from=2026-03-02&to=2026-03-04')).toEqual(['a@03-02', 'b@03-03']);
    expect(await slugs('?from=2026-03-03T10:00:00Z')).toEqual(['b@03-03', 'c@03-04']);
  });

  it('reads from/to dates as midnight in tz while timestamps stay UTC', async () => {
    t = await makeExportApp();
    const id = await t.post({ url: 'https://example.com/a', slug: 'a' });
    await t.insert([
      click(id, '2026-03-09T22:30:00Z'),
      click(id, '2026-03-09T23:30:00Z'),
      click(id, '2026-03-10T05:00:00Z'),
    ]);
    const times = async (q: string) => (await csv(q)).map((r) => r.clicked_at);
    expect(await times('?from=2026-03-10')).toEqual(['2026-03-10T05:00:00.000Z']);
    // Paris is UTC+1 in March: its 10 March starts at 23:00 UTC on the 9th.
    expect(await times('?from=2026-03-10&tz=Europe/Paris')).toEqual([
      '2026-03-09T23:30:00.000Z',
      '2026-03-10T05:00:00.000Z',
    ]);
    // Kolkata is UTC+5:30: 10 March 04:00 local is 9 March 22:30 UTC, and "to" is exclusive.
    expect(await times('?from=2026-03-10T04:00&to=2026-03-10T05:00&tz=Asia/Kolkata')).toEqual([
      '2026-03-09T22:30:00.000Z',
    ]);
    // New York: 9 March is after the DST change (8 March), so UTC-4.
    expect(await times('?to=2026-03-09&tz=America/New_York')).toEqual([]);
    expect(await times('?from=2026-03-09&to=2026-03-10&tz=America/New_York')).toEqual([
      '2026-03-09T22:30:00.000Z',
      '2026-03-09T23:30:00.000Z',
    ]);
  });

  it('pages through more clicks than one query returns, each exactly once and in order', async () => {
    t = await makeExportApp();
    const id = await t.post({ url: 'https://example.com/a', slug: 'a' });
    const start = Date.parse('2026-03-01T00:00:00Z');
    await t.insert(
      Array.from({ length: 2345 }, (_, i) => click(id, start + i * 1000, { visitor: String(i).padStart(32, '0') })),
    );
    const rows = await csv();
    expect(rows).toHaveLength(2345);
    expect(rows.map((r) => Number(r.visitor))).toEqual(Array.from({ length: 2345 }, (_, i) => i));
  });

  it.each([
    ['tz=Mars/Olympus_Mons', 'tz'],
    ['from=2026-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-03-10&to=2026-03-01', 'to'],
    ['network=myspace', 'network'],
    ['bots=maybe', 'bots'],
  ])('refuses %s with a 400 JSON error naming the field, before any CSV', async (query, field) => {
    t = await makeExportApp();
    const res = await t.api('GET', `/api/clicks.csv?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('needs an API key like every /api route', async () => {
    t = await makeExportApp();
    expect((await t.app.request('/api/clicks.csv')).status).toBe(401);
  });
});

describe('streaming the export', () => {
  it('reads a page only when the consumer wants more, and stops when it cancels', async () => {
    const { reader, state } = endlessReader();
    t = await makeExportApp(reader);
    const res = await t.api('GET', '/api/clicks.csv');
    expect(state.pages).toBe(0); // the answer starts before any query
    const body = res.body!.getReader();
    for (let i = 0; i < 4; i++) await body.read();
    await sleep(20);
    const read = state.pages;
    expect(read).toBeLessThanOrEqual(5); // 3 pages taken, at most one or two read ahead
    await body.cancel();
    await sleep(50);
    expect(state.pages).toBe(read);
  });

  it('holds the queries back while a slow client is not reading (back-pressure)', async () => {
    const { reader, state } = endlessReader();
    t = await makeExportApp(reader);
    const server = await listen(t.app);
    const aborter = new AbortController();
    try {
      const res = await fetch(`${server.url}/api/clicks.csv`, {
        headers: { authorization: `Bearer ${t.key}` },
        signal: aborter.signal,
      });
      expect(res.status).toBe(200);
      await sleep(300);
      const stalled = state.pages;
      await sleep(300);
      // Socket buffers hold a few pages; an endless source that ignored back-pressure would not stop.
      expect(state.pages).toBe(stalled);
      expect(stalled).toBeLessThan(100);
    } finally {
      aborter.abort();
      await server.close();
    }
  });

  it('stops querying when the client disconnects mid-export', async () => {
    const { reader, state } = endlessReader(1);
    t = await makeExportApp(reader);
    const server = await listen(t.app);
    try {
      const aborter = new AbortController();
      const res = await fetch(`${server.url}/api/clicks.csv`, {
        headers: { authorization: `Bearer ${t.key}` },
        signal: aborter.signal,
      });
      const body = res.body!.getReader();
      let bytes = 0;
      while (bytes < 2_000_000) bytes += (await body.read()).value!.length;
      aborter.abort();
      await sleep(200);
      const atDisconnect = state.pages;
      await sleep(300);
      expect(state.pages).toBe(atDisconnect);
    } finally {
      await server.close();
    }
  });

  it('ends the export query when the client disconnects, not only pauses it', async () => {
    // Back-pressure alone also stops the page reads; only an ended iteration shows the route
    // passed the disconnect on. The route's iteration is caught where every async generator's
    // next() runs, and still runs as it did.
    const proto = Object.getPrototypeOf(async function* () {}).prototype as AsyncGenerator;
    const next = proto.next;
    const iterations = new Set<AsyncGenerator>();
    proto.next = function (this: AsyncGenerator, ...args: [] | [unknown]) {
      const result = next.apply(this, args);
      // Only the export's own: it yields CSV chunks ({ text, rows }).
      void result.then(
        (r) => {
          if (r.value && typeof r.value === 'object' && 'text' in r.value && 'rows' in r.value) iterations.add(this);
        },
        () => {},
      );
      return result;
    };
    const { reader, state } = endlessReader(1);
    t = await makeExportApp(reader);
    const server = await listen(t.app);
    try {
      const aborter = new AbortController();
      const res = await fetch(`${server.url}/api/clicks.csv`, {
        headers: { authorization: `Bearer ${t.key}` },
        signal: aborter.signal,
      });
      const body = res.body!.getReader();
      let bytes = 0;
      while (bytes < 500_000) bytes += (await body.read()).value!.length;
      proto.next = next;
      expect(iterations.size).toBe(1);
      aborter.abort();
      await sleep(300);
      const atDisconnect = state.pages;
      // A paused iteration would read another page here; an ended one is done.
      for (const it of iterations) expect(await it.next()).toEqual({ done: true, value: undefined });
      expect(state.pages).toBe(atDisconnect);
    } finally {
      proto.next = next;
      await server.close();
    }
  });
});

describe('the CSV stream', () => {
  it('ends its source when the client goes away, rather than leaving it suspended', async () => {
    // Back-pressure alone also stops the pulls; only a finished generator shows the query ended.
    let yielded = 0;
    let finished = false;
    async function* endless() {
      try {
        for (;;) {
          yielded++;
          yield { text: `${'x'.repeat(16_000)}\r\n`, rows: 1 };
        }
      } finally {
        finished = true;
      }
    }
    const app = new Hono().get('/csv', () => new Response(csvStream(endless(), silentLogger)));
    const server = await listen(app);
    try {
      const aborter = new AbortController();
      const res = await fetch(`${server.url}/csv`, { signal: aborter.signal });
      const body = res.body!.getReader();
      for (let i = 0; i < 20; i++) await body.read();
      expect(finished).toBe(false);
      aborter.abort();
      for (let waited = 0; !finished && waited < 3000; waited += 20) await sleep(20);
      expect(finished).toBe(true);
      const atEnd = yielded;
      await sleep(100);
      expect(yielded).toBe(atEnd);
    } finally {
      await server.close();
    }
  });
});

describe('the export query', () => {
  it.each([
    [{ bots: 'include' as const }],
    [{ bots: 'exclude' as const, slug: 'a' }],
    [{ bots: 'include' as const, campaign: 'Spring', network: 'x' as const, from: 0, to: 1 }],
  ])('walks clicks by primary key and never sorts a page (%j)', async (filter) => {
    t = await makeExportApp();
    const { sql, params } = exportPageQuery(t.database.db, filter, 0, 1000).toSQL();
    const plan = (
      t.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH c\w* USING INTEGER PRIMARY KEY \(rowid>\?\)$/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
