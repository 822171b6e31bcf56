import {
  deriveInsights,
  formatLocal,
  weekHourOf,
  WEEK_QUARTERS,
  type Insight,
  type InsightFacts,
  type NetworkClickFacts,
  type PostFacts,
  type StatsScope,
} from '../domain/index.js';
import { lifetimeOf } from './getLifetime.js';
import { parseInput } from './parse.js';
import { forceScope } from './statsInput.js';
import { readPostClocks, sumQuarters } from './postClocks.js';
import { requireQuarterOffsets, timingInput, type TimingDeps, type TimingQuery } from './timingInput.js';

/**
 * Recommendations and warnings for the filters of /api/stats, each with the figures it quotes
 * and a confidence from its sample sizes: posts posted in the range (as /api/stats/lifetime
 * and /api/stats/heatmap?metric=first24h count them) and the range's clicks per network.
 */
export async function getInsights(
  deps: TimingDeps,
  raw: Record<string, unknown>,
  scope?: StatsScope,
): Promise<{ insights: Insight[] }> {
  const q = forceScope(parseInput(timingInput, { ...raw, now: deps.clock() }), scope);
  requireQuarterOffsets(q);
  const [posts, networks] = await Promise.all([postFacts(deps, q), networkFacts(deps, q)]);
  const facts: InsightFacts = { tz: q.tz, campaigns: q.scope.campaigns ?? null, posts, networks };
  return { insights: deriveInsights(facts) };
}

async function postFacts(deps: TimingDeps, q: TimingQuery): Promise<PostFacts[]> {
  const now = deps.clock();
  const clocks = await readPostClocks(deps, q.scope, q, { from: -WEEK_QUARTERS, to: WEEK_QUARTERS }, q.bots);
  return clocks.map((c) => {
    const local = formatLocal(q.view, c.link.postedAt);
    const life = lifetimeOf(c, now);
    return {
      slug: c.link.slug,
      network: c.link.network,
      campaign: c.link.campaign,
      postedAt: c.link.postedAt,
      postedLocal: `${local.slice(0, 10)} ${local.slice(11, 16)}`,
      weekHour: weekHourOf(q.view, c.link.postedAt),
      localDate: local.slice(0, 10),
      h24: life.h24,
      h72: life.h72,
      d7: life.d7,
      halfLifeHours: life.halfLifeHours,
      weekClicks: sumQuarters(c.clicks, 0, WEEK_QUARTERS),
      beforePosted: sumQuarters(c.clicks, -WEEK_QUARTERS, 0),
    };
  });
}

/** People's clicks, those without referrer or source, and bot hits in the range, per network: one read. */
const networkFacts = (deps: TimingDeps, q: TimingQuery): Promise<NetworkClickFacts[]> =>
  deps.timing.networkClicks(q.scope, q.from, q.to);
