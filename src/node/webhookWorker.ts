import type { ClickReader, Logger, StatsStore } from '../domain/index.js';
import type { WebhookStore } from '../domain/webhook.js';
import { linkView } from '../http/linkView.js';
import { clickView } from '../http/routes/clicks.js';
import { repeatedLog } from '../services/index.js';
import { runWebhooks } from '../services/runWebhooks.js';
import { createNodeWebhookSender } from './webhookSender.js';

/** How often the server looks for webhook work. */
export const WEBHOOK_TICK_MS = 1_000;

export interface WebhookWorkerOptions {
  webhooks: WebhookStore;
  clicks: Pick<ClickReader, 'page'>;
  stats?: Pick<StatsStore, 'links'>;
  publicUrl: string;
  allowPrivate: boolean;
  logger: Logger;
  tickMs?: number;
  clickBatchMs?: number;
  retryDelaysMs?: readonly number[];
}

/**
 * Node's webhook worker: a timer in the server process, off the request path (a send only
 * waits on the network, so the event loop keeps answering). One pass at a time; stop() waits
 * for the pass under way, and anything it had not settled is retried after a restart.
 */
export function startWebhookWorker(options: WebhookWorkerOptions) {
  const deps = {
    webhooks: options.webhooks,
    clicks: options.clicks,
    stats: options.stats,
    clock: Date.now,
    logger: options.logger,
    sender: createNodeWebhookSender({ allowPrivate: options.allowPrivate }),
    views: {
      link: (l: Parameters<typeof linkView>[0]) => linkView(l, options.publicUrl, Date.now()),
      click: clickView,
    },
    clickBatchMs: options.clickBatchMs,
    retryDelaysMs: options.retryDelaysMs,
  };
  const failures = repeatedLog(options.logger, 'warn', 'webhook pass failed; retrying on the next tick');
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runWebhooks(deps)
      .catch((err) => failures.report({ err }))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, options.tickMs ?? WEBHOOK_TICK_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
