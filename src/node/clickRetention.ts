import { rawClicksFrom } from '../domain/index.js';
import type { NodeDatabase } from './sqlite.js';

/** Clicks deleted per transaction: short transactions leave the writer room between them. */
const CHUNK = 5_000;

/**
 * CLICK_RETENTION_DAYS on Node: deletes raw clicks older than the window, a chunk at a time.
 * Only counted clicks go (id at most counter_progress's), so counters keep every click; the
 * per-post human count (maxClicks) is not touched.
 */
export function createClickRetention({ sqlite }: NodeDatabase, days: number, now: () => number = Date.now) {
  const deleteChunk = sqlite.prepare(
    `DELETE FROM clicks WHERE id IN (
       SELECT id FROM clicks WHERE clicked_at < ? AND id <= (SELECT through_click_id FROM counter_progress WHERE id = 1) LIMIT ${CHUNK})`,
  );
  return {
    /** Deletes what is older than the window; returns how many clicks went. */
    prune(): number {
      const before = rawClicksFrom(now(), days);
      let total = 0;
      for (let n = CHUNK; n === CHUNK; total += n) n = deleteChunk.run(before).changes;
      return total;
    },
  };
}
