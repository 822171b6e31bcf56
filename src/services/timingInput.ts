/** Query parameters of the heatmap, lifetime and insights: the filters and range of /api/stats. */
import { z } from 'zod';
import {
  DAY_MS,
  invalid,
  quarterAligned,
  type StatsLink,
  type StatsStore,
  type Clock,
  type TimingStore,
} from '../domain/index.js';
import { DEFAULT_RANGE_DAYS } from './getStats.js';
import { botsField, parseRange, scopeFields, toScope, tzField } from './statsInput.js';

export interface TimingDeps {
  stats: StatsStore;
  timing: TimingStore;
  clock: Clock;
}

/** Longest range: a year of quarter hours is what one answer reads at most. */
export const MAX_TIMING_RANGE_DAYS = 366;

/** The fields of /api/stats that the timing answers read (no interval, no limit). */
export const timingFields = {
  ...scopeFields,
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  tz: tzField,
  bots: botsField,
  now: z.number(),
};

type TimingFields = z.output<z.ZodObject<typeof timingFields>>;

/** The range in its zone, its constant-offset stretches and the scope, from parsed fields. */
export function withRange<T extends TimingFields>(input: T, ctx: z.RefinementCtx) {
  const range = parseRange(input, input.now, DEFAULT_RANGE_DAYS, ctx);
  if (!range) return z.NEVER;
  if (range.to - range.from > MAX_TIMING_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_TIMING_RANGE_DAYS} days at once` });
    return z.NEVER;
  }
  const offsets = range.view.offsets(range.from, range.to);
  return { ...input, ...range, offsets, scope: toScope(input) };
}

export const timingInput = z.object(timingFields).transform(withRange);

export type TimingQuery = z.output<typeof timingInput>;

/** Refuses a zone whose offset in the range is not whole quarter hours (none since 2000). */
export function requireQuarterOffsets(q: TimingQuery): void {
  if (!quarterAligned(q.offsets)) {
    throw invalid('unsupported_time_zone', `${q.tz} had an offset that is not whole quarter hours in this range`);
  }
}

/** Whether a post was posted in the query's range. */
export const postedIn = (q: { from: number; to: number }) => (l: StatsLink) =>
  l.postedAt >= q.from && l.postedAt < q.to;
