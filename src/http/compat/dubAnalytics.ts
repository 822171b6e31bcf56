/** Dub's GET /analytics for clicks, answered from linkpost's counters through getStats. */
import { z } from 'zod';
import { DAY_MS, HOUR_MS, type Stats, type StatsStore, type Clock } from '../../domain/index.js';
import { parseInput } from '../../services/index.js';
import { getStats } from '../../services/getStats.js';

export const DUB_INTERVALS = ['24h', '7d', '30d', '90d', '1y', 'mtd', 'qtd', 'ytd', 'all'] as const;
export const DUB_GROUPS = ['count', 'timeseries', 'countries', 'devices', 'referers'] as const;

const analyticsQuery = z.object({
  event: z.literal('clicks', { message: 'linkpost counts clicks only (event=clicks)' }).default('clicks'),
  groupBy: z.enum(DUB_GROUPS, { message: `groupBy must be one of ${DUB_GROUPS.join(', ')}` }).default('count'),
  key: z.string().max(64).optional(),
  linkId: z.string().max(64).optional(),
  interval: z.enum(DUB_INTERVALS).optional(),
  start: z.string().max(40).optional(),
  end: z.string().max(40).optional(),
  timezone: z.string().max(64).default('UTC'),
  country: z.string().max(2).optional(),
  device: z.string().max(20).optional(),
});
export type DubAnalyticsQuery = z.output<typeof analyticsQuery>;

export const parseAnalyticsQuery = (raw: unknown) => parseInput(analyticsQuery, raw);

/** Today's date where the reader is, or in UTC for a zone getStats will refuse anyway. */
function localDate(now: number, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/** Dub's interval as a range and the series step Dub uses for it. */
function rangeOf(q: DubAnalyticsQuery, now: number): Record<string, string> {
  if (q.start) return { from: q.start, ...(q.end ? { to: q.end } : {}) };
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const today = localDate(now, q.timezone);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (q.interval ?? '24h') {
    case '24h':
      return { from: ago(24 * HOUR_MS), to: new Date(now).toISOString(), interval: 'hour' };
    case '7d':
      return { from: ago(7 * DAY_MS), interval: 'day' };
    case '30d':
      return { from: ago(30 * DAY_MS), interval: 'day' };
    case '90d':
      return { from: ago(90 * DAY_MS), interval: 'day' };
    case '1y':
      return { from: ago(365 * DAY_MS), interval: 'month' };
    case 'mtd':
      return { from: `${y}-${pad(m)}-01`, interval: 'day' };
    case 'qtd':
      return { from: `${y}-${pad(m - ((m - 1) % 3))}-01`, interval: 'day' };
    case 'ytd':
      return { from: `${y}-01-01`, interval: 'month' };
    default:
      return { from: `${y - 19}-01-01`, interval: 'month' };
  }
}

const zeros = { leads: 0, sales: 0, saleAmount: 0 };
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The answer Dub gives for a groupBy, people only, as Dub counts. */
export function dubAnalyticsOf(stats: Stats, groupBy: DubAnalyticsQuery['groupBy']) {
  const b = stats.breakdowns;
  switch (groupBy) {
    case 'count':
      return { clicks: stats.totals.clicks, ...zeros };
    case 'timeseries':
      return stats.series.map((p) => ({ start: p.t, clicks: p.clicks, ...zeros }));
    case 'countries':
      return b.country
        .filter((r) => r.value)
        .map((r) => ({ country: r.value!, city: '*', region: '*', clicks: r.clicks, ...zeros }));
    case 'devices':
      return b.device
        .filter((r) => r.value)
        .map((r) => ({ device: capitalized(r.value!), clicks: r.clicks, ...zeros }));
    default:
      return b.referrer.map((r) => ({ referer: r.value ?? '(direct)', clicks: r.clicks, ...zeros }));
  }
}

/** GET /analytics: the query as getStats reads it. */
export async function dubAnalytics(
  deps: { stats: StatsStore; clock: Clock },
  q: DubAnalyticsQuery,
  slug: string | undefined,
) {
  const stats = await getStats(deps, {
    ...rangeOf(q, deps.clock()),
    tz: q.timezone,
    limit: '100',
    ...(slug ? { slug } : {}),
    ...(q.country ? { country: q.country } : {}),
    ...(q.device ? { device: q.device.toLowerCase() } : {}),
  });
  return dubAnalyticsOf(stats, q.groupBy);
}
