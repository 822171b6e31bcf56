import { z } from 'zod';
import {
  boundaryIndex,
  bucketStart,
  ceilTo,
  coarsestCommonGrain,
  formatLocal,
  intervalStarts,
  invalid,
  zoneView,
  DAY_MS,
  HOUR_MS,
  QUARTER,
  QUARTER_MS,
  type BucketCount,
  type StatsLink,
  type StatsScope,
} from '../domain/index.js';
import type { StatsDeps } from './getStats.js';
import { parseInput } from './parse.js';
import { botsField, scopeFields, toScope, tzField } from './statsInput.js';

/** Posts one compare may align one by one (each is a few small counter reads). */
export const MAX_COMPARED_POSTS = 500;

export const compareInput = z.object({
  campaign: scopeFields.campaign,
  network: scopeFields.network,
  slug: scopeFields.slug,
  by: z.enum(['link', 'campaign', 'network']).default('link'),
  align: z.enum(['posted', 'calendar']).default('posted'),
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  interval: z.enum(['hour', 'day']).default('hour'),
  tz: tzField,
  bots: botsField,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export interface ComparePoint {
  /** Hours since the post (align=posted), or the local start of the interval (align=calendar). */
  t: number | string;
  clicks: number;
  cumulative: number;
}
export interface CompareSeries {
  key: string | null;
  label: string;
  network: string | null;
  campaign: string | null;
  postedAt: string;
  posts: number;
  points: ComparePoint[];
}

interface Group {
  key: string | null;
  label: string;
  network: string | null;
  campaign: string | null;
  links: StatsLink[];
}

function groupLinks(links: StatsLink[], by: 'link' | 'campaign' | 'network'): Group[] {
  if (by === 'link')
    return links.map((l) => ({
      key: l.slug,
      label: l.title ?? l.slug,
      network: l.network,
      campaign: l.campaign,
      links: [l],
    }));
  const groups = new Map<string | null, StatsLink[]>();
  for (const l of links) groups.set(l[by], [...(groups.get(l[by]) ?? []), l]);
  return [...groups].map(([key, members]) => {
    const same = (field: 'network' | 'campaign') =>
      new Set(members.map((m) => m[field])).size === 1 ? members[0]![field] : null;
    return {
      key,
      label: key ?? (by === 'campaign' ? '(no campaign)' : '(no network)'),
      network: same('network'),
      campaign: same('campaign'),
      links: members,
    };
  });
}

const firstPost = (g: Group) => Math.min(...g.links.map((l) => l.postedAt));

/**
 * Posts, campaigns or networks side by side. align=posted starts each post's clock at its
 * postedAt (rounded down to the quarter hour the counters keep) and sums a group's posts hour
 * by hour since each was posted; align=calendar puts every series on the same local calendar
 * from the earliest post. Intervals that have not begun yet are left out. A `scope` given by
 * the server replaces the query's filters.
 */
export async function compareStats(
  deps: StatsDeps,
  raw: Record<string, unknown>,
  scope?: StatsScope,
): Promise<{ series: CompareSeries[] }> {
  const q = parseInput(compareInput, raw);
  const now = deps.clock();
  const groups = groupLinks(await deps.stats.linksIn(scope ?? toScope(q)), q.by)
    .sort((a, b) => firstPost(b) - firstPost(a))
    .slice(0, q.limit)
    .reverse();
  const stepMs = (q.interval === 'day' ? 24 : 1) * HOUR_MS;
  const windowMs = q.hours * HOUR_MS;
  const chosen = (r: BucketCount) => (q.bots === 'include' ? true : q.bots === 'only' ? r.bot : !r.bot);
  /** Clicks per point of a window whose points start at `starts` (ascending, the first at `from`). */
  const pointClicks = async (linkIds: number[], starts: number[], from: number, to: number, into: number[]) => {
    const rows = await deps.stats.timeline({ linkIds }, from, to, coarsestCommonGrain(starts.slice(1)));
    for (const r of rows.filter(chosen)) {
      const i = boundaryIndex(starts, r.at);
      if (i >= 0 && i < into.length) into[i]! += r.clicks;
    }
  };

  let label: (i: number) => number | string = (i) => (i * stepMs) / HOUR_MS;
  let calendar: number[] = [];
  if (q.align === 'posted') {
    const posts = groups.reduce((n, g) => n + g.links.length, 0);
    if (posts > MAX_COMPARED_POSTS) {
      throw invalid(
        'too_many_posts',
        `align=posted compares at most ${MAX_COMPARED_POSTS} posts at once; narrow it with campaign, network or slug`,
      );
    }
  } else if (groups.length > 0) {
    const earliest = bucketStart(Math.min(...groups.map(firstPost)), QUARTER);
    const view = zoneView(q.tz, earliest - DAY_MS, earliest + windowMs + DAY_MS);
    const first = intervalStarts(view, earliest, earliest + QUARTER_MS, q.interval)[0]!;
    calendar = intervalStarts(view, first, first + windowMs, q.interval).filter((s) => s < now);
    label = (i) => formatLocal(view, calendar[i]!);
  }

  const series: CompareSeries[] = [];
  for (const g of groups) {
    let clicks: number[];
    if (q.align === 'posted') {
      // As many points as the group's oldest post has begun, up to the window.
      const begun = Math.max(...g.links.map((l) => Math.ceil((now - bucketStart(l.postedAt, QUARTER)) / stepMs)));
      clicks = new Array<number>(Math.max(0, Math.min(Math.ceil(windowMs / stepMs), begun))).fill(0);
      for (const link of g.links) {
        const start = bucketStart(link.postedAt, QUARTER);
        const starts = Array.from(clicks, (_, i) => start + i * stepMs);
        if (starts.length > 0) await pointClicks([link.id], starts, start, start + starts.length * stepMs, clicks);
      }
    } else {
      clicks = new Array<number>(calendar.length).fill(0);
      if (calendar.length > 0) {
        const from = calendar[0]!;
        await pointClicks(
          g.links.map((l) => l.id),
          calendar,
          from,
          ceilTo(Math.min(from + windowMs, now), QUARTER_MS),
          clicks,
        );
      }
    }
    let running = 0;
    const points = clicks.map((c, i) => ({ t: label(i), clicks: c, cumulative: (running += c) }));
    series.push({
      key: g.key,
      label: g.label,
      network: g.network,
      campaign: g.campaign,
      postedAt: new Date(firstPost(g)).toISOString(),
      posts: g.links.length,
      points,
    });
  }
  return { series };
}
