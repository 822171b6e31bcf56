import type { Context } from 'hono';
import type { StorageHealth } from '../services/index.js';

/** The click queue as /healthz shows it: clicks waiting in memory, and dropped since start. */
export interface ClickQueueStats {
  waiting: number;
  dropped: number;
}

/**
 * GET /healthz: 200 `{ ok: true, storage: "ok", queue }`, or 503 with `ok: false` and
 * `storage: "degraded"` while the database refuses writes, so a monitor sees a full disk
 * even though redirects keep answering.
 */
export function healthRoute(deps: { storageHealth?: StorageHealth; clickQueue?: () => ClickQueueStats }) {
  return function health(c: Context) {
    const storage = deps.storageHealth?.state() ?? 'ok';
    const queue = deps.clickQueue?.() ?? { waiting: 0, dropped: 0 };
    const ok = storage === 'ok';
    c.header('Cache-Control', 'no-store');
    return c.json({ ok, storage, queue }, ok ? 200 : 503);
  };
}
