/**
 * Where a click came from: the rules are data, so a new network is one row.
 * Order of evidence: utm_source on the short link, the referrer (host or Android app),
 * the in-app browser named in the user agent, else "direct".
 */

/** Referrer hosts (and their link redirectors) → source id. A host matches itself and its subdomains. */
export const REFERRER_HOSTS: ReadonlyArray<readonly [host: string, source: string]> = [
  ['t.co', 'x'], ['x.com', 'x'], ['twitter.com', 'x'],
  ['lnkd.in', 'linkedin'], ['linkedin.com', 'linkedin'],
  ['facebook.com', 'facebook'], ['fb.me', 'facebook'], ['fb.com', 'facebook'], ['messenger.com', 'facebook'],
  ['instagram.com', 'instagram'],
  ['tiktok.com', 'tiktok'],
  ['youtube.com', 'youtube'], ['youtu.be', 'youtube'],
  ['threads.net', 'threads'], ['threads.com', 'threads'],
  ['bsky.app', 'bluesky'], ['bsky.social', 'bluesky'],
  ['reddit.com', 'reddit'], ['redd.it', 'reddit'],
  ['pinterest.com', 'pinterest'], ['pin.it', 'pinterest'],
  ['snapchat.com', 'snapchat'],
  ['whatsapp.com', 'whatsapp'], ['wa.me', 'whatsapp'],
  ['t.me', 'telegram'], ['telegram.org', 'telegram'], ['telegram.me', 'telegram'],
  ['mastodon.social', 'mastodon'], ['mastodon.online', 'mastodon'], ['mstdn.social', 'mastodon'],
  ['google.com', 'google'], ['google.co.uk', 'google'], ['google.de', 'google'], ['google.fr', 'google'],
  ['google.es', 'google'], ['google.it', 'google'], ['google.ca', 'google'], ['google.com.au', 'google'],
  ['google.co.in', 'google'], ['google.com.br', 'google'], ['google.nl', 'google'], ['google.co.jp', 'google'],
  ['bing.com', 'bing'],
  ['duckduckgo.com', 'duckduckgo'],
  ['search.yahoo.com', 'yahoo'], ['yahoo.com', 'yahoo'],
  ['mail.google.com', 'email'], ['outlook.live.com', 'email'], ['outlook.office.com', 'email'],
  ['outlook.office365.com', 'email'], ['mail.yahoo.com', 'email'], ['mail.proton.me', 'email'],
  ['app.fastmail.com', 'email'], ['mail.aol.com', 'email'],
  // and any webmail.* host (see sourceForHost)
];

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
  [/Barcelona\s[\d.]+/i, 'threads'], // Threads' in-app browser; check before Instagram, it says both
  [/\bInstagram\s[\d.]+/i, 'instagram'],
  [/\bFBAN\/|\bFBAV\/|\bFB_IAB\b|\bFBIOS\b/, 'facebook'],
  [/\bLinkedInApp\b/i, 'linkedin'],
  [/\bmusical_ly\b|\bBytedanceWebview\b|\bTikTok\b/i, 'tiktok'],
  [/\bSnapchat\b/i, 'snapchat'],
  [/\bPinterest\b/i, 'pinterest'],
  [/\bTwitter(?:Android|iPhone)?\b(?!bot)/i, 'x'],
  [/\bReddit\b/i, 'reddit'],
  [/\bWhatsApp\b/i, 'whatsapp'],
  [/\bTelegram\b/i, 'telegram'],
  [/\bLine\/[\d.]+/, 'line'],
];

/** The host of a referrer, lowercased, without "www."; null when it is no URL. */
export function referrerHost(referrer: string): string | null {
  try {
    const url = new URL(referrer);
    if (url.protocol === 'android-app:') return url.hostname.toLowerCase() || null;
    return url.hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The most specific row wins, so mail.google.com is email even though google.com is google. */
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
  return best;
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
    if (referrer.startsWith('android-app://')) {
      const pkg = referrer.slice('android-app://'.length).split('/')[0]!.toLowerCase();
      return ANDROID_APPS[pkg] ?? pkg;
    }
    const host = referrerHost(referrer);
    if (host) return sourceForHost(host) ?? host;
  }
  for (const [pattern, source] of IN_APP_BROWSERS) if (pattern.test(userAgent)) return source;
  return 'direct';
}
