import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import { createClickReader } from '../../src/db/clickReader.js';
import { createClickWriter } from '../../src/db/index.js';
import type { Click, ClickReader, ClickExportRow } from '../../src/domain/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

export interface ExportTestApp extends TestApp {
  /** Creates a post through the API and returns its id. */
  post(body: Record<string, unknown>): Promise<number>;
  /** Writes clicks through the real click store. */
  insert(clicks: Click[]): Promise<unknown>;
}

/** The test app with a click store and the real paged export reader (or an injected one). */
export async function makeExportApp(reader?: ClickReader): Promise<ExportTestApp> {
  let store!: ReturnType<typeof createClickWriter>;
  const t = await makeTestApp((database) => {
    store = createClickWriter(database.db, database.batch, {});
    return { clicks: reader ?? createClickReader(database.db) };
  });
  return Object.assign(t, {
    async post(body: Record<string, unknown>) {
      const res = await t.api('POST', '/api/links', body);
      if (res.status !== 201) throw new Error(`link not created: ${await res.text()}`);
      return ((await res.json()) as { id: number }).id;
    },
    insert: (clicks: Click[]) => store.insertBatch(clicks),
  });
}

/** A stored click with plain defaults; override what the test is about. */
export function click(linkId: number, at: string | number, over: Partial<Click> = {}): Click {
  return {
    linkId,
    clickedAt: typeof at === 'number' ? at : Date.parse(at),
    referrer: null,
    referrerHost: null,
    source: 'direct',
    device: 'desktop',
    os: 'Windows',
    browser: 'Chrome',
    country: 'FR',
    region: 'IDF',
    city: 'Paris',
    bot: false,
    visitor: 'a'.repeat(32),
    qr: false,
    userAgent: null,
    firstOfDay: true,
    ...over,
  };
}

/** Parses an export as a spreadsheet would: BOM stripped, one object per row by header. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
}

/** A reader that never runs out of clicks and counts the pages asked of it. */
export function endlessReader(pageDelayMs = 0) {
  const state = { pages: 0, counted: 0 };
  const reader: ClickReader = {
    async list() {
      return [];
    },
    async page(_filter, afterId, limit) {
      state.pages++;
      if (pageDelayMs) await new Promise((r) => setTimeout(r, pageDelayMs));
      return Array.from({ length: limit }, (_, i): ClickExportRow => ({
        ...click(1, Date.parse('2026-03-10T00:00:00Z') + afterId + i),
        id: afterId + i + 1,
        slug: 'endless',
        campaign: 'Forever',
        network: 'x',
        title: 'A post that is clicked for ever',
        destination: 'https://example.com/endless?utm_source=x',
      }));
    },
    async count() {
      state.counted++;
      return Number.MAX_SAFE_INTEGER;
    },
  };
  return { reader, state };
}

/** The app behind a real Node HTTP server on loopback, as @hono/node-server serves it. */
export async function listen(app: { fetch: (req: Request) => Response | Promise<Response> }) {
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
