/** When to post: a weekday-and-hours window whose posts drew more first-24h clicks than the rest. */
import {
  confidenceFor,
  fmt,
  networkLabel,
  plural,
  type Insight,
  type InsightFacts,
  type PostFacts,
} from '../insight.js';
import { median, round1 } from '../summary.js';
import { hourOf, weekdayOf } from '../weekHour.js';

/** Posts of a network with a full first day before publishing times are compared. */
export const WINDOW_MIN_POSTS = 10;
/** Posts needed inside the window and outside it, and distinct local days inside it. A window must also lead without its best post. */
export const WINDOW_MIN_SIDE = 5;
export const WINDOW_MIN_DAYS = 3;
/** The smallest lead worth saying. */
export const WINDOW_MIN_RATIO = 1.25;

const DAY_SETS = [
  { label: 'Mon–Fri', days: [0, 1, 2, 3, 4] },
  { label: 'Tue–Thu', days: [1, 2, 3] },
  { label: 'Sat–Sun', days: [5, 6] },
  { label: 'any day', days: [0, 1, 2, 3, 4, 5, 6] },
] as const;
const BAND_HOURS = [2, 3] as const;

interface Window {
  label: string;
  days: readonly number[];
  from: number;
  to: number;
}

/** Every window tried, in a fixed order so ties resolve the same way each time. */
export const WINDOWS: readonly Window[] = DAY_SETS.flatMap((set) =>
  BAND_HOURS.flatMap((width) =>
    Array.from({ length: 25 - width }, (_, from) => ({ label: set.label, days: set.days, from, to: from + width })),
  ),
);

const inWindow = (w: Window, p: PostFacts) =>
  w.days.includes(weekdayOf(p.weekHour)) && hourOf(p.weekHour) >= w.from && hourOf(p.weekHour) < w.to;
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Per network: the best window by median first-24h clicks, if it leads the other posts by enough. */
export const publishingWindows = (facts: InsightFacts): Insight[] => {
  const out: Insight[] = [];
  const networks = [...new Set(facts.posts.map((p) => p.network).filter((n): n is string => n !== null))].sort();
  for (const network of networks) {
    const label = networkLabel(network);
    const posts = facts.posts.filter((p) => p.network === network && p.h24 !== null);
    const id = `publishing_window:${network}`;
    if (posts.length < WINDOW_MIN_POSTS) {
      const missing = WINDOW_MIN_POSTS - posts.length;
      out.push({
        id,
        kind: 'missing_data',
        confidence: 'low',
        text: `${plural(missing, `more ${label} post`)} with a full first day of clicks ${missing === 1 ? 'is' : 'are'} needed to compare publishing times (${posts.length} of ${WINDOW_MIN_POSTS}).`,
        evidence: { network, rule: 'publishing_window', posts: posts.length, needed: WINDOW_MIN_POSTS },
      });
      continue;
    }
    let best: {
      w: Window;
      inside: PostFacts[];
      others: PostFacts[];
      mIn: number;
      mOut: number;
      ratio: number;
      size: number;
    } | null = null;
    for (const w of WINDOWS) {
      const inside = posts.filter((p) => inWindow(w, p));
      const others = posts.filter((p) => !inWindow(w, p));
      if (inside.length < WINDOW_MIN_SIDE || others.length < WINDOW_MIN_SIDE) continue;
      if (new Set(inside.map((p) => p.localDate)).size < WINDOW_MIN_DAYS) continue;
      const mIn = median(inside.map((p) => p.h24!))!;
      const mOut = median(others.map((p) => p.h24!))!;
      if (mOut <= 0) continue;
      const ratio = mIn / mOut;
      // A lead that one post makes is no lead: it must hold with the window's best post left out.
      const rest = inside
        .map((p) => p.h24!)
        .sort((a, b) => a - b)
        .slice(0, -1);
      if (median(rest)! < WINDOW_MIN_RATIO * mOut) continue;
      // Ties: more posts, then the narrower window, then the later start (the one the posts begin in).
      const size = w.days.length * (w.to - w.from);
      const better =
        !best ||
        ratio > best.ratio ||
        (ratio === best.ratio &&
          (inside.length > best.inside.length ||
            (inside.length === best.inside.length &&
              (size < best.size || (size === best.size && w.from > best.w.from)))));
      if (better) best = { w, inside, others, mIn, mOut, ratio, size };
    }
    if (!best || best.ratio < WINDOW_MIN_RATIO) {
      out.push({
        id,
        kind: 'publishing_window',
        confidence: confidenceFor(posts.length, 20, 40),
        text: `No publishing time stands out for ${label}: no window of ${plural(WINDOW_MIN_SIDE, 'post')} or more drew ${WINDOW_MIN_RATIO}× the first-24h clicks of the other ${label} posts (${plural(posts.length, 'post')}).`,
        evidence: {
          network,
          tz: facts.tz,
          posts: posts.length,
          windowsTried: WINDOWS.length,
          minRatio: WINDOW_MIN_RATIO,
          bestRatio: best ? round1(best.ratio) : null,
          medianFirst24h: round1(median(posts.map((p) => p.h24!))!),
        },
      });
      continue;
    }
    const { w, inside, others, mIn, mOut, ratio } = best;
    const weekHours = w.days.flatMap((d) => Array.from({ length: w.to - w.from }, (_, i) => d * 24 + w.from + i));
    out.push({
      id,
      kind: 'publishing_window',
      confidence: confidenceFor(Math.min(inside.length, others.length), 10, 25),
      text:
        `${label} posts published ${w.label} ${hh(w.from)}–${hh(w.to)} (${facts.tz}) drew ${fmt(round1(ratio))}× the first-24h clicks of your other ${label} posts ` +
        `(median ${fmt(round1(mIn))} vs ${fmt(round1(mOut))}; ${plural(inside.length, 'post')} vs ${fmt(others.length)}).`,
      evidence: {
        network,
        tz: facts.tz,
        days: [...w.days],
        hours: [w.from, w.to],
        weekHours,
        posts: inside.length,
        otherPosts: others.length,
        medianFirst24h: round1(mIn),
        otherMedianFirst24h: round1(mOut),
        ratio: round1(ratio),
        windowsTried: WINDOWS.length,
        slugs: inside.map((p) => p.slug),
        otherSlugs: others.map((p) => p.slug),
      },
    });
  }
  return out;
};
