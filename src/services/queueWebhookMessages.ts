import type { ClickReader, ClickRow, Clock, Link, StatsStore } from '../domain/index.js';
import type { NewDelivery, Webhook, WebhookEventRow, WebhookStore } from '../domain/webhook.js';
import { queueDailyReport } from './queueDailyReports.js';

/** At most one clicks.recorded delivery per webhook this often. */
export const CLICK_BATCH_MS = 5_000;
/** Clicks in one clicks.recorded delivery at most. */
export const MAX_CLICKS_PER_DELIVERY = 1_000;
const EVENTS_PER_RUN = 500;

export interface QueueDeps {
  webhooks: WebhookStore;
  clicks: Pick<ClickReader, 'page'>;
  /** The counters, for report.daily; absent means no reports. */
  stats?: Pick<StatsStore, 'links'>;
  clock: Clock;
  /** How the API shows a link and a click (linkView, clickView), so payloads match it. */
  views: { link(link: Link): unknown; click(click: ClickRow): unknown };
  clickBatchMs?: number;
}

const inCampaigns = (hook: Webhook, campaign: string | null) =>
  hook.campaigns === null || (campaign !== null && hook.campaigns.includes(campaign));

/** A link as the outbox trigger wrote it (SQLite JSON: 0/1 booleans, ms times). */
function snapshotLink(text: string): Link {
  const j = JSON.parse(text) as Link & { disabled: number | boolean };
  return { ...j, disabled: Boolean(j.disabled), utm: j.utm ?? {}, preview: j.preview ?? null };
}

const message = (type: string, at: number, data: unknown) =>
  JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });

/**
 * Turns what happened into deliveries: outbox link events after each webhook's event cursor,
 * and new clicks after its click cursor (read from the clicks table itself, at most one batch
 * per webhook per CLICK_BATCH_MS), and report.daily once a local day. Deliveries and the moved cursor are written as one unit.
 */
export async function queueWebhookMessages(deps: QueueDeps): Promise<void> {
  const hooks = await deps.webhooks.list();
  if (hooks.length === 0) return;
  const from = Math.min(...hooks.map((h) => h.eventCursor));
  const events = await deps.webhooks.eventsAfter(from, EVENTS_PER_RUN);
  for (const hook of hooks) {
    await queueLinkEvents(deps, hook, events);
    if (hook.events.includes('clicks.recorded')) await queueClicks(deps, hook);
    await queueDailyReport(deps, hook);
  }
  await deps.webhooks.pruneEvents();
}

async function queueLinkEvents(deps: QueueDeps, hook: Webhook, events: WebhookEventRow[]) {
  const mine = events.filter((e) => e.id > hook.eventCursor);
  if (mine.length === 0) return;
  const deliveries: NewDelivery[] = mine
    .filter((e) => hook.events.includes(e.type as Webhook['events'][number]) && inCampaigns(hook, e.campaign))
    .map((e) => ({
      webhookId: hook.id,
      messageId: `msg_${hook.id}_e${e.id}`,
      type: e.type,
      body: message(e.type, e.createdAt, { link: deps.views.link(snapshotLink(e.link)) }),
      createdAt: deps.clock(),
    }));
  await deps.webhooks.enqueue(hook.id, deliveries, { eventCursor: mine.at(-1)!.id });
}

async function queueClicks(deps: QueueDeps, hook: Webhook) {
  const now = deps.clock();
  if (hook.clicksNextAt > now) return;
  const rows = await deps.clicks.page({ bots: 'include' }, hook.clickCursor, MAX_CLICKS_PER_DELIVERY);
  if (rows.length === 0) return;
  const last = rows.at(-1)!.id;
  const clicks = rows.filter((c) => inCampaigns(hook, c.campaign));
  const deliveries: NewDelivery[] = clicks.length
    ? [
        {
          webhookId: hook.id,
          messageId: `msg_${hook.id}_c${last}`,
          type: 'clicks.recorded',
          body: message('clicks.recorded', now, { clicks: clicks.map((c) => deps.views.click(c)) }),
          createdAt: now,
        },
      ]
    : [];
  await deps.webhooks.enqueue(hook.id, deliveries, {
    clickCursor: last,
    clicksNextAt: now + (deps.clickBatchMs ?? CLICK_BATCH_MS),
  });
}
