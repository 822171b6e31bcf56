import { z } from 'zod';
import { ceilTo, DAY_MS, zoneView, type LinkCount, type StatsLink } from '../domain/index.js';
import type { StatsDeps } from './getStats.js';
import { parseInput } from './parse.js';
import { botsField, parseRange, tzField } from './statsInput.js';

export const campaignsInput = z
  .object({
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    tz: tzField,
    bots: botsField,
    now: z.number(),
  })
  .transform((input, ctx) => {
    // No range at all means all time: every campaign, every click.
    if (input.from === undefined && input.to === undefined) {
      const to = ceilTo(input.now + DAY_MS, DAY_MS);
      return { ...input, ranged: false, from: 0, to, view: zoneView(input.tz, input.now, input.now) };
    }
    const range = parseRange(input, input.now, 30, ctx);
    return range ? { ...input, ranged: true, ...range } : z.NEVER;
  });

export interface CampaignRow {
  campaign: string;
  links: number;
  clicks: number;
  uniques: number;
  /** The network whose posts drew the most clicks in the range; null without clicks. */
  bestNetwork: string | null;
  firstPostAt: string;
  lastPostAt: string;
}

/**
 * One row per campaign, most clicked first: its posts, clicks and uniques in the range, the
 * best network and when it was first and last posted. With a range, campaigns that neither
 * posted nor drew clicks in it are left out.
 */
export async function listCampaigns(
  deps: StatsDeps,
  raw: Record<string, unknown>,
): Promise<{ campaigns: CampaignRow[] }> {
  const q = parseInput(campaignsInput, { ...raw, now: deps.clock() });
  const [links, counts] = await Promise.all([deps.stats.linksIn({}), deps.stats.links({}, q.from, q.to, q.bots)]);
  const byLink = new Map<number, LinkCount>(counts.map((c) => [c.link.id, c]));
  const campaigns = new Map<string, StatsLink[]>();
  for (const l of links) if (l.campaign !== null) campaigns.set(l.campaign, [...(campaigns.get(l.campaign) ?? []), l]);

  const rows: CampaignRow[] = [];
  for (const [campaign, members] of campaigns) {
    let clicks = 0;
    let uniques = 0;
    const perNetwork = new Map<string, number>();
    for (const l of members) {
      const c = byLink.get(l.id);
      if (!c) continue;
      clicks += c.clicks;
      uniques += c.uniques;
      if (l.network) perNetwork.set(l.network, (perNetwork.get(l.network) ?? 0) + c.clicks);
    }
    const posted = members.map((l) => l.postedAt);
    const first = Math.min(...posted);
    const last = Math.max(...posted);
    const postedInRange = posted.some((t) => t >= q.from && t < q.to);
    if (q.ranged && clicks === 0 && !postedInRange) continue;
    const best = [...perNetwork].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    rows.push({
      campaign,
      links: members.length,
      clicks,
      uniques,
      bestNetwork: best?.[0] ?? null,
      firstPostAt: new Date(first).toISOString(),
      lastPostAt: new Date(last).toISOString(),
    });
  }
  rows.sort((a, b) => b.clicks - a.clicks || a.campaign.localeCompare(b.campaign));
  return { campaigns: rows };
}
