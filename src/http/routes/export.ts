import { Hono } from 'hono';
import type { ClickExportReader } from '../../domain/index.js';
import { exportClicks, type CsvChunk } from '../../services/exportClicks.js';
import type { CoreDeps } from '../../services/index.js';

export interface ExportRouteDeps extends Pick<CoreDeps, 'clock' | 'publicUrl'> {
  clickExport: ClickExportReader;
  log: (message: string, err?: unknown) => void;
}

/**
 * A pull-based byte stream over CSV chunks: the next page is read only when the consumer
 * (the socket) wants more, and cancelling (a client that went away) ends the iteration,
 * so no further query runs.
 */
export function csvStream(
  chunks: AsyncGenerator<CsvChunk, void, undefined>,
  log: ExportRouteDeps['log'],
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
        log('CSV export failed mid-stream', err);
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

/** GET /api/clicks.csv: every click of a filter, streamed as a spreadsheet-ready file. */
export function exportRoutes(deps: ExportRouteDeps) {
  return new Hono().get('/clicks.csv', (c) => {
    // Parsing throws before any byte is written, so a bad filter is a plain 400 JSON error.
    const { filename, chunks } = exportClicks(deps, c.req.query());
    return c.body(csvStream(chunks, deps.log), 200, csvHeaders(filename));
  });
}
