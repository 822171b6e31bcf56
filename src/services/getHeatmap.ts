import { z } from 'zod';
import {
  formatLocal,
  hourOf,
  weekdayOf,
  weekHourOf,
  LIFETIME_WINDOWS,
  QUARTER_MS,
  WEEK_HOURS,
  type StatsScope,
} from '../domain/index.js';
import { parseInput } from './parse.js';
import { forceScope } from './statsInput.js';
import { readPostClocks, sumQuarters } from './postClocks.js';
import { requireQuarterOffsets, timingFields, withRange, type TimingDeps } from './timingInput.js';

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
  for (const post of await readPostClocks(deps, q.scope, q, { from: 0, to: day }, q.bots)) {
    if (post.start + day * QUARTER_MS > now) {
      pending++;
      continue;
    }
    const cell = cells[weekHourOf(q.view, post.link.postedAt)]!;
    cell.posts++;
    cell.clicks += sumQuarters(post.clicks, 0, day);
    cell.uniques += sumQuarters(post.uniques, 0, day);
  }
  return { range, metric, cells, pending };
}
