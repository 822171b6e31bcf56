import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { isAppError } from '../../domain/index.js';
import { countBioPageView, isHumanVisit, showBioPage, type CoreDeps } from '../../services/index.js';
import { bioPageCsp, bioPageHtml } from '../bioPageHtml.js';
import { createErrorHandler } from '../errors.js';
import type { Logger } from '../../domain/index.js';
import { notFoundPage, PAGE_CSP } from '../pages.js';
import { contextView, shouldTrack, visitorOf } from '../tracking.js';
import { bioPageDeps, type BioPageWiring } from './bioPages.js';

/** /@handle: one path segment, "@" then a handle (the slug characters). */
export const BIO_PAGE_PATH = /^\/@[A-Za-z0-9_-]{1,64}$/;

/**
 * Served from the page cache, so always asked again (no-cache): a view is counted each time and
 * an edit shows on the next load.
 */
export const BIO_PAGE_CACHE_CONTROL = 'no-cache';

/** GET|HEAD /@handle: the public link-in-bio page; a GET is counted as a view after the answer. */
export function bioPagePublicRoutes(deps: Pick<CoreDeps, 'clock'> & { logger: Logger }, bio: BioPageWiring) {
  const errorResponse = createErrorHandler({ logger: deps.logger });
  const verbs = bioPageDeps(deps, bio);
  const viewDeps = { clock: deps.clock, bioPageViews: bio.views };
  const handler = async (c: Context) => {
    let page;
    try {
      page = await showBioPage(verbs, c.req.param('handle')!.slice(1)); // the segment without its "@"
    } catch (err) {
      if (!isAppError(err) || /application\/json/i.test(c.req.header('accept') ?? '')) return errorResponse(c, err);
      c.header('Content-Security-Policy', PAGE_CSP);
      return c.html(notFoundPage(404, err.message), 404);
    }
    c.header('Content-Security-Policy', await bioPageCsp());
    c.header('Cache-Control', BIO_PAGE_CACHE_CONTROL);
    const res = c.html(bioPageHtml(page));
    if (shouldTrack(c)) {
      const bot = !isHumanVisit(visitorOf(contextView(c)));
      bio.afterResponse(
        () =>
          countBioPageView(viewDeps, page.id, bot).catch((err) =>
            deps.logger.error('could not count a bio page view', { err }),
          ),
        c,
      );
    }
    return res;
  };
  const path = '/:handle{@[A-Za-z0-9_-]{1,64}}';
  return new Hono()
    .use(
      path,
      // The app's headers without its CSP: each answer above sets the policy it needs.
      secureHeaders({
        contentSecurityPolicy: undefined,
        crossOriginEmbedderPolicy: false,
        referrerPolicy: 'strict-origin-when-cross-origin',
      }),
    )
    .on(['GET', 'HEAD'], path, (c) => handler(c));
}
