import {
  CSV_BOM,
  csvRecord,
  formatLocal,
  WEEK_QUARTERS,
  type LinkCount,
  type PostLifetime,
  type StatsLink,
  type StatsScope,
  type TimingStore,
} from '../domain/index.js';
import { filenamePart, type CsvChunk } from './exportClicks.js';
import { breakdowns, statsInput, type StatsDeps } from './getStats.js';
import { lifetimeOf } from './getLifetime.js';
import { readPostClocks } from './postClocks.js';
import { parseInput } from './parse.js';
import { forceScope } from './statsInput.js';

/** The report's columns, in order; the header row is exactly these names. */
export const STATS_CSV_COLUMNS = [
  'slug',
  'title',
  'campaign',
  'network',
  'posted_at',
  'clicks',
  'uniques',
  'bots',
  'top_source',
  'top_country',
  'h24',
  'h72',
  'd7',
  'half_life_hours',
] as const;

/** The report's deps: the lifetime columns are empty without a timing store. */
export interface ExportStatsDeps extends StatsDeps {
  timing?: TimingStore;
}

/** Rows per streamed chunk: big enough to fill a socket write, small enough to start at once. */
const LINKS_PER_CHUNK = 200;

interface LinkTotals {
  link: StatsLink;
  clicks: number;
  uniques: number;
  bots: number;
}

type StatsQuery = ReturnType<typeof parseStatsQuery>;
const parseStatsQuery = (deps: ExportStatsDeps, raw: Record<string, unknown>) =>
  parseInput(statsInput, { ...raw, now: deps.clock() });

/** `linkpost-stats-<filter>-<first day>-<last day>.csv`, days in the query's zone. */
function statsFilename(q: StatsQuery, name?: string): string {
  const s = q.scope;
  const parts =
    name !== undefined
      ? [filenamePart(name)]
      : [
          ...(s.slugs ?? []),
          ...(s.campaigns ?? []),
          ...(s.networks ?? []),
          ...(s.sources ?? []),
          ...(s.countries ?? []),
          ...(s.devices ?? []),
        ]
          .map(filenamePart)
          .filter(Boolean)
          .slice(0, 4);
  if (q.bots === 'include') parts.push('with-bots');
  if (q.bots === 'only') parts.push('bots');
  const day = (ms: number) => formatLocal(q.view, ms).slice(0, 10);
  // `to` is exclusive: the last day is the one before it.
  return `linkpost-stats-${parts.join('-') || 'all'}-${day(q.from)}-${day(Math.max(q.from, q.to - 1))}.csv`;
}

/**
 * One row per post for a report: the filters of /api/stats (default range, zone, bots mode and
 * scope), its counters only. `clicks` and `uniques` count as `bots` says, `bots` always counts
 * bot hits, the top source and country follow the same bots mode. Posts that neither drew a
 * hit nor were posted in the range are left out; the most clicked come first. h24, h72, d7 and
 * half_life_hours are each post's lifetime figures as /api/stats/lifetime gives them, whatever
 * the range (empty while the window is still open). `forced` (a report's) replaces the query's
 * filters, and names the file.
 */
export function exportStats(
  deps: ExportStatsDeps,
  raw: Record<string, unknown>,
  forced?: { scope: StatsScope; name: string },
): { filename: string; chunks: AsyncGenerator<CsvChunk, void, undefined> } {
  const q = forceScope(parseStatsQuery(deps, raw), forced?.scope);
  return { filename: statsFilename(q, forced?.name), chunks: statsChunks(deps, q) };
}

async function* statsChunks(deps: ExportStatsDeps, q: StatsQuery): AsyncGenerator<CsvChunk, void, undefined> {
  yield { text: CSV_BOM + csvRecord(STATS_CSV_COLUMNS), rows: 0 };
  // A fixed number of reads however many posts: D1 caps the queries one request may make.
  const [links, counted, bots, tops, lifetimes] = await Promise.all([
    deps.stats.linksIn(q.scope),
    deps.stats.links(q.scope, q.from, q.to, q.bots),
    deps.stats.links(q.scope, q.from, q.to, 'only'),
    topPerLink(deps, q),
    lifetimePerLink(deps, q),
  ]);
  const byId = (counts: LinkCount[]) => new Map(counts.map((c) => [c.link.id, c]));
  const countedById = byId(counted);
  const botsById = byId(bots);
  const rows: LinkTotals[] = links
    .map((link) => ({
      link,
      clicks: countedById.get(link.id)?.clicks ?? 0,
      uniques: countedById.get(link.id)?.uniques ?? 0,
      bots: botsById.get(link.id)?.clicks ?? 0,
    }))
    .filter((r) => r.clicks > 0 || r.bots > 0 || (r.link.postedAt >= q.from && r.link.postedAt < q.to))
    .sort((a, b) => b.clicks - a.clicks || b.uniques - a.uniques || a.link.slug.localeCompare(b.link.slug));

  for (let i = 0; i < rows.length; i += LINKS_PER_CHUNK) {
    let text = '';
    const part = rows.slice(i, i + LINKS_PER_CHUNK);
    for (const r of part) {
      const top = r.clicks > 0 ? tops.get(r.link.id) : undefined;
      const life = lifetimes.get(r.link.id);
      text += csvRecord([
        r.link.slug,
        r.link.title,
        r.link.campaign,
        r.link.network,
        new Date(r.link.postedAt).toISOString(),
        r.clicks,
        r.uniques,
        r.bots,
        top?.source ?? null,
        top?.country ?? null,
        life?.h24 ?? null,
        life?.h72 ?? null,
        life?.d7 ?? null,
        life?.halfLifeHours ?? null,
      ]);
    }
    yield { text, rows: part.length };
  }
}

/** Each link's top source and country, ranked as the breakdowns of /api/stats?slug=… rank them. */
async function topPerLink(deps: StatsDeps, q: StatsQuery) {
  const rows = await deps.stats.linkDimensions(q.scope, q.from, q.to, q.bots, ['source', 'country']);
  const perLink = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = perLink.get(r.linkId);
    if (list) list.push(r);
    else perLink.set(r.linkId, [r]);
  }
  const tops = new Map<number, { source: string | null; country: string | null }>();
  for (const [linkId, dims] of perLink) {
    const top = breakdowns(dims, [], 1);
    tops.set(linkId, { source: top.source[0]?.value ?? null, country: top.country[0]?.value ?? null });
  }
  return tops;
}

/** Each post's lifetime figures, from one read of its first week's clocked counters. */
async function lifetimePerLink(deps: ExportStatsDeps, q: StatsQuery): Promise<Map<number, PostLifetime>> {
  if (!deps.timing) return new Map();
  const now = deps.clock();
  const clocks = await readPostClocks(
    { ...deps, timing: deps.timing },
    q.scope,
    null,
    { from: 0, to: WEEK_QUARTERS },
    q.bots,
  );
  return new Map(clocks.map((c) => [c.link.id, lifetimeOf(c, now)]));
}
