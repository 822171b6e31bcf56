/** Canonical network ids a post can be published on. */
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
] as const;
export type Network = (typeof NETWORKS)[number];

/** Other spellings people type, lowercased and stripped of spaces, dots and dashes. */
const ALIASES: Record<string, Network> = {
  twitter: 'x',
  xcom: 'x',
  tweet: 'x',
  li: 'linkedin',
  lnkd: 'linkedin',
  fb: 'facebook',
  meta: 'facebook',
  ig: 'instagram',
  insta: 'instagram',
  tt: 'tiktok',
  douyin: 'tiktok',
  yt: 'youtube',
  bsky: 'bluesky',
  blueskysocial: 'bluesky',
  fediverse: 'mastodon',
  pin: 'pinterest',
  snap: 'snapchat',
  wa: 'whatsapp',
  tg: 'telegram',
  mail: 'email',
  emails: 'email',
  'e-mail': 'email',
  substack: 'newsletter',
};

const isNetwork = (v: string): v is Network => (NETWORKS as readonly string[]).includes(v);

/** Canonical id for what a user typed, or null when it names no known network. */
export function normalizeNetwork(input: string): Network | null {
  const key = input
    .trim()
    .toLowerCase()
    .replace(/[\s._-]/g, '');
  if (isNetwork(key)) return key;
  return ALIASES[key] ?? null;
}

/** Email-like networks are tagged utm_medium=email, the rest social. */
export const mediumFor = (network: Network): string =>
  network === 'email' || network === 'newsletter' ? 'email' : 'social';
