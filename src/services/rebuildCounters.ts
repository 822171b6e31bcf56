import type { Clock, CounterStore } from '../domain/index.js';

/**
 * Recomputes every counter from raw clicks, as one unit: after a restore, an import written
 * around the click store, or to check the counters. Returns how long it took.
 */
export async function rebuildCounters(deps: { counters: CounterStore; clock: Clock }): Promise<{ ms: number }> {
  const started = deps.clock();
  await deps.counters.rebuild();
  return { ms: deps.clock() - started };
}
