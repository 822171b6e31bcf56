import { createClickReader } from '../db/clickReader.js';
import { createStatsStore } from '../db/statsStore.js';
import type { Context } from 'hono';
import {
  createApiKeyStore,
  createLinkStore,
  createLinkVersionReader,
  createSessionStore,
  createSqlThrottleStore,
} from '../db/index.js';
import { normalizeAddress, RANDOM_SLUG_LENGTH, type Logger } from '../domain/index.js';
import { createApiRateLimiter } from '../services/apiRateLimit.js';
import { createAuthFailureLimiter } from '../services/authFailures.js';
import { createTimingStore } from '../db/timingStore.js';
import { createBioPageStore, createBioPageViewStore } from '../db/bioPageStore.js';
import { createReportStore } from '../db/reportStore.js';
import type { AppDeps } from '../http/app.js';
import {
  createBioPageCache,
  createClickAllowance,
  createLinkCache,
  createLinkCacheSync,
  createStorageHealth,
  linkCacheForgettingBioPages,
  logLine,
  randomToken,
} from '../services/index.js';
import { serveFromAssets } from './assets.js';
import { recordDeps, recorderFor } from './recordDeps.js';
import { openD1 } from './d1.js';
import type { Env } from './env.js';
import { locationFromCf } from './location.js';
import type { WorkerSettings } from './settings.js';
import { createWebhookStore } from '../db/webhookStore.js';
import { directRecorder, queueRecorder, recordFailures, type Background, type WorkerRecorder } from './recorders.js';
import { createWorkerFastRedirect } from './fastRedirect.js';

/**
 * Hot links per isolate. Isolates do not see each other's edits, so the TTL is short: a
 * disabled or edited link is honoured everywhere within this time.
 */
export const LINK_CACHE_TTL_MS = 10_000;
/** Served bio pages per isolate, as briefly as links, and forgotten with them. */
const bioPageCache = createBioPageCache(LINK_CACHE_TTL_MS);
const linkCache = linkCacheForgettingBioPages(createLinkCache(10_000, LINK_CACHE_TTL_MS), bioPageCache);
/** Edits reach this isolate's cache within about a second (links_version), not only at the TTL. */
const linkSync = createLinkCacheSync(linkCache);
const LINK_SYNC_MS = 1_000;
let lastSync = 0;
/** Per isolate, like the cache: maxClicks spent ahead of the click writer. */
const clickAllowance = createClickAllowance();
/** Per isolate: what this isolate's writes saw of D1, for /healthz and 503s. */
const storageHealth = createStorageHealth(Date.now);
/** Sign-in attempts under way in this isolate (see createAuthFailureLimiter). */
const authPending = new Map<string, number>();
const authRecentlyGood = new Map<string, number>();

/**
 * Reads the links version after the response, at most once a second per isolate: the next
 * request sees the emptied cache.
 */
export function syncLinkCache(env: Env, ctx: Background, logger: Logger): void {
  const now = Date.now();
  if (now - lastSync < LINK_SYNC_MS) return;
  lastSync = now;
  ctx.waitUntil(
    linkSync
      .check(createLinkVersionReader(openD1(env.DB).db))
      .catch((err) => logger.warn('could not read the links version', { err })),
  );
}

/** The request's own waitUntil: Hono's context carries the ExecutionContext wrangler passed. */
const backgroundOf = (c: Context): Background => c.executionCtx;

/** Cloudflare sets CF-Connecting-IP itself, so no TRUST_PROXY is needed; used only for the visitor key. */
const clientAddressOf = (header: (name: string) => string | undefined) => normalizeAddress(header('cf-connecting-ip'));

/** The isolate's click recorder: through the queue when CLICKS_QUEUE is bound, else written after the response. */
export function workerRecorder(env: Env, settings: WorkerSettings, logger: Logger): WorkerRecorder {
  const record = recorderFor(recordDeps(openD1(env.DB), settings.saltSealer));
  const failures = recordFailures(logger, storageHealth);
  return env.CLICKS_QUEUE ? queueRecorder(env.CLICKS_QUEUE, record, failures) : directRecorder(record, failures);
}

/** Cached short links answered before the app, with the clicks going to `recorder` (fastRedirect.ts). */
export const workerFastRedirect = (recorder: WorkerRecorder, logger: Logger) =>
  createWorkerFastRedirect({ linkCache, clock: Date.now, recorder, clientAddress: clientAddressOf, logger });

/**
 * The shared app's deps, built once per isolate (and base URL): drizzle over the isolate's D1
 * binding, settings, the isolate's recorder. What differs per request (waitUntil, request.cf)
 * is read from each request's context.
 */
export function workerDeps(
  env: Env,
  settings: WorkerSettings,
  publicUrl: string,
  logger: Logger,
  recorder: WorkerRecorder = workerRecorder(env, settings, logger),
): AppDeps {
  const d1 = openD1(env.DB);
  const throttle = createSqlThrottleStore(d1.db);
  const clientOf = (c: Context) => clientAddressOf((name) => c.req.header(name));
  return {
    links: createLinkStore(d1.db),
    apiKeys: createApiKeyStore(d1.db),
    sessions: createSessionStore(d1.db),
    clock: Date.now,
    linkCache,
    clickAllowance,
    publicUrl,
    adminKeyHash: settings.adminKeyHash,
    // The same 62 symbols and length as Node's nanoid slugs, without the dependency.
    newSlug: () => randomToken(RANDOM_SLUG_LENGTH),
    serveAsset: (req) => serveFromAssets(env.ASSETS, req),
    clicks: createClickReader(d1.db),
    stats: createStatsStore(d1.db),
    timing: createTimingStore(d1.db),
    bioPages: {
      store: createBioPageStore(d1.db, d1.batch),
      views: createBioPageViewStore(d1.db, d1.batch),
      cache: bioPageCache,
      afterResponse: (task, c) => backgroundOf(c).waitUntil(task()),
    },
    reports: createReportStore(d1.db),
    tracking: {
      recorder: { record: (visit, c) => recorder.record(visit, backgroundOf(c)) },
      clock: Date.now,
      clientAddress: clientOf,
      platformLocation: (c) => locationFromCf(c.req.raw.cf),
    },
    // Shared by isolates through D1, so a guessing client meets the same block everywhere.
    limits: {
      clientAddress: clientOf,
      authFailures: createAuthFailureLimiter({
        store: throttle,
        clock: Date.now,
        log: logLine(logger),
        pending: authPending,
        recentlyGood: authRecentlyGood,
        tagSecret: settings.throttleSecret,
      }),
      apiRate: createApiRateLimiter({ store: throttle, clock: Date.now, perMinute: settings.apiRateLimit }),
    },
    logger,
    storageHealth,
    clickRetentionDays: settings.clickRetentionDays,
    webhooks: { store: createWebhookStore(d1.db, d1.batch), allowPrivate: settings.webhookAllowPrivate },
  };
}
