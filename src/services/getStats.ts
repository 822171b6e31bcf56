import { z } from 'zod';
import {
  coarsestCommonGrain,
  fillSeries,
  formatLocal,
  intervalStarts,
  invalid,
  isAligned,
  sumByKey,
  topRows,
  chooseInterval,
  BREAKDOWNS,
  CLICK_DIMENSIONS,
  INTERVALS,
  MAX_RANGE_MS,
  QUARTER,
  type BreakdownName,
  type BreakdownRow,
  type BucketCount,
  type Clock,
  type DimensionCount,
  type LinkCount,
  type Stats,
  type StatsScope,
  type StatsStore,
} from '../domain/index.js';
import { parseInput } from './parse.js';
import { botsField, forceScope, parseRange, scopeFields, toScope, tzField } from './statsInput.js';

export interface StatsDeps {
  stats: StatsStore;
  clock: Clock;
}

/** Days in the range when neither `from` nor `to` is given. */
export const DEFAULT_RANGE_DAYS = 30;

export const statsInput = z
  .object({
    ...scopeFields,
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    tz: tzField,
    interval: z.enum(INTERVALS).optional(),
    bots: botsField,
    limit: z.coerce.number().int().min(1).max(100).default(10),
    now: z.number(),
  })
  .transform((input, ctx) => {
    const range = parseRange(input, input.now, DEFAULT_RANGE_DAYS, ctx);
    if (!range) return z.NEVER;
    const interval = input.interval ?? chooseInterval(range.from, range.to);
    if (range.to - range.from > MAX_RANGE_MS[interval]) {
      ctx.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `too many ${interval}s in this range: use a longer interval or a shorter range`,
      });
      return z.NEVER;
    }
    return { ...input, ...range, interval, scope: toScope(input) };
  });

/**
 * Totals, a gap-free series and breakdowns for a range in a time zone, from counters only.
 * `totals.clicks` and the series count humans, bots or both as `bots` says; `totals.bots`
 * always counts bot hits. Uniques are first clicks of a visitor on a link in a UTC day.
 * A `scope` given by the server replaces the query's filters.
 */
export async function getStats(deps: StatsDeps, raw: Record<string, unknown>, scope?: StatsScope): Promise<Stats> {
  const q = forceScope(parseInput(statsInput, { ...raw, now: deps.clock() }), scope);
  const starts = intervalStarts(q.view, q.from, q.to, q.interval);
  const inner = starts.filter((s) => s > q.from);
  if (!inner.every((s) => isAligned(s, QUARTER))) {
    throw invalid('unsupported_time_zone', `${q.tz} had an offset that is not whole quarter hours in this range`);
  }
  const [timeline, dimensions, links] = await Promise.all([
    deps.stats.timeline(q.scope, q.from, q.to, coarsestCommonGrain(inner)),
    deps.stats.dimensions(q.scope, q.from, q.to, q.bots),
    deps.stats.links(q.scope, q.from, q.to, q.bots),
  ]);
  const counted = (r: BucketCount) => (q.bots === 'include' ? true : q.bots === 'only' ? r.bot : !r.bot);
  const chosen = timeline.filter(counted);
  const totals = {
    clicks: chosen.reduce((n, r) => n + r.clicks, 0),
    uniques: chosen.reduce((n, r) => n + r.uniques, 0),
    bots: timeline.reduce((n, r) => n + (r.bot ? r.clicks : 0), 0),
  };
  const label = (ms: number) => formatLocal(q.view, ms);
  return {
    range: { from: label(q.from), to: label(q.to), tz: q.tz, interval: q.interval },
    totals,
    series: fillSeries(starts, chosen, label),
    breakdowns: breakdowns(dimensions, links, q.limit),
  };
}

/** Top rows of every breakdown: click dimensions as counted, link ones summed from links. */
export function breakdowns(
  dimensions: DimensionCount[],
  links: LinkCount[],
  limit: number,
): Record<BreakdownName, BreakdownRow[]> {
  const out = Object.fromEntries(BREAKDOWNS.map((b) => [b, [] as BreakdownRow[]])) as Record<
    BreakdownName,
    BreakdownRow[]
  >;
  for (const dim of CLICK_DIMENSIONS) {
    const summed = sumByKey(dimensions.filter((d) => d.dim === dim).map((d) => [d.value, d] as const));
    out[dim] = topRows(
      [...summed].map(([value, c]) => ({ ...dimensionValue(dim, value), ...c })),
      limit,
    );
  }
  out.link = topRows(
    links.map((l) => ({
      value: l.link.slug,
      ...(l.link.title ? { label: l.link.title } : {}),
      clicks: l.clicks,
      uniques: l.uniques,
    })),
    limit,
  );
  for (const field of ['network', 'campaign'] as const) {
    const summed = sumByKey(links.map((l) => [l.link[field], l] as const));
    out[field] = topRows(
      [...summed].map(([value, c]) => ({ value, ...c })),
      limit,
    );
  }
  return out;
}

const QR_LABELS: Record<string, string> = { true: 'QR scans', false: 'Link clicks' };

/**
 * Cities are stored with their country ("FR|Paris"): the value is the city, the label says
 * where. QR rows keep the filter's value (`qr=true`) and say what it means.
 */
function dimensionValue(dim: string, value: string | null): Pick<BreakdownRow, 'value' | 'label'> {
  if (dim === 'qr' && value !== null) return { value, label: QR_LABELS[value] ?? value };
  if (dim !== 'city' || value === null) return { value };
  const bar = value.indexOf('|');
  const country = value.slice(0, bar);
  const city = value.slice(bar + 1);
  return { value: city, label: country ? `${city}, ${country}` : city };
}
