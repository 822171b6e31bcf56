/**
 * Synthetic but plausible traffic for `seed` and the benchmarks: campaigns that run for a few
 * weeks, posts on weighted networks at working hours, clicks that peak in the hours after a
 * post and tail off for weeks, mobile-heavy devices, real user agents and referrers, a few
 * crawlers, repeat visitors. Deterministic for a given --seed.
 */
import type { Location, Network, Visit } from '../domain/index.js';

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

/** Picks from [value, weight] pairs. */
function weighted<T>(pairs: readonly (readonly [T, number])[]): (rnd: Random) => T {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  return (rnd) => {
    let r = rnd() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
}
const exponential = (rnd: Random, mean: number) => -Math.log(1 - rnd()) * mean;
const logNormal = (rnd: Random, sigma: number) => Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NETWORK = weighted<Network>([
  ['linkedin', 30], ['x', 18], ['facebook', 12], ['instagram', 12], ['threads', 5], ['bluesky', 5],
  ['reddit', 4], ['newsletter', 5], ['email', 3], ['youtube', 3], ['tiktok', 3],
]);

/** Where a click on a post of that network says it came from. */
const REFERRERS: Partial<Record<Network, string[]>> = {
  linkedin: ['https://www.linkedin.com/', 'https://lnkd.in/', 'android-app://com.linkedin.android/'],
  x: ['https://t.co/', 'https://x.com/', 'android-app://com.twitter.android/'],
  facebook: ['https://www.facebook.com/', 'https://l.facebook.com/', 'https://m.facebook.com/'],
  instagram: ['https://l.instagram.com/', 'https://www.instagram.com/'],
  threads: ['https://www.threads.net/'], bluesky: ['https://bsky.app/'], reddit: ['https://www.reddit.com/', 'https://out.reddit.com/'],
  youtube: ['https://www.youtube.com/'], tiktok: ['https://www.tiktok.com/'],
  newsletter: ['https://mail.google.com/', 'https://outlook.live.com/', ''], email: ['https://mail.google.com/', 'https://outlook.office.com/', ''],
};
const OTHER_REFERRER = weighted([
  ['', 55], ['https://www.google.com/', 20], ['https://duckduckgo.com/', 3], ['https://www.bing.com/', 4],
  ['https://news.ycombinator.com/', 4], ['https://mail.google.com/', 6], ['https://slack.com/', 4], ['https://teams.microsoft.com/', 4],
]);

const UA = weighted([
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 26],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 12],
  ['Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36', 7],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1', 5],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.1', 4],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 329.0.0.0.62 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 600000000)', 4],
  ['Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 4],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 17],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', 6],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 6],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 5],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 2],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0', 2],
]);
const BOT_UA = weighted([
  ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 3], ['LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', 3],
  ['Twitterbot/1.0', 2], ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 2],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 1], ['curl/8.5.0', 1],
]);

const PLACE = weighted<Location>(([
  ['US', 'NY', 'New York', 8], ['US', 'CA', 'San Francisco', 5], ['US', 'CA', 'Los Angeles', 4], ['US', 'IL', 'Chicago', 3],
  ['US', 'TX', 'Austin', 2], ['US', 'WA', 'Seattle', 2], ['US', 'MA', 'Boston', 2], ['GB', 'ENG', 'London', 7], ['GB', 'ENG', 'Manchester', 2],
  ['DE', 'BE', 'Berlin', 4], ['DE', 'BY', 'Munich', 2], ['FR', 'IDF', 'Paris', 5], ['FR', 'ARA', 'Lyon', 1], ['NL', 'NH', 'Amsterdam', 2],
  ['ES', 'MD', 'Madrid', 2], ['ES', 'CT', 'Barcelona', 2], ['IT', 'MI', 'Milan', 1], ['IN', 'MH', 'Mumbai', 3], ['IN', 'KA', 'Bengaluru', 4],
  ['IN', 'DL', 'Delhi', 2], ['NP', 'BA', 'Kathmandu', 1], ['CA', 'ON', 'Toronto', 3], ['CA', 'BC', 'Vancouver', 1], ['BR', 'SP', 'São Paulo', 2],
  ['AU', 'NSW', 'Sydney', 2], ['AU', 'SA', 'Adelaide', 1], ['JP', '13', 'Tokyo', 1], ['SG', '', 'Singapore', 1], ['AE', 'DU', 'Dubai', 1],
  ['NG', 'LA', 'Lagos', 1], ['MX', 'CMX', 'Mexico City', 1], [null, null, null, 4],
] as const).map(([country, region, city, w]) => [{ country, region: region || null, city }, w] as const));

const TOPICS = ['Launch', 'Webinar', 'Case study', 'Hiring', 'Product update', 'Event recap', 'Guide', 'Podcast', 'Report', 'Demo'];
const THEMES = ['Spring', 'Summer', 'Autumn', 'Winter', 'Black Friday', 'Developer', 'Partner', 'Brand', 'Growth', 'Community'];
const KINDS = ['Launch', 'Push', 'Series', 'Week', 'Campaign'];

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
export function planPosts(rnd: Random, opts: { links: number; campaigns: number; days: number; now: number }): PostPlan[] {
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
      title: `${c.name}: ${topic} (${network})`, campaign: c.name, network, postedAt,
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
      return { linkId, at, address: `198.51.100.${Math.floor(rnd() * 250)}`, userAgent: BOT_UA(rnd), referrer: '', utmSource: null, qr: false, prefetch: false, location: PLACE(rnd) };
    }
    const returning = last.get(linkId);
    const who = returning && rnd() < 0.12 ? returning : (() => {
      const id = Math.floor(rnd() * poolSize);
      return { address: `100.${64 + ((id >> 16) & 63)}.${(id >> 8) & 255}.${id & 255}`, userAgent: UA(rnd), location: PLACE(rnd) };
    })();
    last.set(linkId, who);
    const own = REFERRERS[network];
    const referrer = own && rnd() < 0.6 ? own[Math.floor(rnd() * own.length)]! : OTHER_REFERRER(rnd);
    const utmSource = rnd() < 0.03 ? 'newsletter' : null;
    return { linkId, at, address: who.address, userAgent: who.userAgent, referrer, utmSource, qr: rnd() < 0.02, prefetch: false, location: who.location };
  };
}
