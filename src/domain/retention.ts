import { DAY_MS } from './timeBuckets.js';

/**
 * With CLICK_RETENTION_DAYS, the first instant whose raw clicks are kept: the start of the
 * UTC day `days` days before today's. Whole days, so every counter bucket (15 min, hour, day)
 * lies wholly before it or wholly after, and a rebuild can keep the older ones as they are.
 */
export function rawClicksFrom(now: number, days: number): number {
  const today = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
  return today - days * DAY_MS;
}
