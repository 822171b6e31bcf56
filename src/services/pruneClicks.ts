import { rawClicksFrom, type ClickPruner, type Clock } from '../domain/index.js';

/** Clicks deleted per statement: short transactions leave writers room between them (D1 too). */
const CHUNK = 5_000;

/**
 * CLICK_RETENTION_DAYS: deletes the raw clicks from before the window (rawClicksFrom), a
 * chunk at a time, until none is left; returns how many went. Counters are not touched.
 */
export async function pruneClicks(deps: { pruner: ClickPruner; clock: Clock }, days: number): Promise<number> {
  const before = rawClicksFrom(deps.clock(), days);
  let total = 0;
  for (let n = CHUNK; n === CHUNK; total += n) n = await deps.pruner.deleteBefore(before, CHUNK);
  return total;
}
