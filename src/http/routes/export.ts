import { Hono, type Context } from 'hono';
import type { ClickReader, Logger, StatsStore, TimingStore } from '../../domain/index.js';
import { exportClicks, type CsvChunk } from '../../services/exportClicks.js';
import { exportStats } from '../../services/exportStats.js';
import type { CoreDeps } from '../../services/index.js';

export interface ExportRouteDeps extends Pick<CoreDeps, 'clock' | 'publicUrl'> {
  /** Raw clicks for /api/clicks.csv; absent means no such route. */
  clickExport?: Pick<ClickReader, 'page' | 'count'>;
  /** Counters for /api/stats.csv; absent means no such route. */
  stats?: StatsStore;
  /** Lifetime columns of /api/stats.csv. */
  timing?: TimingStore;
  logger: Logger;
}

/**
 * A pull-based byte stream over CSV chunks: the next page is read only when the consumer
 * (the socket) wants more, and cancelling (a client that went away) ends the iteration,
 * so no further query runs.
 */
export function csvStream(
  chunks: AsyncGenerator<CsvChunk, void, undefined>,
  logger: Logger,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.text));
      } catch (err) {
        // Headers are gone already: all we can do is cut the body short and say why in the log.
        logger.error('CSV export failed mid-stream', { err });
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

const csvHeaders = (filename: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${filename}"`,
  'cache-control': 'no-store',
});

/** The query string as /api/stats reads it: repeated parameters as lists. */
function queryOf(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) out[name] = values.length === 1 ? values[0]! : values;
  return out;
}

/**
 * GET /api/clicks.csv: every click of a filter; GET /api/stats.csv: one row per post.
 * Both streamed as spreadsheet-ready files. Parsing throws before any byte is written, so a
 * bad filter is a plain 400 JSON error.
 */
export function exportRoutes(deps: ExportRouteDeps) {
  const app = new Hono();
  const { clickExport, stats } = deps;
  if (clickExport) {
    app.get('/clicks.csv', (c) => {
      const { filename, chunks } = exportClicks({ ...deps, clickExport }, c.req.query());
      return c.body(csvStream(chunks, deps.logger), 200, csvHeaders(filename));
    });
  }
  if (stats) {
    app.get('/stats.csv', (c) => {
      const { filename, chunks } = exportStats({ ...deps, stats }, queryOf(c));
      return c.body(csvStream(chunks, deps.logger), 200, csvHeaders(filename));
    });
  }
  return app;
}
