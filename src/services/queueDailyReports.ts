import { DAY_MS, zoneView, type Clock, type StatsStore } from '../domain/index.js';
import type { Webhook, WebhookStore } from '../domain/webhook.js';

/** Counters of a day are complete a moment after it ends (Node counts after writing): wait this long. */
const SETTLE_MS = 5 * 60_000;

export interface ReportDeps {
  webhooks: WebhookStore;
  stats?: Pick<StatsStore, 'links'>;
  clock: Clock;
}

/**
 * report.daily: once per local day of the webhook's tz, yesterday's human clicks and uniques
 * per campaign (uniques summed over the campaign's links), from the counters.
 */
export async function queueDailyReport(deps: ReportDeps, hook: Webhook): Promise<void> {
  if (!deps.stats || !hook.events.includes('report.daily')) return;
  const now = deps.clock();
  const view = zoneView(hook.tz, now - 3 * DAY_MS, now + DAY_MS);
  const todayWall = Math.floor(view.wall(now) / DAY_MS) * DAY_MS;
  const from = view.firstAtOrAfter(todayWall - DAY_MS);
  const to = view.firstAtOrAfter(todayWall);
  const day = new Date(todayWall - DAY_MS).toISOString().slice(0, 10);
  if (hook.reportDay === day || now < to + SETTLE_MS) return;
  const rows = await deps.stats.links({ campaigns: hook.campaigns ?? undefined }, from, to, 'exclude');
  const perCampaign = new Map<
    string | null,
    { campaign: string | null; links: number; clicks: number; uniques: number }
  >();
  for (const r of rows) {
    const c = perCampaign.get(r.link.campaign) ?? { campaign: r.link.campaign, links: 0, clicks: 0, uniques: 0 };
    c.links += 1;
    c.clicks += r.clicks;
    c.uniques += r.uniques;
    perCampaign.set(r.link.campaign, c);
  }
  const campaigns = [...perCampaign.values()].sort((a, b) => b.clicks - a.clicks);
  const data = {
    day,
    tz: hook.tz,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    clicks: campaigns.reduce((n, c) => n + c.clicks, 0),
    campaigns,
  };
  const body = JSON.stringify({ type: 'report.daily', timestamp: new Date(now).toISOString(), data });
  await deps.webhooks.enqueue(
    hook.id,
    [{ webhookId: hook.id, messageId: `msg_${hook.id}_r${day}`, type: 'report.daily', body, createdAt: now }],
    { reportDay: day },
  );
}
