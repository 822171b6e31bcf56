import type { BotMode, StatsScope } from '../stats.js';
import type { ZoneOffset } from './weekHour.js';

/** Clicks of one local week hour over a range, and how many posts drew them. */
export interface WeekHourCount {
  weekHour: number;
  clicks: number;
  uniques: number;
  posts: number;
}

/** One post's clicks per quarter hour since the quarter hour it was posted in (0), negative before it. */
export interface PostQuarters {
  linkId: number;
  clicks: Map<number, number>;
}

/** One post's clicks and uniques over a stretch of quarter hours since it was posted. */
export interface PostTotal {
  linkId: number;
  clicks: number;
  uniques: number;
}

/** One network's posts' clicks: people's, of them without referrer and with no source at all, and bots'. */
export interface NetworkClicks {
  network: string | null;
  clicks: number;
  noReferrer: number;
  direct: number;
  bots: number;
}

/**
 * Reads the quarter-hour (and hour) counters by when clicks came relative to a clock: the
 * viewer's week, or each post's own posting time. Never raw clicks.
 */
export interface TimingStore {
  /**
   * Counts per local week hour of the clicks in [from, to) (quarter-hour aligned), bucketed
   * with the offsets given (which must cover the range), with the distinct posts clicked.
   */
  weekHours(
    scope: StatsScope,
    from: number,
    to: number,
    bots: BotMode,
    offsets: readonly ZoneOffset[],
  ): Promise<WeekHourCount[]>;
  /**
   * For every post of the scope posted in [posted.from, posted.to) (every post when null) that
   * drew clicks from `quarters.from` to `quarters.to` quarter hours after the quarter hour it
   * was posted in (negative: before), its clicks per such quarter hour (those with clicks).
   */
  postQuarters(
    scope: StatsScope,
    posted: { from: number; to: number } | null,
    quarters: { from: number; to: number },
    bots: BotMode,
  ): Promise<PostQuarters[]>;
  /** The same posts' clicks and uniques summed over those quarter hours, one total per post. */
  postTotals(
    scope: StatsScope,
    posted: { from: number; to: number } | null,
    quarters: { from: number; to: number },
    bots: BotMode,
  ): Promise<PostTotal[]>;
  /**
   * Per network of the scope's posts, clicks in [from, to): people's (as /api/stats counts them
   * with bots excluded), of them those without referrer and those attributed to "direct", and bot hits.
   */
  networkClicks(scope: StatsScope, from: number, to: number): Promise<NetworkClicks[]>;
}
