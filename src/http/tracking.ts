import type { Context } from 'hono';
import { requestedSource, type Link, type Location, type Logger, type Visit } from '../domain/index.js';
import { recordsVisit } from '../services/visitVerdict.js';

/**
 * Records a visit a redirect answered: after the answer, never delaying or failing it. Node
 * queues it for its click thread, which writes it and counts it a moment later
 * (src/node/clicks/); Workers writes and counts it in D1 batches, after the response or from a
 * queue (src/worker/recorders.ts), with the request's waitUntil taken from `c`.
 */
export interface ClickRecorder {
  record(visit: Visit, c: Context): void;
}

export interface TrackingOptions {
  /** Where visits go after the redirect (a queue on Node, waitUntil or a queue on Workers). */
  recorder: ClickRecorder;
  clock: () => number;
  /** The client's address, per runtime (socket or CF-Connecting-IP), with TRUST_PROXY applied. */
  clientAddress(c: Context): string | null;
  /** A location the platform already knows (request.cf on Workers). */
  platformLocation?(c: Context): Location | undefined;
}

/** What tracking reads of a request: a Hono context, or node:http's request on Node's fast path. */
export interface RequestView {
  method: string;
  /** The path and query at least; only the query is read. */
  url: string;
  header(name: string): string | undefined;
}

/** A Hono context as a request view. */
export const contextView = (c: Context): RequestView => ({
  method: c.req.method,
  url: c.req.url,
  header: (name) => c.req.header(name),
});

/** Whether a request is a click at all (recordsVisit). */
export const shouldTrack = (c: Context) => recordsVisit(c.req.method);

export const isPrefetchRequest = (req: Pick<RequestView, 'header'>) =>
  /prefetch|prerender/i.test(
    `${req.header('sec-purpose') ?? ''} ${req.header('purpose') ?? ''} ${req.header('x-moz') ?? ''}`,
  );

/** What the human verdict (isHumanVisit) reads of a request. */
export const visitorOf = (req: Pick<RequestView, 'header'>): Pick<Visit, 'userAgent' | 'prefetch'> => ({
  userAgent: req.header('user-agent') ?? '',
  prefetch: isPrefetchRequest(req),
});

/** The short link's own query, when it has one; a fragment a client sent is not part of it. */
export function requestQuery(url: string): URLSearchParams | null {
  const q = url.indexOf('?');
  if (q === -1) return null;
  const hash = url.indexOf('#', q);
  return new URLSearchParams(url.slice(q + 1, hash === -1 ? undefined : hash));
}

/** Captures what the redirect saw, cheaply and synchronously; enrichment happens later. */
export function visitOf(req: RequestView, link: Link, at: number, address: string | null, location?: Location): Visit {
  const query = requestQuery(req.url);
  return {
    linkId: link.id,
    at,
    address,
    ...visitorOf(req),
    referrer: req.header('referer') ?? '',
    utmSource: requestedSource(query),
    qr: query?.get('qr') === '1',
    location,
  };
}

export const visitFrom = (c: Context, link: Link, options: TrackingOptions): Visit =>
  visitOf(contextView(c), link, options.clock(), options.clientAddress(c), options.platformLocation?.(c));

/** The redirect's after-hook: decide whether to track, capture, hand off. Never throws. */
export function trackRedirects(options: TrackingOptions, logger: Logger) {
  return function onRedirect(c: Context, link: Link) {
    if (!shouldTrack(c)) return;
    try {
      options.recorder.record(visitFrom(c, link, options), c);
    } catch (err) {
      logger.error('could not queue a click', { err });
    }
  };
}
