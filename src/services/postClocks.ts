import { bucketStart, QUARTER, type BotMode, type StatsLink, type StatsScope } from '../domain/index.js';
import { postedIn, type TimingDeps } from './timingInput.js';

/** A post and its counts per quarter hour since the quarter hour it was posted in. */
export interface PostClock {
  link: StatsLink;
  /** UTC start of the posting quarter hour: quarter 0. */
  start: number;
  clicks: ReadonlyMap<number, number>;
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
    deps.timing.postQuarters(scope, posted, quarters, bots),
  ]);
  const clicked = new Map(rows.map((r) => [r.linkId, r.clicks]));
  const none = new Map<number, number>();
  return links
    .filter(posted ? postedIn(posted) : () => true)
    .map((link) => ({ link, start: bucketStart(link.postedAt, QUARTER), clicks: clicked.get(link.id) ?? none }));
}

/** Sum of a clock's counts over quarters [from, to). */
export function sumQuarters(counts: ReadonlyMap<number, number>, from: number, to: number): number {
  let n = 0;
  for (const [k, c] of counts) if (k >= from && k < to) n += c;
  return n;
}
