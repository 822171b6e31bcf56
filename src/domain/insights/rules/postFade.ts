/** How fast posts fade per network (median half-life), and what that says about reposting. */
import { confidenceFor, fmt, networkLabel, plural, type Insight, type InsightFacts } from '../insight.js';
import { median, middleHalf, round1 } from '../summary.js';

/** Posts a week old, with clicks, a network needs before its fade is described. */
export const FADE_MIN_POSTS = 3;
/** Half-lives up to this many hours fade the same day; beyond the second, they last for days. */
export const FADE_SAME_DAY_HOURS = 6;
export const FADE_DAYS_HOURS = 24;

export const postFade = (facts: InsightFacts): Insight[] => {
  const out: Insight[] = [];
  const networks = [...new Set(facts.posts.map((p) => p.network).filter((n): n is string => n !== null))].sort();
  for (const network of networks) {
    const label = networkLabel(network);
    const posts = facts.posts.filter((p) => p.network === network && p.halfLifeHours !== null);
    const id = `post_lifetime:${network}`;
    if (posts.length < FADE_MIN_POSTS) {
      const missing = FADE_MIN_POSTS - posts.length;
      out.push({
        id,
        kind: 'missing_data',
        confidence: 'low',
        text: `${plural(missing, `more ${label} post`)} with a full week of clicks ${missing === 1 ? 'is' : 'are'} needed to say how fast they fade (${posts.length} of ${FADE_MIN_POSTS}).`,
        evidence: { network, rule: 'post_lifetime', posts: posts.length, needed: FADE_MIN_POSTS },
      });
      continue;
    }
    const halves = posts.map((p) => p.halfLifeHours!);
    const m = round1(median(halves)!);
    const [lo, hi] = middleHalf(halves)!;
    const evidence = `(median of ${plural(posts.length, 'post')}, middle half ${fmt(lo)}–${fmt(hi)} h)`;
    const advice =
      m <= FADE_SAME_DAY_HOURS
        ? 'they fade the same day, so a repost later that day can reach people the first one no longer does.'
        : m <= FADE_DAYS_HOURS
          ? "most of a post's life is its first day: repost the next day rather than the same day."
          : 'they keep working for days, so a same-day repost would mostly compete with the original.';
    out.push({
      id,
      kind: 'post_lifetime',
      confidence: confidenceFor(posts.length, 6, 15),
      text: `${label} posts get half of their first-week clicks within ${fmt(m)} h ${evidence}: ${advice}`,
      evidence: {
        network,
        posts: posts.length,
        medianHalfLifeHours: m,
        middleHalf: [lo, hi],
        thresholdsHours: [FADE_SAME_DAY_HOURS, FADE_DAYS_HOURS],
        slugs: posts.map((p) => p.slug),
      },
    });
  }
  return out;
};
