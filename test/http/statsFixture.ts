import { createClickStore, createVisitorSaltStore } from '../../src/db/index.js';
import { counterStatements } from '../../src/db/counters.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import type { Location, Visit } from '../../src/domain/index.js';
import { createSqliteClickStore } from '../../src/node/sqliteClickStore.js';
import { sqliteCounterStatements } from '../../src/node/sqliteCounters.js';
import { recordClicks, type CaptureDeps } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { fakeGeo } from '../support/capture.js';

export { UA } from '../support/capture.js';

export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

export interface StatsTestApp extends TestApp {
  capture: CaptureDeps;
  /** Creates a post through the API; returns its id. */
  post(body: Record<string, unknown>): Promise<number>;
  /** Records visits through recordClicks and the real click store with its counters. */
  record(visits: Visit[]): Promise<void>;
  /** GET an API path and return status and JSON. */
  get(path: string): Promise<{ status: number; body: any }>;
}

/** A visit as the redirect would capture it; the address picks a place from the fake geo. */
export function visit(linkId: number, at: string, over: Partial<Visit> = {}): Visit {
  return {
    linkId, at: Date.parse(at), address: '203.0.113.1', userAgent: '', referrer: '', utmSource: null,
    qr: false, prefetch: false, ...over,
  };
}

/**
 * The real app with the analytics routes, on a real SQLite file, with click capture through
 * the Node click store ('node') or the shared drizzle one ('shared') and their counters.
 */
export async function makeStatsApp(places: Record<string, Location> = {}, writer: 'node' | 'shared' = 'node'): Promise<StatsTestApp> {
  let capture!: CaptureDeps;
  const t = await makeTestApp((database) => {
    const clicks = writer === 'node'
      ? createSqliteClickStore(database, { extraStatements: sqliteCounterStatements(database.sqlite) })
      : createClickStore(database.db, database.batch, { maxParams: 100, extraStatements: counterStatements(database.db, { maxParams: 100 }) });
    capture = {
      clicks,
      geo: fakeGeo(places),
      describeUserAgent: cachedUserAgents(),
      visitorKey: createVisitorKeys(createVisitorSaltStore(database.db)),
    };
    return { clicks, stats: createStatsStore(database.db) };
  });
  return Object.assign(t, {
    capture,
    async post(body: Record<string, unknown>) {
      const res = await t.api('POST', '/api/links', body);
      if (res.status !== 201) throw new Error(`link not created: ${await res.text()}`);
      return ((await res.json()) as { id: number }).id;
    },
    async record(visits: Visit[]) {
      await recordClicks(capture, visits);
    },
    async get(path: string) {
      const res = await t.api('GET', path);
      return { status: res.status, body: await res.json() };
    },
  });
}
