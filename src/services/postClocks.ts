import { bucketStart, QUARTER, QUARTER_MS, type BotMode, type StatsLink, type StatsScope } from '../domain/index.js';
import type { TimingDeps } from './timingInput.js';

/** A post and its counts per quarter hour since the quarter hour it was posted in. */
export interface PostClock {
  link: StatsLink;
  /** UTC start of the posting quarter hour: quarter 0. */
  start: number;
  clicks: Map<number, number>;
  uniques: Map<number, number>;
}

/**
 * Every post of the scope (posted in `posted` when given) with its clocked counts for quarters
 * [from, to): two reads, however many posts.
 */
export async function readPostClocks(
  deps: TimingDeps,
  scope: StatsScope,
  posted: { from: number; to: number } | null,
  quarters: { from: number; to: number },
  bots: BotMode,
): Promise<PostClock[]> {
  const [links, rows] = await Promise.all([
    deps.stats.linksIn(scope),
    deps.timing.postBuckets(scope, posted, quarters, bots),
  ]);
  const clocks = new Map<number, PostClock>();
  for (const link of links) {
    if (posted && (link.postedAt < posted.from || link.postedAt >= posted.to)) continue;
    clocks.set(link.id, { link, start: bucketStart(link.postedAt, QUARTER), clicks: new Map(), uniques: new Map() });
  }
  for (const r of rows) {
    const clock = clocks.get(r.linkId);
    if (!clock) continue;
    const k = (r.at - clock.start) / QUARTER_MS;
    clock.clicks.set(k, (clock.clicks.get(k) ?? 0) + r.clicks);
    clock.uniques.set(k, (clock.uniques.get(k) ?? 0) + r.uniques);
  }
  return [...clocks.values()];
}

/** Sum of a clock's counts over quarters [from, to). */
export function sumQuarters(counts: ReadonlyMap<number, number>, from: number, to: number): number {
  let n = 0;
  for (const [k, c] of counts) if (k >= from && k < to) n += c;
  return n;
}
