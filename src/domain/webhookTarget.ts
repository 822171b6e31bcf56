import { invalid } from './errors.js';
import { normalizeHost, parseIpv4, parseIpv6 } from './address.js';

/**
 * Where a webhook may send. Without WEBHOOK_ALLOW_PRIVATE only https on public addresses: no
 * loopback, private, link-local, CGNAT, multicast or reserved ranges, and no names that only
 * mean something inside a network (localhost, *.local, *.internal...).
 */
const PRIVATE_V4: Array<[number, number, number]> = [
  // [first octet, second-octet low, second-octet high] ranges; a 256 high means "any".
  [0, 0, 255],
  [10, 0, 255],
  [127, 0, 255],
  [169, 254, 254],
  [172, 16, 31],
  [192, 168, 168],
  [100, 64, 127],
  [198, 18, 19],
];

/** Whether an IP address (any spelling) is not a public unicast one. */
export function isPrivateAddress(address: string): boolean {
  const h = normalizeHost(address);
  const v4 = parseIpv4(h);
  if (v4) {
    const [a, b, c] = v4 as [number, number, number, number];
    if (a >= 224) return true; // multicast, reserved, broadcast
    if (a === 192 && b === 0 && (c === 0 || c === 2)) return true;
    if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return true;
    return PRIVATE_V4.some(([o, lo, hi]) => a === o && b >= lo && b <= hi);
  }
  const v6 = parseIpv6(h);
  if (!v6) return false;
  const g0 = v6[0]!;
  if (v6.every((g) => g === 0) || (v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1)) return true;
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && v6[1] === 0xdb8) return true; // documentation
  if (g0 === 0x64 && v6[1] === 0xff9b) return true; // NAT64 can reach private IPv4
  return false;
}

const PRIVATE_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.intranet',
  '.lan',
  '.home',
  '.corp',
  '.home.arpa',
  '.private',
];

/** Names that resolve inside a network only (Workers has no DNS lookup to check them). */
export function isPrivateName(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost' || !h.includes('.')) return !parseIpv6(h);
  return PRIVATE_SUFFIXES.some((s) => h.endsWith(s));
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** A webhook URL as given, checked: the URL, or a 400 that says why not. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('invalid_webhook_url', 'url: not a valid URL');
  }
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    throw invalid('invalid_webhook_url', `url: at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  if (url.username || url.password) throw invalid('invalid_webhook_url', 'url: no user or password in a webhook URL');
  if (allowPrivate) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw invalid('invalid_webhook_url', 'url: http or https only');
    return url;
  }
  if (url.protocol !== 'https:')
    throw invalid('invalid_webhook_url', 'url: https only (WEBHOOK_ALLOW_PRIVATE=true allows http)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isPrivateAddress(host) || isPrivateName(host)) {
    throw invalid(
      'private_webhook_target',
      'url: a private or loopback address (WEBHOOK_ALLOW_PRIVATE=true allows it)',
    );
  }
  return url;
}
