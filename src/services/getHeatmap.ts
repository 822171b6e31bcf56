import { z } from 'zod';
import {
  bucketStart,
  formatLocal,
  hourOf,
  weekdayOf,
  weekHourOf,
  LIFETIME_WINDOWS,
  QUARTER,
  QUARTER_MS,
  WEEK_HOURS,
  type StatsScope,
} from '../domain/index.js';
import { parseInput } from './parse.js';
import { forceScope } from './statsInput.js';
import { postedIn, requireQuarterOffsets, timingFields, withRange, type TimingDeps } from './timingInput.js';

export const HEATMAP_METRICS = ['clicks', 'first24h'] as const;
export type HeatmapMetric = (typeof HEATMAP_METRICS)[number];

export interface HeatmapCell {
  weekday: number;
  hour: number;
  clicks: number;
  uniques: number;
  posts: number;
}
export interface Heatmap {
  range: { from: string; to: string; tz: string };
  metric: HeatmapMetric;
  cells: HeatmapCell[];
  /** first24h only: posts of the range whose first 24 hours have not ended, left out. */
  pending?: number;
}

export const heatmapInput = z
  .object({ ...timingFields, metric: z.enum(HEATMAP_METRICS).default('clicks') })
  .transform(withRange);

/**
 * Clicks per local weekday × hour (Monday 0), always 168 cells. metric=clicks buckets clicks in
 * the range by when they came, `posts` being the posts with clicks in the cell; metric=first24h
 * buckets each post posted in the range by its posting time, with the clicks of its first 24
 * hours (from its posting quarter hour), `posts` being the posts posted in the cell.
 */
export async function getHeatmap(deps: TimingDeps, raw: Record<string, unknown>, scope?: StatsScope): Promise<Heatmap> {
  const q = forceScope(parseInput(heatmapInput, { ...raw, now: deps.clock() }), scope);
  const metric = q.metric;
  requireQuarterOffsets(q);
  const cells: HeatmapCell[] = Array.from({ length: WEEK_HOURS }, (_, i) => ({
    weekday: weekdayOf(i),
    hour: hourOf(i),
    clicks: 0,
    uniques: 0,
    posts: 0,
  }));
  const range = { from: formatLocal(q.view, q.from), to: formatLocal(q.view, q.to), tz: q.tz };
  if (metric === 'clicks') {
    for (const r of await deps.timing.weekHours(q.scope, q.from, q.to, q.bots, q.offsets)) {
      const cell = cells[r.weekHour]!;
      cell.clicks += r.clicks;
      cell.uniques += r.uniques;
      cell.posts += r.posts;
    }
    return { range, metric, cells };
  }
  const day = LIFETIME_WINDOWS.h24;
  const now = deps.clock();
  let pending = 0;
  const [links, totals] = await Promise.all([
    deps.stats.linksIn(q.scope),
    deps.timing.postTotals(q.scope, q, { from: 0, to: day }, q.bots),
  ]);
  const byLink = new Map(totals.map((t) => [t.linkId, t]));
  for (const link of links.filter(postedIn(q))) {
    if (bucketStart(link.postedAt, QUARTER) + day * QUARTER_MS > now) {
      pending++;
      continue;
    }
    const cell = cells[weekHourOf(q.view, link.postedAt)]!;
    const total = byLink.get(link.id);
    cell.posts++;
    cell.clicks += total?.clicks ?? 0;
    cell.uniques += total?.uniques ?? 0;
  }
  return { range, metric, cells, pending };
}
