import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import {
  silentLogger,
  type ClickReader,
  type Logger,
  type ReportStore,
  type StatsStore,
  type TimingStore,
} from '../domain/index.js';
import {
  createClickAllowance,
  logLine,
  type ClickAllowance,
  type CoreDeps,
  type StorageHealth,
} from '../services/index.js';
import type { SessionStore } from '../domain/session.js';
import { requireRouteScope } from './access.js';
import { requireApiKey } from './auth.js';
import { mountCompatApis } from './compat/index.js';
import { createErrorHandler, errorBody, payloadTooLarge } from './errors.js';
import { healthRoute, type ClickQueueStats } from './health.js';
import { MAX_BODY_BYTES, MAX_BULK_BODY_BYTES } from './limits.js';
import { notFoundPage, PAGE_CSP } from './pages.js';
import { openApiRoutes } from './routes/openapi.js';
import { linkRoutes, type LinkRouteDeps } from './routes/links.js';
import { redirectRoutes, SLUG_PATH } from './routes/redirect.js';
import { clickRoutes } from './routes/clicks.js';
import { exportRoutes } from './routes/export.js';
import { keyRoutes } from './routes/keys.js';
import { sessionRoutes } from './routes/session.js';
import { statsRoutes } from './routes/stats.js';
import { hstsOverHttps } from './hsts.js';
import { limitFailedAuth, limitPerKey, type RateLimitOptions } from './rateLimits.js';
import { insightRoutes } from './routes/insights.js';
import { trackRedirects, type TrackingOptions } from './tracking.js';
import { bioPageRoutes, type BioPageWiring } from './routes/bioPages.js';
import { BIO_PAGE_PATH, bioPagePublicRoutes } from './routes/bioPagePublic.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { WebhookStore } from '../domain/webhook.js';
import { reportRoutes } from './routes/reports.js';
import { REPORT_PATH, reportPublicRoutes } from './routes/reportPublic.js';

export { MAX_BODY_BYTES, MAX_BULK_BODY_BYTES } from './limits.js';
const BULK_PATH = '/api/links/bulk';

/** A single path segment that is not one of the app's own pages: a short link. */
const isRedirectPath = (c: { req: { path: string } }) =>
  SLUG_PATH.test(c.req.path) && c.req.path !== '/healthz' && c.req.path !== '/dashboard' && c.req.path !== '/docs';

export interface AppDeps extends CoreDeps {
  /** Click capture after each redirect; absent means nothing is recorded. */
  tracking?: TrackingOptions;
  /** Stored clicks for GET /api/clicks and /api/clicks.csv; absent means neither route. */
  clicks?: ClickReader;
  /** Click counters for GET /api/stats, /api/stats/compare and /api/campaigns; absent means no analytics routes. */
  stats?: StatsStore;
  /** Counters read by posting time and week hour: heatmap, lifetime, insights and the report's lifetime columns. */
  timing?: TimingStore;
  /** Static dashboard files: node serves public/, Workers its assets binding. */
  serveAsset?: (request: Request) => Promise<Response | null>;
  /** Where operators read what happened; nothing is logged without one. */
  logger?: Logger;
  /** Storage failures seen so far, for /healthz and 503s; absent means always "ok". */
  storageHealth?: StorageHealth;
  /** CLICK_RETENTION_DAYS: raw clicks (feed, CSV) older than the window are gone; null keeps all. */
  clickRetentionDays?: number | null;
  /** The click queue's state, for /healthz (Node); absent means no queue (Workers). */
  clickQueue?: () => ClickQueueStats;
  /** Dashboard sign-ins (cookie sessions); absent means Bearer keys only. */
  sessions?: SessionStore;
  /** Failed-authentication and per-key limits; absent means none (tests, the CLI). */
  limits?: RateLimitOptions;
  /** PNG QR codes where the runtime can draw them (Node); absent means SVG only. */
  qrPng?: LinkRouteDeps['qrPng'];
  /** maxClicks spent ahead of the click writer; absent means one for this app. */
  clickAllowance?: ClickAllowance;
  /** Link-in-bio pages (/@handle, /api/bio-pages); absent means none. */
  bioPages?: BioPageWiring;
  /** Webhooks (/api/webhooks); `allowPrivate` is WEBHOOK_ALLOW_PRIVATE. Absent means none. */
  webhooks?: { store: WebhookStore; allowPrivate: boolean };
  /** Client report links (/r/<token>, /api/reports); absent means none. */
  reports?: ReportStore;
}

/** The whole HTTP surface, free of any runtime: each entry passes its own deps. */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const errorResponse = createErrorHandler({ logger, storageHealth: deps.storageHealth });
  const app = new Hono();

  // Redirects skip these: a 302 needs none of them, and they are most of its bytes.
  app.use(
    '*',
    // Bio pages set their own policy (an inline style by hash, https: images): bioPagePublic.ts;
    // report pages theirs (no referrer, noindex): reportPublic.ts.
    except(
      (c) => isRedirectPath(c) || BIO_PAGE_PATH.test(c.req.path) || REPORT_PATH.test(c.req.path),
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
        crossOriginEmbedderPolicy: false,
        referrerPolicy: 'strict-origin-when-cross-origin',
        // Sent by hstsOverHttps below, only where it means something.
        strictTransportSecurity: false,
      }),
    ),
  );
  app.use('*', except(isRedirectPath, hstsOverHttps(deps.publicUrl)));
  // Every API answer is about one account's data: no shared or browser cache may keep it.
  app.use('/api/*', async function noStoreMiddleware(c, next) {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  // A request id ties an error line to its request (X-Request-Id); redirects need none.
  app.use('*', except(isRedirectPath, requestId()));

  app.get('/healthz', healthRoute(deps));

  // Before anything else: a blocked client costs one lookup.
  if (deps.limits) app.use('/api/*', limitFailedAuth(deps.limits));
  app.use(BULK_PATH, bodyLimit({ maxSize: MAX_BULK_BODY_BYTES, onError: payloadTooLarge(MAX_BULK_BODY_BYTES) }));
  app.use(
    '/api/*',
    except(
      (c) => c.req.path === BULK_PATH,
      bodyLimit({ maxSize: MAX_BODY_BYTES, onError: payloadTooLarge(MAX_BODY_BYTES) }),
    ),
  );
  if (deps.storageHealth) app.use('/api/*', watchWrites(deps.storageHealth));
  // Signing in is how a browser gets past the guard, so /api/session comes before it.
  app.route('/api/session', sessionRoutes(deps));
  app.route('/api', openApiRoutes());
  app.use('/api/*', requireApiKey(deps));
  if (deps.limits?.apiRate) app.use('/api/*', limitPerKey(deps.limits.apiRate));
  // The scope each route needs, from the one table in routeScopes.ts.
  app.use('/api/*', requireRouteScope());
  app.route('/api/links', linkRoutes(deps));
  app.route('/api/keys', keyRoutes(deps));
  if (deps.bioPages) app.route('/api/bio-pages', bioPageRoutes(deps, deps.bioPages));
  if (deps.reports) app.route('/api/reports', reportRoutes({ ...deps, reports: deps.reports }));
  // CSV exports before /api/clicks and /api/stats, so *.csv is never taken for their routes.
  if (deps.clicks || deps.stats) app.route('/api', exportRoutes({ ...deps, clickExport: deps.clicks, logger }));
  if (deps.webhooks)
    app.route(
      '/api/webhooks',
      webhookRoutes({ webhooks: deps.webhooks.store, clock: deps.clock, allowPrivate: deps.webhooks.allowPrivate }),
    );
  if (deps.clicks) app.route('/api/clicks', clickRoutes({ ...deps, clicks: deps.clicks }));
  if (deps.stats) app.route('/api', statsRoutes({ ...deps, stats: deps.stats }));
  if (deps.stats && deps.timing) app.route('/api', insightRoutes({ ...deps, stats: deps.stats, timing: deps.timing }));
  app.all('/api/*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}`), 404));
  // The other tools' APIs check keys too: the same failed-auth limit and API_RATE_LIMIT.
  if (deps.limits) for (const path of ['/compat/*', '/yourls-api.php']) app.use(path, limitFailedAuth(deps.limits));
  mountCompatApis(app, { ...deps, log: logLine(logger), apiRate: deps.limits?.apiRate }, MAX_BODY_BYTES);

  app.get('/', (c) => c.redirect('/dashboard/', 302));
  if (deps.serveAsset) {
    const serveAsset = deps.serveAsset;
    app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
    for (const path of ['/docs', '/docs/api']) app.get(path, (c) => c.redirect('/docs/api/', 301));
    for (const path of ['/dashboard/*', '/docs/api/*', '/favicon.ico', '/robots.txt']) {
      app.get(path, async (c, next) => (await serveAsset(c.req.raw)) ?? next());
    }
  }

  if (deps.bioPages) app.route('/', bioPagePublicRoutes({ ...deps, logger }, deps.bioPages));
  if (deps.reports && deps.stats && deps.timing) {
    app.route(
      '/',
      reportPublicRoutes({ ...deps, reports: deps.reports, stats: deps.stats, timing: deps.timing, logger }),
    );
  }
  const onRedirect = deps.tracking && trackRedirects(deps.tracking, logger);
  // One budget per app: the Worker, which builds an app per request, passes a longer-lived one.
  const clickAllowance = deps.clickAllowance ?? createClickAllowance();
  app.route('/', redirectRoutes({ ...deps, clickAllowance, onRedirect }));

  app.notFound((c) =>
    /application\/json/i.test(c.req.header('accept') ?? '')
      ? c.json(errorBody('not_found', 'nothing here'), 404)
      : c.html(notFoundPage(404, 'There is nothing at this address'), 404, { 'Content-Security-Policy': PAGE_CSP }),
  );
  app.onError((err, c) => errorResponse(c, err));
  return app;
}

export type App = ReturnType<typeof createApp>;

/** A write through the API that answered 2xx went through: the storage takes writes again. */
function watchWrites(health: StorageHealth) {
  return async function watchWrites(c: Context, next: Next) {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 300) health.succeeded();
  };
}
