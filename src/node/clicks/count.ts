import type { ClickWriter, CounterStore } from '../../domain/index.js';
import { firstOfDay } from '../../domain/index.js';
import type { CountedClick } from '../../db/counters.js';
import { rebuildStatements } from '../../db/counterRebuild.js';
import type { NodeDatabase } from '../sqlite.js';
import { sqliteCounterUpserts } from './counterUpserts.js';
import type { UncountedRow, WrittenClicks } from './writtenClicks.js';

/** Clicks counted per transaction at most: a long backlog (after a crash) is taken in runs. */
const RUN = 50_000;
/** (day, post, visitor) triples remembered as seen; past this many the memory starts again. */
const SEEN_ENTRIES = 20_000;

/**
 * Node counts stored clicks after writing them, not in the same transaction: a second of
 * traffic counted at once needs far fewer counter upserts than each write batch, and
 * deciding each visitor's first click of the day here writes the daily visitor index once a
 * second instead of once per batch. counter_progress says how far counting
 * got, so nothing is counted twice or missed: not after a crash (the next start counts the
 * rest), nor beside a rebuild (which counts first, see createSqliteCounterStore). A deleted
 * post's clicks are gone with it, so they are not counted late; a moved post's late clicks
 * count for its new campaign, as the triggers do.
 */
export function createClickCounting({ sqlite }: NodeDatabase, written?: WrittenClicks) {
  const upsert = sqliteCounterUpserts(sqlite);
  const markSeen = sqlite.prepare(
    'INSERT INTO daily_visitors (day, link_id, visitor) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const markFirst = sqlite.prepare('UPDATE clicks SET first_of_day = 1 WHERE id = ?');
  const countedThrough = sqlite.prepare('SELECT through_click_id FROM counter_progress WHERE id = 1').pluck();
  const uncounted = sqlite
    .prepare(
      `SELECT id, link_id, clicked_at, bot, visitor, source, country, device, referrer_host, city, os, browser, qr
       FROM clicks WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw();
  const stored = sqlite.prepare('SELECT count(*) FROM clicks WHERE id > ? AND id <= ?').pluck();
  /** The rows after `through`: those this thread wrote if the table still holds them all, then the table's. */
  const uncountedRows = (through: number, limit: number): unknown[][] => {
    const read = (after: number, n: number) => uncounted.all(after, n) as unknown[][];
    const known: UncountedRow[] = written?.after(through, limit) ?? [];
    const last = known.at(-1)?.[0];
    // A deleted post takes its clicks with it: then the table answers alone.
    if (last === undefined || stored.get(through, last) !== known.length) return read(through, limit);
    return known.length < limit ? [...known, ...read(last, limit - known.length)] : known;
  };
  const advance = sqlite.prepare(
    `INSERT INTO counter_progress (id, through_click_id) VALUES (1, ?)
     ON CONFLICT (id) DO UPDATE SET through_click_id = excluded.through_click_id`,
  );
  // A visitor seen on a post today stays seen (rows go only with their day, or their post, whose
  // clicks then go too), so what committed transactions saw answers repeats without the insert.
  let seen = new Set<string>();
  let seenNow: string[] = [];
  const seenBefore = (day: string, linkId: number, visitor: string) => {
    const key = `${day}|${linkId}|${visitor}`;
    if (seen.has(key)) return true;
    seenNow.push(key);
    return markSeen.run(day, linkId, visitor).changes === 0;
  };
  /** Runs a count transaction; only once it committed does what it saw join `seen`. */
  const remembering = (run: () => number): number => {
    // Inside a caller's transaction (the rebuild) nothing is committed yet, so nothing is kept.
    const own = !sqlite.inTransaction;
    seenNow = [];
    const n = run();
    if (!own) return n;
    if (seen.size + seenNow.length > SEEN_ENTRIES) seen = new Set();
    for (const key of seenNow) seen.add(key);
    return n;
  };
  const countRun = sqlite.transaction((limit: number): number => {
    const through = countedThrough.get() as number | undefined;
    // Migration 0004 writes the row; without it every click would be counted again.
    if (through === undefined) throw new Error('counter_progress has no row: run `npm run cli -- counters rebuild`');
    const rows = uncountedRows(through, limit);
    if (rows.length === 0) return 0;
    const clicks = rows.map(toCounted);
    // In id order, so a visitor's first click of the day on a post is the one marked; the
    // daily_visitors insert both asks whether the visitor was seen and marks them seen.
    const firsts = firstOfDay(clicks, seenBefore);
    for (const [i, first] of firsts.entries()) {
      if (!first) continue;
      clicks[i]!.firstOfDay = true;
      markFirst.run(rows[i]![0]);
    }
    upsert(clicks);
    advance.run(rows[rows.length - 1]![0]);
    return rows.length;
  });
  return {
    /**
     * Counts at most `limit` waiting clicks in one transaction; returns how many. The click
     * thread counts a run at a time so a write never waits behind a long count (a crash loses
     * what waits: docs/operations.md).
     */
    countSome: (limit: number): number => remembering(() => countRun.immediate(limit)),
    /** Counts every stored click not counted yet; returns how many. */
    countAll(): number {
      let total = 0;
      // IMMEDIATE: take the write lock first, so a write by another connection between the
      // reads and the upserts makes this wait (busy timeout) instead of fail.
      for (let n = RUN; n === RUN; total += n) n = remembering(() => countRun.immediate(RUN));
      return total;
    },
  };
}
export type ClickCounting = ReturnType<typeof createClickCounting>;

function toCounted(r: unknown[]): CountedClick & { visitor: string } {
  const [, linkId, clickedAt, bot, visitor, source, country, device, referrerHost, city, os, browser, qr] = r as [
    number,
    number,
    number,
    number,
    string,
    string,
    string | null,
    CountedClick['device'],
    string | null,
    string | null,
    string | null,
    string | null,
    number,
  ];
  return {
    linkId,
    clickedAt,
    bot: bot === 1,
    visitor,
    firstOfDay: false,
    source,
    country,
    device,
    referrerHost,
    city,
    os,
    browser,
    qr: qr === 1,
  };
}

/** A click store whose every batch is counted right after it is written: for seeding, and tests that read counters at once. */
export function countedAtOnce(store: ClickWriter, counting: ClickCounting): ClickWriter {
  return {
    ...store,
    async insertBatch(clicks) {
      const written = await store.insertBatch(clicks);
      counting.countAll();
      return written;
    },
  };
}

/**
 * The Node rebuild: first counts what is not counted yet, which decides those clicks' first
 * of the day, then recomputes the counters from the raw clicks (from `keepBefore` on, when
 * raw clicks are kept only so long); one IMMEDIATE transaction,
 * so clicks written meanwhile wait and are counted after it.
 */
export function createSqliteCounterStore(
  database: NodeDatabase,
  counting: ClickCounting,
  keepBefore: () => number | null = () => null,
): CounterStore {
  const hasProgress = database.sqlite.prepare('SELECT count(*) FROM counter_progress').pluck();
  const rebuild = database.sqlite.transaction(() => {
    // Without a progress row there is nothing to count first; the rebuild writes the row.
    if (hasProgress.get() !== 0) counting.countAll();
    // With CLICK_RETENTION_DAYS, only the window is recounted (see rebuildStatements).
    for (const statement of rebuildStatements(database.db, keepBefore())) statement.run();
  });
  return { rebuild: async () => void rebuild.immediate() };
}
