// The server's rules for networks and UTM tags (src/domain/network.ts and utm.ts), mirrored
// so the form can show the final destination before saving. test/e2e/dashboard-static.test.ts
// checks this copy against the server's on many inputs.

export const NETWORKS = [
  'x',
  'linkedin',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'threads',
  'bluesky',
  'mastodon',
  'reddit',
  'pinterest',
  'snapchat',
  'whatsapp',
  'telegram',
  'email',
  'newsletter',
  'other',
];

export const NETWORK_LABELS = {
  x: 'X (Twitter)',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  pinterest: 'Pinterest',
  snapchat: 'Snapchat',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  email: 'Email',
  newsletter: 'Newsletter',
  other: 'Other',
};

export const networkLabel = (n) => (n ? (NETWORK_LABELS[n] ?? n) : '—');

export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'];

const mediumFor = (network) => (network === 'email' || network === 'newsletter' ? 'email' : 'social');

/** "Spring Launch 2026" → "spring-launch-2026". */
export function campaignTag(campaign) {
  return campaign.trim().toLowerCase().replace(/\s+/g, '-');
}

/** The UTM tags a post gets: derived from network and campaign, explicit fields winning. */
export function utmFor(network, campaign, explicit = {}) {
  const utm = {};
  if (network) {
    utm.source = network;
    utm.medium = mediumFor(network);
  }
  if (campaign && campaign.trim()) utm.campaign = campaignTag(campaign);
  if (Object.keys(utm).length > 0 && !utm.medium) utm.medium = 'social';
  for (const field of UTM_FIELDS) {
    const value = explicit[field]?.trim();
    if (value) utm[field] = value;
  }
  return utm;
}

/** The UTM fields a link carries beyond what its network and campaign derive: its overrides. */
export function explicitUtm(link) {
  const derived = utmFor(link.network, link.campaign);
  return Object.fromEntries(Object.entries(link.utm ?? {}).filter(([k, v]) => derived[k] !== v));
}

/** Destination with UTM parameters added; ones already on the URL are kept. */
export function withUtm(url, utm) {
  const out = new URL(url.href);
  for (const field of UTM_FIELDS) {
    const value = utm[field];
    const key = `utm_${field}`;
    if (value && !out.searchParams.has(key)) out.searchParams.set(key, value);
  }
  return out.href;
}

/**
 * The destination rules of src/domain/url.ts, for instant feedback; the server decides.
 * Returns { url } or { problem }.
 */
export function checkDestination(raw, ownHost = location.host) {
  const text = raw.trim();
  if (!text) return { problem: 'Enter the address people should land on, starting with https://' };
  if (text.length > 2048) return { problem: 'The address is longer than 2,048 characters' };
  let url;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'Enter a full address, starting with https://' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { problem: 'Only http and https addresses can be shortened' };
  if (!url.hostname) return { problem: 'The address has no host' };
  if (url.username || url.password) return { problem: 'The address must not contain a user name or password' };
  if (url.host.toLowerCase() === ownHost.toLowerCase())
    return { problem: 'That address is this shortener itself, which would loop' };
  return { url };
}

/** Custom slugs, as src/domain/slug.ts allows them. */
export const SLUG_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const RESERVED_SLUGS = new Set([
  'api',
  'healthz',
  'assets',
  'dashboard',
  'static',
  'favicon.ico',
  'robots.txt',
  'index.html',
  'login',
  'logout',
  'admin',
  'vendor',
  'public',
  'qr',
  'docs',
  'compat',
  'yourls-api.php',
]);

/** Why a custom slug cannot be used, in words, or null when it can. */
export function slugProblem(slug) {
  if (RESERVED_SLUGS.has(slug.toLowerCase())) return `"${slug}" is reserved by linkpost; choose another`;
  if (!SLUG_PATTERN.test(slug)) return 'Use 1–64 letters, digits, "_" or "-"';
  return null;
}
