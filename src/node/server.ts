import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { customAlphabet } from 'nanoid';
import type { Config } from '../config.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApiKeyStore, createLinkStore, createLinkVersionReader, createSessionStore } from '../db/index.js';
import { createClickReader } from '../db/clickReader.js';
import { createStatsStore } from '../db/statsStore.js';
import { createTimingStore } from '../db/timingStore.js';
import { createBioPageStore, createBioPageViewStore } from '../db/bioPageStore.js';
import { createReportStore } from '../db/reportStore.js';
import { RANDOM_SLUG_LENGTH, silentLogger, type Logger } from '../domain/index.js';
import { createApp, type AppDeps } from '../http/app.js';
import {
  createBioPageCache,
  createLinkCache,
  createLinkCacheSync,
  createStorageHealth,
  ensureFirstKey,
  linkCacheForgettingBioPages,
  logLine,
  repeatedLog,
  sha256Hex,
} from '../services/index.js';
import type { Context } from 'hono';
import { clientAddress } from '../http/clientAddress.js';
import type { RateLimitOptions } from '../http/rateLimits.js';
import { createApiRateLimiter } from '../services/apiRateLimit.js';
import { createAuthFailureLimiter } from '../services/authFailures.js';
import { createMemoryThrottleStore } from '../services/memoryThrottleStore.js';
import { createVisitQueue } from './clicks/queue.js';
import { createFastRedirect } from './fastRedirect.js';
import { bufferBioPageViews } from './bioPageViewBuffer.js';
import { startClickThread } from './clicks/clickThread.js';
import { createAssetServer } from './assets.js';
import { qrPng } from './qrPng.js';
import { listen, openSettingsDatabase } from './startup.js';
import { createWebhookStore } from '../db/webhookStore.js';
import { startWebhookWorker } from './webhookWorker.js';
import { logMemory } from './memoryLog.js';

/** How often the server looks for link edits made by other processes. */
export const LINK_SYNC_MS = 1_000;

export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));
// nanoid's URL-safe alphabet without "-" and "_" at the ends would be nicer to read, but
// 64 symbols keep 7 characters at 4.4e12 combinations.
const newSlug = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', RANDOM_SLUG_LENGTH);

export interface RunningServer {
  url: string;
  /** The key created on a first start, to print once; null otherwise. */
  firstKey: string | null;
  logger: Logger;
  /** Stops accepting, lets in-flight requests finish, flushes, closes the database. */
  close(): Promise<void>;
}

/**
 * Builds the Node runtime around the shared app and starts listening. A database path or an
 * address that fails is a ConfigError naming DATABASE_PATH, HOST or PORT. The first key is
 * created only once listening succeeded, so it is never made without being printed.
 */
export async function startServer(
  config: Config,
  logger: Logger = silentLogger,
  logPretty = false,
): Promise<RunningServer> {
  const { database, lock } = openSettingsDatabase(config.databasePath);
  // Clicks are enriched and written on their own thread and connection (see clicks/clickThread.worker.ts);
  // this thread only reads them.
  const clickThread = startClickThread(config.databasePath, logger, {
    level: config.logLevel,
    pretty: logPretty,
    retentionDays: config.clickRetentionDays,
  });
  await clickThread.start();
  const storageHealth = createStorageHealth(Date.now);
  const queue = createVisitQueue({
    record: clickThread.record,
    logger,
    onFailure: storageHealth.failed,
    onSuccess: storageHealth.succeeded,
  });
  /** The visitor's address for the app and the fast path alike: the socket's, or a proxy's header under TRUST_PROXY. */
  const addressOf = (header: (name: string) => string | undefined, socketAddress: string | undefined) =>
    clientAddress({ get: header }, socketAddress, config.trustProxy);
  const clientOf = (c: Context) => addressOf((name) => c.req.header(name), getConnInfo(c).remote.address);
  // One server per database file, so limits live in this process's memory.
  const throttle = createMemoryThrottleStore();
  const limits: RateLimitOptions = {
    clientAddress: clientOf,
    authFailures: createAuthFailureLimiter({ store: throttle, clock: Date.now, log: logLine(logger) }),
    apiRate: createApiRateLimiter({ store: throttle, clock: Date.now, perMinute: config.apiRateLimit }),
  };
  const bioPageCache = createBioPageCache();
  const linkCache = createLinkCache();
  const bioPageViews = bufferBioPageViews(createBioPageViewStore(database.db, database.batch), logLine(logger));
  const webhooks = createWebhookStore(database.db, database.batch);
  const deps: AppDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    sessions: createSessionStore(database.db),
    clock: Date.now,
    // The verbs forget edited links through this; the fast path below reads the cache itself.
    linkCache: linkCacheForgettingBioPages(linkCache, bioPageCache),
    publicUrl: config.publicUrl,
    adminKeyHash: config.adminApiKey ? await sha256Hex(config.adminApiKey) : null,
    newSlug,
    serveAsset: createAssetServer(PUBLIC_DIR),
    clicks: createClickReader(database.db),
    stats: createStatsStore(database.db),
    timing: createTimingStore(database.db),
    reports: createReportStore(database.db),
    bioPages: {
      store: createBioPageStore(database.db, database.batch),
      views: bioPageViews,
      cache: bioPageCache,
      // Views only go into the buffer, but the page is answered first all the same.
      afterResponse: (task) => void setImmediate(task),
    },
    qrPng,
    tracking: {
      recorder: { record: (visit) => queue.push(visit) },
      clock: Date.now,
      clientAddress: clientOf,
    },
    limits,
    logger,
    storageHealth,
    clickQueue: () => {
      const { queued, dropped } = queue.stats();
      return { waiting: queued, dropped };
    },
    clickRetentionDays: config.clickRetentionDays,
    webhooks: { store: webhooks, allowPrivate: config.webhookAllowPrivate },
  };
  const app = createApp(deps);
  const fastRedirect = createFastRedirect({
    linkCache,
    clock: deps.clock,
    record: (visit) => queue.push(visit),
    clientAddress: (req, header) => addressOf(header, req.socket.remoteAddress),
    logger,
  });

  let server: Server;
  try {
    server = await listen(app.fetch, fastRedirect, config);
  } catch (err) {
    await clickThread.close();
    database.close();
    lock.release();
    throw err;
  }
  const linkSync = createLinkCacheSync(deps.linkCache);
  const versions = createLinkVersionReader(database.db);
  const syncFailures = repeatedLog(
    logger,
    'warn',
    'could not read the links version; link edits by other processes wait for the cache TTL',
  );
  const syncLinks = () => void linkSync.check(versions).catch((err) => syncFailures.report({ err }));
  syncLinks();
  const syncTimer = setInterval(syncLinks, LINK_SYNC_MS);
  syncTimer.unref();
  const webhookWorker = startWebhookWorker({
    webhooks,
    clicks: deps.clicks!,
    stats: deps.stats,
    publicUrl: config.publicUrl,
    allowPrivate: config.webhookAllowPrivate,
    logger,
  });
  const firstKey = await ensureFirstKey(deps);
  const memory = config.logLevel === 'debug' ? logMemory(logger, 'request') : null;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    firstKey,
    logger,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; busy ones finish their response.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        clearInterval(syncTimer);
        await webhookWorker.stop();
        await queue.drain();
        await bioPageViews.close();
        await clickThread.close();
        memory?.stop();
        database.close();
        lock.release();
      })();
      return closing;
    },
  };
}
