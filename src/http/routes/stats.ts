import { Hono, type Context } from 'hono';
import { compareStats } from '../../services/compareStats.js';
import { getStats, type StatsDeps } from '../../services/getStats.js';
import { listCampaigns } from '../../services/listCampaigns.js';
import { scoped } from '../access.js';

/** The query string with repeated parameters as lists (campaign=a&campaign=b), single ones as strings. */
function queryOf(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) out[name] = values.length === 1 ? values[0]! : values;
  return out;
}

/** GET /api/stats, /api/stats/compare and /api/campaigns: analytics read from counters. */
export function statsRoutes(deps: StatsDeps) {
  return new Hono()
    .get('/stats', async (c) => c.json(await getStats(scoped(c, deps), queryOf(c))))
    .get('/stats/compare', async (c) => c.json(await compareStats(scoped(c, deps), queryOf(c))))
    .get('/campaigns', async (c) => c.json(await listCampaigns(scoped(c, deps), queryOf(c))));
}
