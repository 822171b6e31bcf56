import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKeyStore, createLinkStore, createSessionStore } from '../../src/db/index.js';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { createApiKey, createLinkCache, sha256Hex } from '../../src/services/index.js';

export const PUBLIC_URL = 'http://lp.test';

/** A settable clock for tests: never the wall clock. */
export function testClock(start = Date.parse('2026-03-10T12:00:00Z')) {
  let now = start;
  const clock = () => now;
  clock.set = (ms: number) => void (now = ms);
  clock.advance = (ms: number) => void (now += ms);
  return clock;
}

export function tempDir(prefix = 'linkpost-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  database: NodeDatabase;
  clock: ReturnType<typeof testClock>;
  key: string;
  /** app.request with the API key and JSON handled. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): void;
}

/** The real app on a real SQLite file in a temp folder, with an injected clock. */
export async function makeTestApp(
  overrides:
    Partial<AppDeps> | ((database: NodeDatabase, clock: ReturnType<typeof testClock>) => Partial<AppDeps>) = {},
): Promise<TestApp> {
  const dir = tempDir();
  const database = openDatabase(join(dir, 'test.db'));
  const clock = testClock();
  let n = 0;
  const deps: AppDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    sessions: createSessionStore(database.db),
    clock,
    linkCache: createLinkCache(1000, 60_000, clock),
    publicUrl: PUBLIC_URL,
    adminKeyHash: await sha256Hex('admin-key-for-tests-only'),
    newSlug: () => `rand${String(++n).padStart(3, '0')}`,
    ...(typeof overrides === 'function' ? overrides(database, clock) : overrides),
  };
  const { key } = await createApiKey(deps, { name: 'test' });
  const app = createApp(deps);
  return {
    app,
    deps,
    database,
    clock,
    key,
    async api(method, path, body, headers = {}) {
      return app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
