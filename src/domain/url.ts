import { isLoopbackHost, normalizeHost } from './address.js';
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

const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

/**
 * Whether a URL names the shortener itself: the same host and port, or another name for this
 * machine on the same port. Hosts are compared normalised (case, trailing dot, IPv4-mapped
 * IPv6, numeric forms). `own` is the public URL (or a bare host, taken as http).
 */
export function pointsAt(url: URL, own: string): boolean {
  const self = new URL(own.includes('://') ? own : `http://${own}`);
  const host = normalizeHost(url.hostname);
  const selfHost = normalizeHost(self.hostname);
  // As URL.host compares them: http and https on their default ports are the same site.
  if (host === selfHost && url.port === self.port) return true;
  return isLoopbackHost(host) && isLoopbackHost(selfHost) && portOf(url) === portOf(self);
}
