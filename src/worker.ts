/**
 * Cloudflare Workers entry: settings from env ([vars] and secrets), D1 per request, request.cf
 * for the place of a click, clicks written after the response (waitUntil) or through a Queue.
 * Everything else is the shared app.
 */
import { recordDeps, recorderFor } from './worker/recordDeps.js';
import { openD1 } from './worker/d1.js';
import { createWorkerApps } from './worker/app.js';
import { syncLinkCache } from './worker/deps.js';
import { createConsoleLogger } from './worker/logger.js';
import type { Env } from './worker/env.js';
import { consumeVisits } from './worker/queue.js';
import { pruneOldClicks } from './worker/retention.js';
import { runWorkerWebhooks } from './worker/webhooks.js';
import { misconfigured, workerSettings } from './worker/settings.js';
import type { VisitsMessage } from './worker/visitMessage.js';

/** wrangler.toml's every-minute trigger, for webhook deliveries only. */
const WEBHOOK_CRON = '* * * * *';

// Per isolate: JSON lines through console, as Workers Logs and `wrangler tail` collect them.
const logger = createConsoleLogger();
const answer = createWorkerApps(logger);

export default {
  async fetch(request, env, ctx) {
    let settings;
    try {
      settings = await workerSettings(env);
    } catch (err) {
      return misconfigured(err, logger);
    }
    const catchingUp = syncLinkCache(env, ctx, logger);
    if (catchingUp) await catchingUp;
    // Built on an isolate's first request; env, ctx and request.cf reach handlers through the context.
    return answer(request, env, ctx, settings);
  },

  /** The cron triggers: webhooks every minute; hourly, CLICK_RETENTION_DAYS deletes raw clicks older than the window. */
  async scheduled(controller, env) {
    await runWorkerWebhooks(env, logger);
    if (controller.cron !== WEBHOOK_CRON) await pruneOldClicks(env, logger);
  },

  async queue(batch, env) {
    // A bad setting throws here, so the batch is retried once it is fixed.
    const settings = await workerSettings(env);
    const record = recorderFor(recordDeps(openD1(env.DB), settings.saltSealer));
    // The producer binding doubles as the way to split a failing message (consumeVisits).
    await consumeVisits(batch.messages, record, logger, env.CLICKS_QUEUE);
  },
} satisfies ExportedHandler<Env, VisitsMessage>;
