import { normalizeAddress } from '../domain/index.js';
import type { TrustProxy } from '../config.js';

/**
 * The visitor's address. Forwarding headers are believed only as far as the operator says
 * proxies set them (TRUST_PROXY): each trusted proxy appends the address it saw to
 * X-Forwarded-For, so with N proxies the client is the Nth entry from the right and anything
 * further left is whatever the client wrote. 'cloudflare' believes CF-Connecting-IP alone.
 * A header value that is no IP address falls back to the socket's.
 */
export function clientAddress(
  headers: { get(name: string): string | null | undefined },
  socketAddress: string | null | undefined,
  trust: TrustProxy | boolean,
): string | null {
  const trustProxy = trust === true ? 1 : trust === false ? 0 : trust;
  const socket = normalizeAddress(socketAddress);
  if (trustProxy === 'cloudflare') return normalizeAddress(headers.get('cf-connecting-ip')) ?? socket;
  if (trustProxy > 0) {
    const entries = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length === 0) return socket;
    // Fewer entries than proxies: the request came through fewer hops; the leftmost is the client.
    const entry = entries[Math.max(0, entries.length - trustProxy)];
    return normalizeAddress(entry) ?? socket;
  }
  return socket;
}
