import { z } from 'zod';
import {
  BIO_SOURCE,
  DAY_MS,
  dayStart,
  type BioPageStore,
  type BioPageViewStore,
  type Clock,
  type StatsStore,
} from '../domain/index.js';
import { parseInput } from './parse.js';
import { getBioPageOrThrow } from './updateBioPage.js';

export interface BioPageStatsDeps {
  bioPages: BioPageStore;
  bioPageViews: BioPageViewStore;
  /** Click counters; without them entries show no clicks. */
  stats?: StatsStore;
  clock: Clock;
}

export const bioPageStatsInput = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30).meta({ description: 'UTC days up to today' }),
});

export interface BioPageStats {
  range: { from: string; to: string; days: number };
  views: { people: number; bots: number };
  /** One row per UTC day of the range, oldest first, gaps as zeros. */
  daily: { day: string; people: number; bots: number }[];
  /** Clicks from the page (source "bio") per current entry, people and bots apart. */
  entries: { slug: string; clicks: number; bots: number }[];
}

/** A page's views and its entries' clicks from the page over the last `days` UTC days. */
export async function getBioPageStats(
  deps: BioPageStatsDeps,
  handle: string,
  raw: Record<string, unknown>,
): Promise<BioPageStats> {
  const { days } = parseInput(bioPageStatsInput, raw);
  const page = await getBioPageOrThrow(deps, handle);
  const today = dayStart(deps.clock());
  const from = today - (days - 1) * DAY_MS;
  const to = today + DAY_MS;
  const linkIds = page.links.map((l) => l.id);
  const scope = { linkIds, sources: [BIO_SOURCE] };
  const [counts, people, bots] = await Promise.all([
    deps.bioPageViews.counts(page.id, from, today),
    deps.stats && linkIds.length ? deps.stats.links(scope, from, to, 'exclude') : [],
    deps.stats && linkIds.length ? deps.stats.links(scope, from, to, 'only') : [],
  ]);
  const daily = Array.from({ length: days }, (_, i) => ({ at: from + i * DAY_MS, people: 0, bots: 0 }));
  for (const c of counts) {
    const row = daily[Math.round((c.day - from) / DAY_MS)];
    if (row) row[c.bot ? 'bots' : 'people'] += c.views;
  }
  const clicksOf = (rows: { link: { id: number }; clicks: number }[], id: number) =>
    rows.find((r) => r.link.id === id)?.clicks ?? 0;
  return {
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days },
    views: { people: sum(daily.map((d) => d.people)), bots: sum(daily.map((d) => d.bots)) },
    daily: daily.map((d) => ({ day: new Date(d.at).toISOString().slice(0, 10), people: d.people, bots: d.bots })),
    entries: page.links.map((l) => ({ slug: l.slug, clicks: clicksOf(people, l.id), bots: clicksOf(bots, l.id) })),
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
