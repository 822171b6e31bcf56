import { Hono, type Context } from 'hono';
import { isAppError, LINK_MARKERS, showsPreviewCard, type Link, type LinkPreview } from '../../domain/index.js';
import { cachedLiveLink, isHumanVisit, resolveLink, type ResolveDeps } from '../../services/index.js';
import { notFoundPage, PAGE_CSP } from '../pages.js';
import { PREVIEW_CSP, previewPage } from '../previewPage.js';
import { contextView, requestQuery, shouldTrack, visitorOf } from '../tracking.js';

/** Called after the redirect response is built; must not throw or block. */
export type OnRedirect = (c: Context, link: Link) => void;

/** The redirect's answer, wherever it is built: Hono's route or Node's fast path. */
export const REDIRECT_STATUS = 302;
/** Repeat clicks must reach us to be counted, and the target may change on edit. */
export const REDIRECT_CACHE_CONTROL = 'private, max-age=0';
/** A short link's path: one segment of slug characters. */
export const SLUG_PATH = /^\/([A-Za-z0-9_-]{1,64})$/;

/** The short link's own query joins the destination's (fbclid, utm_* overrides); qr and bio are ours. */
export function redirectTarget(destination: string, requestUrl: string): string {
  const query = requestQuery(requestUrl);
  if (query === null || [...query.keys()].every((k) => LINK_MARKERS.has(k))) return destination;
  const target = new URL(destination);
  // A key the visitor's link carries replaces the destination's, every value of it kept (?a=1&a=2).
  for (const k of new Set(query.keys())) if (!LINK_MARKERS.has(k)) target.searchParams.delete(k);
  for (const [k, v] of query) if (!LINK_MARKERS.has(k)) target.searchParams.append(k, v);
  return target.href;
}

/**
 * The link a runtime's fast path (src/node/fastRedirect.ts, src/worker/fastRedirect.ts) answers
 * itself, before the app: a GET or HEAD of a short link's path (undecoded, no query) that is
 * cached, live and unlimited, and not a preview fetcher asking for its card. Undefined for
 * everything else, which the app answers.
 */
export function fastRedirectLink(
  deps: Pick<ResolveDeps, 'linkCache' | 'clock'>,
  method: string,
  path: string,
  userAgent: () => string,
): Link | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const slug = SLUG_PATH.exec(path)?.[1];
  // Only links the redirect route itself resolved are in the cache, so the slug is no route of the app's.
  const link = slug === undefined ? undefined : cachedLiveLink(deps, slug);
  if (!link || showsPreviewCard(link, userAgent())) return undefined;
  return link;
}

/** GET|HEAD /:slug → 302, built first; tracking runs after and never delays it. */
export function redirectRoutes(deps: ResolveDeps & { publicUrl: string; onRedirect?: OnRedirect }) {
  const handler = async (c: Context) => {
    const slug = c.req.param('slug')!;
    let link: Link;
    try {
      link = await resolveLink(deps, slug, () => isHumanRequest(c));
    } catch (err) {
      // Everything but a page for a browser goes to the app's error handler (JSON, 503 on storage).
      if (!isAppError(err) || wantsJson(c)) throw err;
      const status = err.kind === 'gone' ? 410 : 404;
      c.header('Content-Security-Policy', PAGE_CSP);
      c.header('X-Content-Type-Options', 'nosniff');
      return c.html(notFoundPage(status, err.message), status);
    }
    let res: Response;
    if (showsPreviewCard(link, c.req.header('user-agent') ?? '')) {
      // The fetcher draws the post's own card; the hit is still recorded, as a bot.
      res = c.html(previewPage(link as Link & { preview: LinkPreview }, `${deps.publicUrl}/${link.slug}`), 200, {
        'Content-Security-Policy': PREVIEW_CSP,
        'X-Content-Type-Options': 'nosniff',
      });
    } else res = c.redirect(redirectTarget(link.destination, c.req.url), REDIRECT_STATUS);
    res.headers.set('Cache-Control', REDIRECT_CACHE_CONTROL);
    deps.onRedirect?.(c, link);
    return res;
  };
  return new Hono().on(['GET', 'HEAD'], '/:slug{[A-Za-z0-9_-]{1,64}}', handler);
}

/** The click capture's verdict, early: a limited link's budget is spent only by people. */
const isHumanRequest = (c: Context) => shouldTrack(c) && isHumanVisit(visitorOf(contextView(c)));

const wantsJson = (c: Context) => /application\/json/i.test(c.req.header('accept') ?? '');
