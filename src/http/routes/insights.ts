import { Hono, type Context } from 'hono';
import { getHeatmap } from '../../services/getHeatmap.js';
import { getInsights } from '../../services/getInsights.js';
import { getLifetime } from '../../services/getLifetime.js';
import type { TimingDeps } from '../../services/timingInput.js';
import { scoped } from '../access.js';

/** The query string with repeated parameters as lists, as /api/stats reads it. */
function queryOf(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) out[name] = values.length === 1 ? values[0]! : values;
  return out;
}

/** GET /api/stats/heatmap, /api/stats/lifetime and /api/insights: timing read from counters. */
export function insightRoutes(deps: TimingDeps) {
  return new Hono()
    .get('/stats/heatmap', async (c) => c.json(await getHeatmap(scoped(c, deps), queryOf(c))))
    .get('/stats/lifetime', async (c) => c.json(await getLifetime(scoped(c, deps), queryOf(c))))
    .get('/insights', async (c) => c.json(await getInsights(scoped(c, deps), queryOf(c))));
}
