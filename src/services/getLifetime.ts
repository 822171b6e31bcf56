import {
  formatLocal,
  lifetimeMedians,
  postLifetime,
  WEEK_QUARTERS,
  type LifetimeMedians,
  type PostLifetime,
  type StatsScope,
} from '../domain/index.js';
import { parseInput } from './parse.js';
import { forceScope } from './statsInput.js';
import { readPostClocks, type PostClock } from './postClocks.js';
import { timingInput, type TimingDeps } from './timingInput.js';

export interface PostLifetimeRow extends PostLifetime {
  slug: string;
  title: string | null;
  network: string | null;
  postedAt: string;
}
export interface NetworkLifetime {
  network: string | null;
  posts: number;
  median: LifetimeMedians;
}
export interface Lifetime {
  range: { from: string; to: string; tz: string };
  posts: PostLifetimeRow[];
  networks: NetworkLifetime[];
}

/** A clocked post's lifetime figures, aged by `now`. */
export const lifetimeOf = (post: PostClock, now: number): PostLifetime => postLifetime(post.clicks, now - post.start);

/**
 * How each post posted in the range lived (clicks in its first hour, day, three days and week
 * from its posting quarter hour, its peak hour and half-life), newest first, and the medians
 * per network over the posts whose window has closed.
 */
export async function getLifetime(
  deps: TimingDeps,
  raw: Record<string, unknown>,
  scope?: StatsScope,
): Promise<Lifetime> {
  const q = forceScope(parseInput(timingInput, { ...raw, now: deps.clock() }), scope);
  const now = deps.clock();
  const clocks = await readPostClocks(deps, q.scope, q, { from: 0, to: WEEK_QUARTERS }, q.bots);
  clocks.sort((a, b) => b.link.postedAt - a.link.postedAt || a.link.slug.localeCompare(b.link.slug));
  const posts = clocks.map((c) => ({
    slug: c.link.slug,
    title: c.link.title,
    network: c.link.network,
    postedAt: formatLocal(q.view, c.link.postedAt),
    ...lifetimeOf(c, now),
  }));
  const perNetwork = new Map<string | null, PostLifetimeRow[]>();
  for (const p of posts) perNetwork.set(p.network, [...(perNetwork.get(p.network) ?? []), p]);
  const networks = [...perNetwork]
    .map(([network, rows]) => ({ network, posts: rows.length, median: lifetimeMedians(rows) }))
    .sort((a, b) => b.posts - a.posts || String(a.network ?? '~').localeCompare(String(b.network ?? '~')));
  return { range: { from: formatLocal(q.view, q.from), to: formatLocal(q.view, q.to), tz: q.tz }, posts, networks };
}
