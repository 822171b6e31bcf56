import type { Context } from 'hono';
import type { Link, Location, Visit } from '../domain/index.js';

/** Where visits go after the redirect: a queue on Node, waitUntil on Workers. Must not throw. */
export interface ClickSink {
  push(visit: Visit, c: Context): void;
}

export interface TrackingOptions {
  sink: ClickSink;
  clock: () => number;
  /** The client's address, per runtime (socket or CF-Connecting-IP), with TRUST_PROXY applied. */
  clientAddress(c: Context): string | null;
  /** A location the platform already knows (request.cf on Workers). */
  platformLocation?(c: Context): Location | undefined;
}

/** Whether a request is a click at all: HEAD only asks about the link, it visits nothing. */
export const shouldTrack = (c: Context) => c.req.method === 'GET';

export const isPrefetch = (c: Context) =>
  /prefetch|prerender/i.test(`${c.req.header('sec-purpose') ?? ''} ${c.req.header('purpose') ?? ''} ${c.req.header('x-moz') ?? ''}`);

/** Captures what the redirect saw, cheaply and synchronously; enrichment happens later. */
export function visitFrom(c: Context, link: Link, options: TrackingOptions): Visit {
  const query = new URL(c.req.url).searchParams;
  return {
    linkId: link.id,
    at: options.clock(),
    address: options.clientAddress(c),
    userAgent: c.req.header('user-agent') ?? '',
    referrer: c.req.header('referer') ?? '',
    utmSource: query.get('utm_source'),
    qr: query.get('qr') === '1',
    prefetch: isPrefetch(c),
    location: options.platformLocation?.(c),
  };
}

/** The redirect's after-hook: decide whether to track, capture, hand off. Never throws. */
export function trackRedirects(options: TrackingOptions, log: (m: string, e?: unknown) => void) {
  return function onRedirect(c: Context, link: Link) {
    if (!shouldTrack(c)) return;
    try {
      options.sink.push(visitFrom(c, link, options), c);
    } catch (err) {
      log('could not queue a click', err);
    }
  };
}
