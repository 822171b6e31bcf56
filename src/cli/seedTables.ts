/** The weighted tables seeded traffic draws from: networks, referrers, user agents, places, post titles. */
import type { Location, Network } from '../domain/index.js';
import type { Random } from './seedData.js';

/** Picks from [value, weight] pairs. */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): (rnd: Random) => T {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  return (rnd) => {
    let r = rnd() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
}
export const exponential = (rnd: Random, mean: number) => -Math.log(1 - rnd()) * mean;
export const logNormal = (rnd: Random, sigma: number) =>
  Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const NETWORK = weighted<Network>([
  ['linkedin', 30],
  ['x', 18],
  ['facebook', 12],
  ['instagram', 12],
  ['threads', 5],
  ['bluesky', 5],
  ['reddit', 4],
  ['newsletter', 5],
  ['email', 3],
  ['youtube', 3],
  ['tiktok', 3],
]);

/** Where a click on a post of that network says it came from. */
export const REFERRERS: Partial<Record<Network, string[]>> = {
  linkedin: ['https://www.linkedin.com/', 'https://lnkd.in/', 'android-app://com.linkedin.android/'],
  x: ['https://t.co/', 'https://x.com/', 'android-app://com.twitter.android/'],
  facebook: ['https://www.facebook.com/', 'https://l.facebook.com/', 'https://m.facebook.com/'],
  instagram: ['https://l.instagram.com/', 'https://www.instagram.com/'],
  threads: ['https://www.threads.net/'],
  bluesky: ['https://bsky.app/'],
  reddit: ['https://www.reddit.com/', 'https://out.reddit.com/'],
  youtube: ['https://www.youtube.com/'],
  tiktok: ['https://www.tiktok.com/'],
  newsletter: ['https://mail.google.com/', 'https://outlook.live.com/', ''],
  email: ['https://mail.google.com/', 'https://outlook.office.com/', ''],
};
export const OTHER_REFERRER = weighted([
  ['', 55],
  ['https://www.google.com/', 20],
  ['https://duckduckgo.com/', 3],
  ['https://www.bing.com/', 4],
  ['https://news.ycombinator.com/', 4],
  ['https://mail.google.com/', 6],
  ['https://slack.com/', 4],
  ['https://teams.microsoft.com/', 4],
]);

export const UA = weighted([
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    26,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    12,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
    7,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
    5,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.1',
    4,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 329.0.0.0.62 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 600000000)',
    4,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    4,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    17,
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
    6,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    6,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    5,
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 2],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0', 2],
]);
export const BOT_UA = weighted([
  ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 3],
  ['LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)', 3],
  ['Twitterbot/1.0', 2],
  ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 2],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 1],
  ['curl/8.5.0', 1],
]);

export const PLACE = weighted<Location>(
  (
    [
      ['US', 'NY', 'New York', 8],
      ['US', 'CA', 'San Francisco', 5],
      ['US', 'CA', 'Los Angeles', 4],
      ['US', 'IL', 'Chicago', 3],
      ['US', 'TX', 'Austin', 2],
      ['US', 'WA', 'Seattle', 2],
      ['US', 'MA', 'Boston', 2],
      ['GB', 'ENG', 'London', 7],
      ['GB', 'ENG', 'Manchester', 2],
      ['DE', 'BE', 'Berlin', 4],
      ['DE', 'BY', 'Munich', 2],
      ['FR', 'IDF', 'Paris', 5],
      ['FR', 'ARA', 'Lyon', 1],
      ['NL', 'NH', 'Amsterdam', 2],
      ['ES', 'MD', 'Madrid', 2],
      ['ES', 'CT', 'Barcelona', 2],
      ['IT', 'MI', 'Milan', 1],
      ['IN', 'MH', 'Mumbai', 3],
      ['IN', 'KA', 'Bengaluru', 4],
      ['IN', 'DL', 'Delhi', 2],
      ['NP', 'BA', 'Kathmandu', 1],
      ['CA', 'ON', 'Toronto', 3],
      ['CA', 'BC', 'Vancouver', 1],
      ['BR', 'SP', 'São Paulo', 2],
      ['AU', 'NSW', 'Sydney', 2],
      ['AU', 'SA', 'Adelaide', 1],
      ['JP', '13', 'Tokyo', 1],
      ['SG', '', 'Singapore', 1],
      ['AE', 'DU', 'Dubai', 1],
      ['NG', 'LA', 'Lagos', 1],
      ['MX', 'CMX', 'Mexico City', 1],
      [null, null, null, 4],
    ] as const
  ).map(([country, region, city, w]) => [{ country, region: region || null, city }, w] as const),
);

export const TOPICS = [
  'Launch',
  'Webinar',
  'Case study',
  'Hiring',
  'Product update',
  'Event recap',
  'Guide',
  'Podcast',
  'Report',
  'Demo',
];
export const THEMES = [
  'Spring',
  'Summer',
  'Autumn',
  'Winter',
  'Black Friday',
  'Developer',
  'Partner',
  'Brand',
  'Growth',
  'Community',
];
export const KINDS = ['Launch', 'Push', 'Series', 'Week', 'Campaign'];
