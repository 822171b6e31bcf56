/** A realistic, repeatable mix of visitors for benchmarks: a few hundred agents, referrers and addresses. */

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  (v: number) =>
    `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`,
  (v: number) =>
    `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v % 20}.1 Safari/605.1.15`,
  (v: number) =>
    `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 6} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram ${v + 200}.0.0.0.62`,
  (v: number) =>
    `Mozilla/5.0 (Linux; Android 14; Pixel ${v % 9}) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${v}.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/${v + 300}.0.0.0;]`,
  (v: number) =>
    `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 6} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.${v % 40}.1`,
  (v: number) => `Mozilla/5.0 (X11; Linux x86_64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
  (v: number) =>
    `Mozilla/5.0 (iPad; CPU OS 17_${v % 6} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 5} Mobile/15E148 Safari/604.1`,
  (v: number) =>
    `Mozilla/5.0 (Linux; Android 13) Chrome/${v}.0 Mobile Safari/537.36 musical_ly_${v}0405 BytedanceWebview/d8a21c6`,
  () => 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  () => 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  () => 'Twitterbot/1.0',
  () => 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
];

const REFERRERS = [
  '',
  '',
  '',
  'https://t.co/',
  'https://www.linkedin.com/',
  'https://lnkd.in/',
  'https://l.facebook.com/',
  'https://l.instagram.com/',
  'https://www.google.com/',
  'https://news.ycombinator.com/',
  'https://mail.google.com/',
  'android-app://com.linkedin.android/',
  'https://www.reddit.com/r/marketing/',
  'https://duckduckgo.com/',
];

export interface Visitor {
  userAgent: string;
  referrer: string;
  address: string;
}

/** `count` visitors drawn from ~300 agents, ~200 referrers and ~500 public addresses. */
export function visitorMix(count = 1000, seed = 42): Visitor[] {
  const rand = prng(seed);
  const agents = Array.from({ length: 300 }, (_, i) =>
    TEMPLATES[i % TEMPLATES.length]!(100 + Math.floor(i / TEMPLATES.length)),
  );
  const referrers = Array.from({ length: 200 }, (_, i) => {
    const base = REFERRERS[i % REFERRERS.length]!;
    return base && i >= REFERRERS.length ? `${base}post/${i}` : base;
  });
  const addresses = Array.from(
    { length: 500 },
    () =>
      `${[81, 8, 92, 151, 185, 203, 45, 62][Math.floor(rand() * 8)]}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`,
  );
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: count }, () => ({
    userAgent: pick(agents),
    referrer: pick(referrers),
    address: pick(addresses),
  }));
}

/**
 * autocannon's `requests` for GETs of `slugs` by `visitors` in turn, each visitor's address in
 * `addressHeader` (x-forwarded-for behind Node's TRUST_PROXY, cf-connecting-ip on Workers).
 */
export function visitorRequests(visitors: readonly Visitor[], slugs: readonly string[], addressHeader: string) {
  let i = 0;
  return [
    {
      method: 'GET' as const,
      setupRequest: (req: any) => {
        const v = visitors[i++ % visitors.length]!;
        const headers: Record<string, string> = { 'user-agent': v.userAgent, [addressHeader]: v.address };
        if (v.referrer) headers.referer = v.referrer;
        return { ...req, path: `/${slugs[i % slugs.length]}`, headers };
      },
    },
  ];
}
