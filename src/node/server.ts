import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { customAlphabet } from 'nanoid';
import type { Config } from '../config.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import {
  createApiKeyStore, createClickStore, createLinkStore, createSessionStore,
} from '../db/index.js';
import { createClickExportReader } from '../db/clickExport.js';
import { createStatsStore } from '../db/statsStore.js';
import { RANDOM_SLUG_LENGTH } from '../domain/index.js';
import { createApp, type AppDeps } from '../http/app.js';
import { createLinkCache, ensureFirstKey, sha256Hex } from '../services/index.js';
import { clientAddress } from '../http/clientAddress.js';
import { createClickWriter } from './clickWriter.js';
import { startClickThread } from './clickThread.js';
import { createAssetServer } from './assets.js';
import { openDatabase } from './sqlite.js';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));
// nanoid's URL-safe alphabet without "-" and "_" at the ends would be nicer to read, but
// 64 symbols keep 7 characters at 4.4e12 combinations.
const newSlug = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', RANDOM_SLUG_LENGTH);

export interface RunningServer {
  url: string;
  /** The key created on a first start, to print once; null otherwise. */
  firstKey: string | null;
  /** Clicks written, queued and dropped so far. */
  clickStats(): { queued: number; written: number; dropped: number };
  /** Stops accepting, lets in-flight requests finish, flushes, closes the database. */
  close(): Promise<void>;
}

/** Builds the Node runtime around the shared app and starts listening. */
export async function startServer(config: Config, log = console.error): Promise<RunningServer> {
  const database = openDatabase(config.databasePath);
  // Clicks are enriched and written on their own thread and connection (see captureThread.ts);
  // this thread only reads them.
  const clicks = createClickStore(database.db, database.batch, { maxParams: 32_000 });
  const clickThread = startClickThread(config.databasePath, log);
  await clickThread.start();
  const writer = createClickWriter({ record: clickThread.record, log });
  const deps: AppDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    sessions: createSessionStore(database.db),
    clock: Date.now,
    linkCache: createLinkCache(),
    publicUrl: config.publicUrl,
    adminKeyHash: config.adminApiKey ? await sha256Hex(config.adminApiKey) : null,
    newSlug,
    serveAsset: createAssetServer(PUBLIC_DIR),
    clicks,
    clickExport: createClickExportReader(database.db),
    stats: createStatsStore(database.db),
    tracking: {
      sink: writer,
      clock: Date.now,
      clientAddress: (c) => clientAddress(c.req.raw.headers, getConnInfo(c).remote.address, config.trustProxy),
    },
    log,
  };
  const firstKey = await ensureFirstKey(deps);
  const app = createApp(deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    firstKey,
    clickStats: writer.stats,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; busy ones finish their response.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await writer.drain();
        await clickThread.close();
        database.close();
      })();
      return closing;
    },
  };
}
