import { invalid } from './errors.js';

export const MAX_URL_LENGTH = 2048;

/**
 * Parses a destination and enforces the rules that keep short links safe to follow:
 * http(s) only, a host, no credentials, bounded length, and never back to ourselves.
 */
export function parseDestination(raw: string, own: string): URL {
  const text = raw.trim();
  if (text.length === 0) throw invalid('invalid_url', 'url is required');
  if (text.length > MAX_URL_LENGTH) {
    throw invalid('invalid_url', `url is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('invalid_url', 'url is not an absolute URL (expected https://…)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('invalid_url', `url must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (!url.hostname) throw invalid('invalid_url', 'url has no host');
  if (url.username || url.password) {
    throw invalid('invalid_url', 'url must not contain a user name or password');
  }
  if (pointsAt(url, own)) {
    throw invalid('invalid_url', 'url points at this shortener itself, which would loop');
  }
  return url;
}

/** localhost, 127.x.x.x, [::1] and the any-addresses all reach this machine. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

/**
 * Whether a URL names the shortener itself: the same host, or another name for this machine on
 * the same port. `own` is the public URL (or a bare host, taken as http).
 */
function pointsAt(url: URL, own: string): boolean {
  const self = new URL(own.includes('://') ? own : `http://${own}`);
  if (url.host.toLowerCase() === self.host.toLowerCase()) return true;
  return LOOPBACK.test(url.hostname) && LOOPBACK.test(self.hostname) && portOf(url) === portOf(self);
}
