/**
 * Synthetic but plausible traffic for `seed` and the benchmarks: campaigns that run for a few
 * weeks, posts on weighted networks at working hours, clicks that peak in the hours after a
 * post and tail off for weeks, mobile-heavy devices, real user agents and referrers, a few
 * crawlers, repeat visitors. Deterministic for a given --seed.
 */
import type { Location, Network, Visit } from '../domain/index.js';
import {
  weighted,
  exponential,
  logNormal,
  HOUR,
  DAY,
  NETWORK,
  REFERRERS,
  OTHER_REFERRER,
  UA,
  BOT_UA,
  PLACE,
  TOPICS,
  THEMES,
  KINDS,
} from './seedTables.js';

export type Random = () => number;

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): Random {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PostPlan {
  url: string;
  title: string;
  campaign: string;
  network: Network;
  postedAt: number;
  /** Relative popularity. */
  weight: number;
}

/** Campaigns running 1–4 weeks within the last `days` days, their posts at working hours. */
export function planPosts(
  rnd: Random,
  opts: { links: number; campaigns: number; days: number; now: number },
): PostPlan[] {
  const campaigns = Array.from({ length: opts.campaigns }, (_, i) => {
    const name = `${THEMES[i % THEMES.length]} ${KINDS[Math.floor(i / THEMES.length) % KINDS.length]}${i >= THEMES.length * KINDS.length ? ` ${i}` : ''}`;
    const length = Math.min(opts.days, 7 + Math.floor(rnd() * 21)) * DAY;
    const start = opts.now - opts.days * DAY + rnd() * (opts.days * DAY - length);
    return { name, start, length, weight: logNormal(rnd, 0.8) };
  });
  const pickCampaign = weighted(campaigns.map((c) => [c, c.weight] as const));
  return Array.from({ length: opts.links }, (_, i) => {
    const c = i < campaigns.length ? campaigns[i]! : pickCampaign(rnd);
    const network = NETWORK(rnd);
    const day = Math.floor((c.start + rnd() * c.length) / DAY) * DAY;
    const postedAt = Math.min(opts.now - HOUR, day + (7 + rnd() * 11) * HOUR);
    const topic = TOPICS[Math.floor(rnd() * TOPICS.length)]!;
    return {
      url: `https://example.com/${c.name.toLowerCase().replace(/\s+/g, '-')}/${i + 1}`,
      title: `${c.name}: ${topic} (${network})`,
      campaign: c.name,
      network,
      postedAt,
      weight: logNormal(rnd, 1.1) * (network === 'linkedin' ? 1.3 : 1),
    };
  });
}

/** When a click on a post comes: mostly within hours, a tail over weeks; never after now. */
function clickTime(rnd: Random, postedAt: number, now: number): number {
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = rnd();
    const delay = r < 0.7 ? exponential(rnd, 5 * HOUR) : r < 0.93 ? exponential(rnd, 2.5 * DAY) : rnd() * 60 * DAY;
    const t = postedAt + delay;
    // Fewer clicks at night (UTC): keep a click with a probability that follows the day.
    const hour = new Date(t).getUTCHours();
    if (t < now && rnd() < 0.55 + 0.45 * Math.sin(((hour - 6) / 24) * 2 * Math.PI)) return Math.floor(t);
  }
  return Math.floor(postedAt + rnd() * (now - postedAt));
}

/** Every click's time and post, oldest first: how many each post gets follows its weight. */
export function planClicks(rnd: Random, posts: { postedAt: number; weight: number }[], total: number, now: number) {
  const sum = posts.reduce((n, p) => n + p.weight, 0);
  const times = new Float64Array(total);
  const postOf = new Uint32Array(total);
  let k = 0;
  posts.forEach((p, i) => {
    const share = (total * p.weight) / sum;
    const n = i === posts.length - 1 ? total - k : Math.min(total - k, Math.floor(share) + (rnd() < share % 1 ? 1 : 0));
    for (let j = 0; j < n; j++, k++) {
      times[k] = clickTime(rnd, p.postedAt, now);
      postOf[k] = i;
    }
  });
  const order = new Uint32Array(total).map((_, i) => i).sort((a, b) => times[a]! - times[b]!);
  return { order, times, postOf };
}

/** The visit one click is: a visitor (often a returning one), a device, a place, a referrer. */
export function makeVisitor(rnd: Random, poolSize: number) {
  const last = new Map<number, { address: string; userAgent: string; location: Location }>();
  return (linkId: number, network: Network, at: number): Visit => {
    if (rnd() < 0.06) {
      return {
        linkId,
        at,
        address: `198.51.100.${Math.floor(rnd() * 250)}`,
        userAgent: BOT_UA(rnd),
        referrer: '',
        utmSource: null,
        qr: false,
        prefetch: false,
        location: PLACE(rnd),
      };
    }
    const returning = last.get(linkId);
    const who =
      returning && rnd() < 0.12
        ? returning
        : (() => {
            const id = Math.floor(rnd() * poolSize);
            return {
              address: `100.${64 + ((id >> 16) & 63)}.${(id >> 8) & 255}.${id & 255}`,
              userAgent: UA(rnd),
              location: PLACE(rnd),
            };
          })();
    last.set(linkId, who);
    const own = REFERRERS[network];
    const referrer = own && rnd() < 0.6 ? own[Math.floor(rnd() * own.length)]! : OTHER_REFERRER(rnd);
    const utmSource = rnd() < 0.03 ? 'newsletter' : null;
    return {
      linkId,
      at,
      address: who.address,
      userAgent: who.userAgent,
      referrer,
      utmSource,
      qr: rnd() < 0.02,
      prefetch: false,
      location: who.location,
    };
  };
}
