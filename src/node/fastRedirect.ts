import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, Visit } from '../domain/index.js';
import { fastRedirectLink, REDIRECT_CACHE_CONTROL, REDIRECT_STATUS, redirectTarget } from '../http/routes/redirect.js';
import { visitOf, type RequestView } from '../http/tracking.js';
import { recordsVisit, type ResolveDeps } from '../services/index.js';

export interface FastRedirectDeps extends Pick<ResolveDeps, 'linkCache' | 'clock'> {
  /** Where the click goes: the click writer's queue. */
  record(visit: Visit): void;
  clientAddress(req: IncomingMessage, header: RequestView['header']): string | null;
  logger: Logger;
}

/**
 * Node's shortcut for the hottest request: a GET or HEAD of a short link that is in the link
 * cache, live and unlimited is answered from node:http directly, without the Request, Context
 * and Response objects the app needs; the answer and the click are the app's (same target,
 * status, headers and visit). Returns false for everything else, which the app then answers.
 */
export function createFastRedirect(deps: FastRedirectDeps) {
  return function fastRedirect(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const { method = '' } = req;
    const link = fastRedirectLink(
      deps,
      method,
      q === -1 ? url : url.slice(0, q),
      () => req.headers['user-agent'] ?? '',
    );
    // The adapter answers 400 to a Host it cannot use; only plain ones are taken here.
    if (!link || !plainHost(req.headers.host)) return false;
    try {
      res.writeHead(REDIRECT_STATUS, {
        location: redirectTarget(link.destination, url),
        'cache-control': REDIRECT_CACHE_CONTROL,
      });
    } catch (err) {
      // A destination node:http will not send as it is (stored by other means): the app encodes it.
      deps.logger.warn('fast redirect refused; the app answers it', { err });
      return false;
    }
    res.end();
    if (recordsVisit(method)) {
      try {
        const header = headerReader(req);
        deps.record(visitOf({ method, url, header }, link, deps.clock(), deps.clientAddress(req, header)));
      } catch (err) {
        deps.logger.error('could not queue a click', { err });
      }
    }
    return true;
  };
}

const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** A Host the adapter accepts as it is: a name or address, and a port within range. Absent is fine. */
function plainHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const m = PLAIN_HOST.exec(host);
  return m !== null && (m[1] === undefined || Number(m[1]) <= 65_535);
}

/**
 * Headers as the app's Fetch Request reads them: repeats joined with ", ". node:http keeps only
 * the first User-Agent or Referer of a repeated pair, so a request with repeats reads them all.
 */
function headerReader(req: IncomingMessage): RequestView['header'] {
  if (req.rawHeaders.length !== 2 * Object.keys(req.headers).length)
    return (name) => req.headersDistinct[name]?.join(', ');
  return (name) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
}
