import { createClickReader } from '../db/clickReader.js';
import { createWebhookStore } from '../db/webhookStore.js';
import { createStatsStore } from '../db/statsStore.js';
import type { Logger } from '../domain/index.js';
import { linkView } from '../http/linkView.js';
import { clickView } from '../http/routes/clicks.js';
import { runWebhooks } from '../services/runWebhooks.js';
import { openD1 } from './d1.js';
import { workerSettings, type WorkerVars } from './settings.js';
import { createFetchWebhookSender } from './webhookSender.js';

/**
 * The cron trigger's webhook pass, on the same outbox in D1 as Node's. Without PUBLIC_URL a
 * cron run knows no origin, so links' shortUrl is then a path (docs/webhooks.md).
 */
export async function runWorkerWebhooks(
  env: WorkerVars & { DB: Parameters<typeof openD1>[0] },
  logger: Logger,
): Promise<void> {
  const settings = await workerSettings(env);
  const d1 = openD1(env.DB);
  const publicUrl = settings.publicUrl ?? '';
  try {
    await runWebhooks({
      webhooks: createWebhookStore(d1.db, d1.batch),
      clicks: createClickReader(d1.db),
      stats: createStatsStore(d1.db),
      clock: Date.now,
      logger,
      sender: createFetchWebhookSender({ allowPrivate: settings.webhookAllowPrivate }),
      views: { link: (l) => linkView(l, publicUrl, Date.now()), click: clickView },
    });
  } catch (err) {
    logger.error('webhook pass failed; the next cron run tries again', { err });
  }
}
