/** Where progress goes: process.stderr, or a fake one in tests. */
export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** Counts rows done; redraws the bar at most ten times a second. */
  add(rows: number): void;
  /** Clears the bar; returns the rows done and the time taken. */
  finish(): { rows: number; ms: number };
}

const REDRAW_MS = 100;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The bar's text for `done` of `total` rows after `ms` milliseconds, fitted to `width`. */
export function progressLine(done: number, total: number | null, ms: number, width = 80): string {
  const rate = ms > 0 ? `${fmt((done * 1000) / ms)} rows/s` : '';
  if (!total) return `${fmt(done)} rows  ${rate}`.slice(0, width - 1);
  const share = Math.min(1, done / total);
  const counts = ` ${String(Math.floor(share * 100)).padStart(3)}%  ${fmt(done)}/${fmt(total)}  ${rate}`;
  const barWidth = Math.max(10, Math.min(40, width - counts.length - 3));
  const filled = Math.round(share * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${counts}`.slice(0, width - 1);
}

/**
 * A progress bar drawn in place on a terminal; on a pipe or file it draws nothing, so logs
 * and redirected output stay free of control characters.
 */
export function createProgress(sink: ProgressSink, total: number | null, clock: () => number = Date.now): Progress {
  const started = clock();
  let rows = 0;
  let drawnAt = -Infinity;
  const draw = (now: number) => {
    drawnAt = now;
    sink.write(`\r${progressLine(rows, total, now - started, sink.columns ?? 80)}\x1b[K`);
  };
  return {
    add(n) {
      if (n === 0) return;
      rows += n;
      const now = clock();
      if (sink.isTTY && now - drawnAt >= REDRAW_MS) draw(now);
    },
    finish() {
      if (sink.isTTY && drawnAt !== -Infinity) sink.write('\r\x1b[K');
      return { rows, ms: clock() - started };
    },
  };
}
