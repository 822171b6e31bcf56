/**
 * Where a click came from: the rules are data, so a new network is one row.
 * Order of evidence: utm_source on the short link, the referrer (host or Android app),
 * the in-app browser named in the user agent, else "direct".
 */
import { normalizeHost } from './address.js';

/** Referrer hosts (and their link redirectors) → source id. A host matches itself and its subdomains. */
export const REFERRER_HOSTS: ReadonlyArray<readonly [host: string, source: string]> = [
  ['t.co', 'x'],
  ['x.com', 'x'],
  ['twitter.com', 'x'],
  ['lnkd.in', 'linkedin'],
  ['linkedin.com', 'linkedin'],
  ['facebook.com', 'facebook'],
  ['fb.me', 'facebook'],
  ['fb.com', 'facebook'],
  ['messenger.com', 'facebook'],
  ['instagram.com', 'instagram'],
  ['tiktok.com', 'tiktok'],
  ['youtube.com', 'youtube'],
  ['youtu.be', 'youtube'],
  ['threads.net', 'threads'],
  ['threads.com', 'threads'],
  ['bsky.app', 'bluesky'],
  ['bsky.social', 'bluesky'],
  ['reddit.com', 'reddit'],
  ['redd.it', 'reddit'],
  ['pinterest.com', 'pinterest'],
  ['pin.it', 'pinterest'],
  ['snapchat.com', 'snapchat'],
  ['whatsapp.com', 'whatsapp'],
  ['wa.me', 'whatsapp'],
  ['t.me', 'telegram'],
  ['telegram.org', 'telegram'],
  ['telegram.me', 'telegram'],
  ['mastodon.social', 'mastodon'],
  ['mastodon.online', 'mastodon'],
  ['mstdn.social', 'mastodon'],
  ['bing.com', 'bing'],
  ['duckduckgo.com', 'duckduckgo'],
  ['yahoo.com', 'yahoo'], // and so uk.search.yahoo.com; yahoo.co.jp is a country domain (below)
  // Google, Pinterest, Yahoo and YouTube on their country domains: see COUNTRY_DOMAIN_SOURCES
  ['mail.google.com', 'email'],
  ['outlook.live.com', 'email'],
  ['outlook.office.com', 'email'],
  ['outlook.office365.com', 'email'],
  ['mail.yahoo.com', 'email'],
  ['mail.proton.me', 'email'],
  ['app.fastmail.com', 'email'],
  ['mail.aol.com', 'email'],
  ['mail.yahoo.co.jp', 'email'],
  // and any webmail.* host (see sourceForHost)
];

/**
 * Sites that run on country domains as well as their .com: the name on any of them, and on
 * their subdomains, is that source (google.pl, google.co.jp, news.google.de, pinterest.co.uk,
 * search.yahoo.co.jp, youtube.com.br). One rule for all, so a new one is one row.
 */
export const COUNTRY_DOMAIN_SOURCES: ReadonlyArray<readonly [name: string, source: string]> = [
  ['google', 'google'],
  ['pinterest', 'pinterest'],
  ['yahoo', 'yahoo'],
  ['youtube', 'youtube'],
];

/** name.tld, name.co.cc / name.com.cc and their subdomains, anchored on whole labels. */
const countryDomains = (name: string) => new RegExp(`^(?:[a-z0-9-]+\\.)*${name}\\.(?:com?\\.[a-z]{2}|[a-z]{2,3})$`);

/**
 * Hosts matched by shape, tried only when no REFERRER_HOSTS row matches (so mail.google.com
 * stays email). Anchored on whole labels: google.evil.com and googleusercontent.com do not match.
 */
export const REFERRER_HOST_PATTERNS: ReadonlyArray<readonly [pattern: RegExp, source: string]> =
  COUNTRY_DOMAIN_SOURCES.map(([name, source]) => [countryDomains(name), source] as const);

/** Android apps send `android-app://<package>/` as the referrer. */
export const ANDROID_APPS: Readonly<Record<string, string>> = {
  'com.linkedin.android': 'linkedin',
  'com.twitter.android': 'x',
  'com.facebook.katana': 'facebook',
  'com.facebook.lite': 'facebook',
  'com.facebook.orca': 'facebook',
  'com.instagram.android': 'instagram',
  'com.zhiliaoapp.musically': 'tiktok',
  'com.ss.android.ugc.trill': 'tiktok',
  'com.google.android.youtube': 'youtube',
  'com.instagram.barcelona': 'threads',
  'xyz.blueskyweb.app': 'bluesky',
  'org.joinmastodon.android': 'mastodon',
  'com.reddit.frontpage': 'reddit',
  'com.pinterest': 'pinterest',
  'com.snapchat.android': 'snapchat',
  'com.whatsapp': 'whatsapp',
  'org.telegram.messenger': 'telegram',
  'com.google.android.gm': 'email',
  'com.microsoft.office.outlook': 'email',
  'com.google.android.googlequicksearchbox': 'google',
};

/** In-app browsers that send no referrer but name themselves in the user agent. First match wins. */
export const IN_APP_BROWSERS: ReadonlyArray<readonly [pattern: RegExp, source: string]> = [
  [/\bBarcelona\s[\d.]+/i, 'threads'], // Threads' in-app browser; check before Instagram, it says both
  [/\bInstagram\s[\d.]+/i, 'instagram'],
  [/\bFBAN\/|\bFBAV\/|\bFB_IAB\b|\bFBIOS\b/, 'facebook'],
  [/\bLinkedInApp\b/i, 'linkedin'],
  // iOS says musical_ly_34.0.0 (no word boundary after "ly"), Android BytedanceWebview/<hash>
  [/\bmusical_ly_|\bBytedanceWebview\b|\bTikTok\b/i, 'tiktok'],
  [/\bSnapchat\b/i, 'snapchat'],
  [/\bPinterest\b/i, 'pinterest'],
  [/\bTwitter\b|\bTwitterAndroid\b/i, 'x'], // "Twitter for iPhone/10.40"; Twitterbot never matches
  [/\bReddit\b/i, 'reddit'],
  [/\bWhatsApp\b/i, 'whatsapp'], // WhatsApp opens links outside; this is its preview fetcher, a bot
  [/\bTelegram\b/i, 'telegram'],
  [/\bLine\/[\d.]+/, 'line'],
];

/** The host of a referrer, normalised (normalizeHost), without "www."; null when it is no URL. */
export function referrerHost(referrer: string): string | null {
  try {
    const url = new URL(referrer);
    if (url.protocol === 'android-app:') return url.hostname.toLowerCase() || null;
    return normalizeHost(url.hostname).replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

const ANDROID_APP_REFERRER = /^android-app:\/\/([^/?#]*)/i;

/** The most specific row wins, so mail.google.com is email even though news.google.com is google. */
function sourceForHost(host: string): string | null {
  if (host.startsWith('webmail.')) return 'email';
  let best: string | null = null;
  let bestLength = 0;
  for (const [known, source] of REFERRER_HOSTS) {
    if (known.length > bestLength && (host === known || host.endsWith(`.${known}`))) {
      best = source;
      bestLength = known.length;
    }
  }
  return best ?? REFERRER_HOST_PATTERNS.find(([pattern]) => pattern.test(host))?.[1] ?? null;
}

export interface AttributionInput {
  referrer: string;
  userAgent: string;
  utmSource: string | null;
}

/** The source a click stands for: a canonical id, a referrer host, or "direct". */
export function attributeSource({ referrer, userAgent, utmSource }: AttributionInput): string {
  const utm = utmSource?.trim().toLowerCase();
  if (utm) return utm;
  if (referrer) {
    const pkg = ANDROID_APP_REFERRER.exec(referrer.trim())?.[1]?.toLowerCase();
    // hasOwn: android-app://constructor/ must not find Object.prototype's members
    if (pkg) return Object.hasOwn(ANDROID_APPS, pkg) ? ANDROID_APPS[pkg]! : pkg;
    const host = referrerHost(referrer);
    if (host) return sourceForHost(host) ?? host;
  }
  for (const [pattern, source] of IN_APP_BROWSERS) if (pattern.test(userAgent)) return source;
  return 'direct';
}
