import type { LinkCache, Logger } from '../domain/index.js';
import { fastRedirectLink, REDIRECT_CACHE_CONTROL, REDIRECT_STATUS, redirectTarget } from '../http/routes/redirect.js';
import { visitOf, type RequestView } from '../http/tracking.js';
import { recordsVisit } from '../services/index.js';
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
    const { method, url } = request;
    const header: RequestView['header'] = (name) => request.headers.get(name) ?? undefined;
    const link = fastRedirectLink(deps, method, pathOf(url), () => header('user-agent') ?? '');
    if (!link) return null;
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
