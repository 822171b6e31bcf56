import { ceilTo, floorTo, QUARTER_MS, type Clock, type Link, type StatsStore } from '../domain/index.js';

export interface ClickTotals {
  /** People (bots excluded), as the link's own counter says. */
  humans: number;
  bots: number;
}

/** Counters reach back no further than this; no click is older. */
const EARLIEST = Date.UTC(2000, 0, 1);

/**
 * All-time clicks of some links, people and bots apart, in one counter read: the totals the
 * other tools' APIs show beside each link. Without a stats store bots read as 0.
 */
export async function linkClickTotals(
  deps: { stats?: StatsStore; clock: Clock },
  links: readonly Link[],
): Promise<Map<number, ClickTotals>> {
  const out = new Map(links.map((l) => [l.id, { humans: l.humanClicks, bots: 0 }]));
  if (!deps.stats || links.length === 0) return out;
  const to = ceilTo(deps.clock() + 1, QUARTER_MS);
  const rows = await deps.stats.links({ linkIds: links.map((l) => l.id) }, floorTo(EARLIEST, QUARTER_MS), to, 'only');
  for (const row of rows) {
    const totals = out.get(row.link.id);
    if (totals) totals.bots = row.clicks;
  }
  return out;
}

/** All-time human clicks of every link, from the counters (0 without a stats store). */
export async function allHumanClicks(deps: { stats?: StatsStore; clock: Clock }): Promise<number> {
  if (!deps.stats) return 0;
  const to = ceilTo(deps.clock() + 1, QUARTER_MS);
  const rows = await deps.stats.links({}, floorTo(EARLIEST, QUARTER_MS), to, 'exclude');
  return rows.reduce((n, r) => n + r.clicks, 0);
}
