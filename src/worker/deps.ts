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
 * Hot links per isolate. Edits made in other isolates arrive through the links version
 * (syncLinkCache), so the TTL is only a backstop, as long as Node's.
 */
export const LINK_CACHE_TTL_MS = 60_000;
/**
 * Served bio pages per isolate: a page edit moves no links version, so other isolates see it
 * within this time. Forgotten with the links too.
 */
export const BIO_PAGE_TTL_MS = 10_000;
const bioPageCache = createBioPageCache(BIO_PAGE_TTL_MS);
const linkCache = linkCacheForgettingBioPages(createLinkCache(10_000, LINK_CACHE_TTL_MS), bioPageCache);
const linkSync = createLinkCacheSync(linkCache);
/** A busy isolate reads the links version at most this often, after the response. */
const LINK_SYNC_MS = 1_000;
/** An isolate that has not read it for this long reads it before answering. */
const LINK_STALE_MS = 10_000;
/** When the last read of the links version started; 0 before the first. */
let lastSync = 0;
/** A read that answers wait for, after a quiet spell. */
let catchingUp: Promise<unknown> | null = null;
/** Per isolate, like the cache: maxClicks spent ahead of the click writer. */
const clickAllowance = createClickAllowance();
/** Per isolate: what this isolate's writes saw of D1, for /healthz and 503s. */
const storageHealth = createStorageHealth(Date.now);
/** Sign-in attempts under way in this isolate (see createAuthFailureLimiter). */
const authPending = new Map<string, number>();
const authRecentlyGood = new Map<string, number>();

/**
 * Keeps the isolate's link cache in step with edits made anywhere: a busy isolate reads the
 * links version after the response, at most once a second, so the next requests see an emptied
 * cache; after LINK_STALE_MS without a read, the request (and those arriving meanwhile) waits
 * for it, so a quiet isolate answers with what D1 holds. Returns what to wait for, if
 * anything; a failed read is logged and the cache kept.
 */
export function syncLinkCache(env: Env, ctx: Background, logger: Logger): Promise<unknown> | undefined {
  if (catchingUp) return catchingUp;
  const now = Date.now();
  const since = now - lastSync;
  if (since < LINK_SYNC_MS) return undefined;
  // A new isolate's cache is empty: nothing in it can be stale.
  const stale = lastSync !== 0 && since >= LINK_STALE_MS;
  lastSync = now;
  const read = linkSync
    .check(createLinkVersionReader(openD1(env.DB).db))
    .catch((err) => logger.warn('could not read the links version', { err }));
  if (!stale) {
    ctx.waitUntil(read);
    return undefined;
  }
  catchingUp = read.finally(() => (catchingUp = null));
  return catchingUp;
}

/** The request's own waitUntil: Hono's context carries the ExecutionContext wrangler passed. */
const backgroundOf = (c: Context): Background => c.executionCtx;

/** Cloudflare sets CF-Connecting-IP itself, so no TRUST_PROXY is needed; used only for the visitor key. */
const clientAddressOf = (header: (name: string) => string | undefined) => normalizeAddress(header('cf-connecting-ip'));

/**
 * Milliseconds a queue send or a direct D1 write waits for more visits: fuller messages and
 * batches mean fewer sendBatch calls, consumer invocations and D1 batches per click, and the
 * wait is after the response (docs/benchmarks.md).
 */
const SEND_LINGER_MS = 10;

/** The isolate's click recorder: through the queue when CLICKS_QUEUE is bound, else written after the response. */
export function workerRecorder(env: Env, settings: WorkerSettings, logger: Logger): WorkerRecorder {
  const record = recorderFor(recordDeps(openD1(env.DB), settings.saltSealer));
  const failures = recordFailures(logger, storageHealth);
  return env.CLICKS_QUEUE
    ? queueRecorder(env.CLICKS_QUEUE, record, failures, SEND_LINGER_MS)
    : directRecorder(record, failures, SEND_LINGER_MS);
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
