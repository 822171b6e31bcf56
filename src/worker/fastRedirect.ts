import { showsPreviewCard, type LinkCache, type Logger } from '../domain/index.js';
import { REDIRECT_CACHE_CONTROL, REDIRECT_STATUS, redirectTarget, SLUG_PATH } from '../http/routes/redirect.js';
import { visitOf, type RequestView } from '../http/tracking.js';
import { cachedLiveLink, recordsVisit } from '../services/index.js';
import { locationFromCf } from './location.js';
import type { Background, WorkerRecorder } from './recorders.js';

export interface WorkerFastRedirectDeps {
  linkCache: LinkCache;
  clock: () => number;
  /** The isolate's click recorder, the one the app's redirects use. */
  recorder: WorkerRecorder;
  clientAddress(header: RequestView['header']): string | null;
  logger: Logger;
}

/**
 * The Worker's shortcut for the hottest request, as Node's src/node/fastRedirect.ts: a GET or
 * HEAD of a short link that is in this isolate's link cache, live and unlimited, is answered
 * before Hono routes it or builds a context; the answer and the click are the app's (same
 * target, status, headers and visit). Null for everything else, which the app then answers.
 */
export function createWorkerFastRedirect(deps: WorkerFastRedirectDeps) {
  return function fastRedirect(request: Request, ctx: Background): Response | null {
    const { method } = request;
    if (method !== 'GET' && method !== 'HEAD') return null;
    const url = request.url;
    const slug = SLUG_PATH.exec(pathOf(url))?.[1];
    if (slug === undefined) return null;
    // Only links the redirect route itself resolved are in the cache, so the slug is no route of the app's.
    const link = cachedLiveLink(deps, slug);
    if (!link) return null;
    const header: RequestView['header'] = (name) => request.headers.get(name) ?? undefined;
    // A link-preview fetcher of a post with a card gets the card, which the app draws.
    if (showsPreviewCard(link, header('user-agent') ?? '')) return null;
    let res: Response;
    try {
      res = new Response(null, {
        status: REDIRECT_STATUS,
        headers: { location: redirectTarget(link.destination, url), 'cache-control': REDIRECT_CACHE_CONTROL },
      });
    } catch (err) {
      // A destination the Fetch API will not send as it is (stored by other means): the app encodes it.
      deps.logger.warn('fast redirect refused; the app answers it', { err });
      return null;
    }
    if (recordsVisit(method)) {
      try {
        const visit = visitOf(
          { method, url, header },
          link,
          deps.clock(),
          deps.clientAddress(header),
          locationFromCf(request.cf),
        );
        deps.recorder.record(visit, ctx);
      } catch (err) {
        deps.logger.error('could not queue a click', { err });
      }
    }
    return res;
  };
}

/** The path of an absolute URL, as it arrived (undecoded, as Hono matches it), without the query. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  const end = url.search(/[?#]/);
  return url.slice(start, end === -1 ? undefined : end);
}
