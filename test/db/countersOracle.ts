/**
 * The answers of GET /api/stats computed the slow, obvious way: SQL over raw clicks, and Intl
 * to name each click's local hour or day. Tests hold the counters to it.
 */
import type Sqlite from 'better-sqlite3';

export interface OracleQuery {
  from: number;
  to: number;
  tz: string;
  interval: 'hour' | 'day';
  bots: 'include' | 'exclude' | 'only';
  campaigns?: string[];
  networks?: string[];
  slugs?: string[];
  sources?: string[];
  countries?: string[];
  devices?: string[];
  qr?: boolean;
}

type Counts = { clicks: number; uniques: number };

function where(q: OracleQuery, bots: boolean): { sql: string; params: unknown[] } {
  const parts = ['c.clicked_at >= ?', 'c.clicked_at < ?'];
  const params: unknown[] = [q.from, q.to];
  const list = (column: string, values?: string[]) => {
    if (!values) return;
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('l.campaign', q.campaigns);
  list('l.network', q.networks);
  list('l.slug', q.slugs);
  list('c.source', q.sources);
  list('c.country', q.countries);
  list('c.device', q.devices);
  if (q.qr !== undefined) parts.push(q.qr ? 'c.qr = 1' : 'c.qr = 0');
  if (bots && q.bots === 'exclude') parts.push('c.bot = 0');
  if (bots && q.bots === 'only') parts.push('c.bot = 1');
  return { sql: parts.join(' AND '), params };
}

/**
 * Whether a click is its visitor's first human click on its link that UTC day, decided from the
 * raw clicks themselves (earlier ids first), not from the first_of_day flag the code under test sets.
 */
const FIRST_OF_DAY = `(c.id IN (SELECT id FROM (
  SELECT id, row_number() OVER (PARTITION BY link_id, visitor, clicked_at / 86400000 ORDER BY id) AS n
  FROM clicks WHERE NOT bot) WHERE n = 1))`;
const UNIQUE = `sum(CASE WHEN ${FIRST_OF_DAY} THEN 1 ELSE 0 END)`;

/** The local label of an instant: `2026-03-02T14` (hour) or `2026-03-02` (day). */
export function localLabel(ms: number, tz: string, interval: 'hour' | 'day'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  // The offset tells a repeated autumn hour from the first one.
  return interval === 'day' ? day : `${day}T${get('hour')}${get('timeZoneName').replace('GMT', '') || '+00:00'}`;
}

export function rawStats(sqlite: Sqlite.Database, q: OracleQuery) {
  const w = where(q, true);
  const from = `FROM clicks c JOIN links l ON l.id = c.link_id WHERE ${w.sql}`;
  const totals = sqlite.prepare(`SELECT count(*) AS clicks, ${UNIQUE} AS uniques ${from}`).get(...w.params) as Counts;
  const wb = where(q, false);
  const bots = (
    sqlite
      .prepare(`SELECT count(*) AS n FROM clicks c JOIN links l ON l.id = c.link_id WHERE ${wb.sql} AND c.bot = 1`)
      .get(...wb.params) as { n: number }
  ).n;

  const series = new Map<string, Counts>();
  for (const r of sqlite
    .prepare(`SELECT c.clicked_at AS at, c.bot AS bot, ${FIRST_OF_DAY} AS first ${from}`)
    .all(...w.params) as { at: number; bot: number; first: number }[]) {
    const label = localLabel(r.at, q.tz, q.interval);
    const acc = series.get(label) ?? { clicks: 0, uniques: 0 };
    acc.clicks += 1;
    acc.uniques += r.first && !r.bot ? 1 : 0;
    series.set(label, acc);
  }

  const breakdown = (expr: string) =>
    new Map(
      (
        sqlite
          .prepare(`SELECT ${expr} AS value, count(*) AS clicks, ${UNIQUE} AS uniques ${from} GROUP BY 1`)
          .all(...w.params) as ({ value: string | null } & Counts)[]
      ).map((r) => [r.value, { clicks: r.clicks, uniques: r.uniques }]),
    );
  const breakdowns = {
    source: breakdown('c.source'),
    referrer: breakdown('c.referrer_host'),
    country: breakdown('c.country'),
    city: breakdown(
      "CASE WHEN c.city IS NULL THEN NULL WHEN c.country IS NULL THEN c.city ELSE c.city || ', ' || c.country END",
    ),
    device: breakdown('c.device'),
    os: breakdown('c.os'),
    browser: breakdown('c.browser'),
    qr: breakdown("CASE WHEN c.qr THEN 'true' ELSE 'false' END"),
    network: breakdown('l.network'),
    campaign: breakdown('l.campaign'),
    link: breakdown('l.slug'),
  };
  return { totals: { ...totals, bots }, series, breakdowns };
}
