import { createClickPruner } from '../db/index.js';
import type { Logger } from '../domain/index.js';
import { pruneClicks } from '../services/index.js';
import { openD1 } from './d1.js';
import { workerSettings, type WorkerVars } from './settings.js';

/** The cron trigger's work: with CLICK_RETENTION_DAYS, deletes counted raw clicks older than the window. */
export async function pruneOldClicks(
  env: WorkerVars & { DB: Parameters<typeof openD1>[0] },
  logger: Logger,
  clock: () => number = Date.now,
): Promise<number> {
  const { clickRetentionDays: days } = await workerSettings(env);
  if (days === null) return 0;
  try {
    const deleted = await pruneClicks({ pruner: createClickPruner(openD1(env.DB).db), clock }, days);
    if (deleted > 0) logger.info('deleted raw clicks older than CLICK_RETENTION_DAYS', { deleted, days });
    return deleted;
  } catch (err) {
    logger.error('could not delete old raw clicks; the next cron run tries again', { err });
    return 0;
  }
}
