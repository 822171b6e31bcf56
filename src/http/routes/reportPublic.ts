import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import {
  addressBucket,
  isAppError,
  type Logger,
  type Report,
  type ReportStore,
  type StatsStore,
  type TimingStore,
} from '../../domain/index.js';
import {
  openReport,
  reportAccessValue,
  reportCompare,
  reportCsv,
  reportHeatmap,
  reportInsights,
  reportLifetime,
  reportStats,
  reportUnlocked,
  verifyReportPassword,
  type CoreDeps,
} from '../../services/index.js';
import { createErrorHandler, errorBody } from '../errors.js';
import { notFoundPage, PAGE_CSP } from '../pages.js';
import type { RateLimitOptions } from '../rateLimits.js';
import { REPORT_CSP, REPORT_ROBOTS, reportPageHtml, reportPasswordHtml } from '../reportHtml.js';
import { csvStream } from './export.js';

/** /r/<token> and everything under it: the app's global headers leave these to reportPublicRoutes. */
export const REPORT_PATH = /^\/r\/[^/]+(?:\/|$)/;
/** The cookie that says a browser gave a report's password; scoped to that report's path. */
export const REPORT_COOKIE = 'lp_report';

export interface ReportPublicDeps extends Pick<CoreDeps, 'clock' | 'publicUrl'> {
  reports: ReportStore;
  stats: StatsStore;
  timing: TimingStore;
  logger: Logger;
  /** Failed passwords per client go through the failed-authentication limiter. */
  limits?: RateLimitOptions;
}

type Figure = (deps: ReportPublicDeps, report: Report, raw: Record<string, unknown>) => Promise<unknown>;
const FIGURES: Record<string, Figure> = {
  stats: reportStats,
  compare: reportCompare,
  heatmap: reportHeatmap,
  lifetime: reportLifetime,
  insights: reportInsights,
};

const wantsJson = (c: Context) =>
  /application\/json/i.test(c.req.header('accept') ?? '') || c.req.path.includes('/data/');
const isSecure = (c: Context, publicUrl: string) =>
  new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:');

/**
 * GET /r/<token>: the client report page, with no API key. Its JSON (/r/<token>/data/…) and
 * CSV (/r/<token>/report.csv) are confined to the report's scope and range on the server;
 * a password, when set, is asked once (POST /r/<token>/unlock) and remembered by a cookie.
 */
export function reportPublicRoutes(deps: ReportPublicDeps) {
  const errorResponse = createErrorHandler({ logger: deps.logger });
  const app = new Hono();

  app.use(
    '/r/*',
    secureHeaders({
      contentSecurityPolicy: undefined,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
    }),
  );
  app.use('/r/*', async function reportHeaders(c, next) {
    await next();
    c.res.headers.set('X-Robots-Tag', REPORT_ROBOTS);
    c.res.headers.set('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', REPORT_CSP);
  });
  app.use(
    '/r/:token/unlock',
    bodyLimit({
      maxSize: 4096,
      onError: (c) => c.json(errorBody('payload_too_large', 'request body is larger than 4 KB'), 413),
    }),
  );

  /** A 404/410 page for browsers, the API's error shape for JSON and the data routes. */
  const failure = (c: Context, err: unknown) => {
    if (!isAppError(err) || wantsJson(c) || (err.kind !== 'not_found' && err.kind !== 'gone'))
      return errorResponse(c, err);
    c.header('Content-Security-Policy', PAGE_CSP);
    return c.html(notFoundPage(err.kind === 'gone' ? 410 : 404, err.message), err.kind === 'gone' ? 410 : 404);
  };

  /** The live report of the path, when the request may read it; otherwise the answer to send. */
  async function open(c: Context): Promise<{ report: Report; token: string } | Response> {
    const token = c.req.param('token')!;
    let report: Report;
    try {
      report = await openReport(deps, token);
    } catch (err) {
      return failure(c, err);
    }
    if (await reportUnlocked(report, token, getCookie(c, REPORT_COOKIE), deps.clock())) return { report, token };
    if (wantsJson(c) || c.req.path.endsWith('.csv'))
      return c.json(errorBody('report_locked', 'this report needs its password: open its page first'), 401);
    return c.html(reportPasswordHtml(token), 401);
  }

  app.get('/r/:token', async (c) => {
    const opened = await open(c);
    return opened instanceof Response ? opened : c.html(reportPageHtml(opened.report));
  });

  app.post('/r/:token/unlock', async (c) => {
    const token = c.req.param('token');
    let report: Report;
    try {
      report = await openReport(deps, token);
    } catch (err) {
      return failure(c, err);
    }
    const back = () => c.redirect(`/r/${token}`, 303);
    if (report.passwordHash === null) return back();
    const limiter = deps.limits?.authFailures;
    const admission = limiter ? await limiter.admit(addressBucket(deps.limits!.clientAddress(c)), null) : null;
    if (admission && !admission.ok) {
      const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
      return c.html(
        reportPasswordHtml(token, `Too many wrong passwords from your network; try again in ${seconds} s.`),
        429,
        { 'Retry-After': String(seconds) },
      );
    }
    let ok = false;
    try {
      const body = await c.req.parseBody();
      const password = typeof body.password === 'string' ? body.password : '';
      ok = password.length > 0 && password.length <= 200 && (await verifyReportPassword(password, report.passwordHash));
    } finally {
      if (admission?.ok) await admission.settle(!ok);
    }
    if (!ok) return c.html(reportPasswordHtml(token, 'That password is not right.'), 401);
    const { value, until } = await reportAccessValue(report, token, deps.clock());
    setCookie(c, REPORT_COOKIE, value, {
      httpOnly: true,
      sameSite: 'Lax',
      path: `/r/${token}`,
      secure: isSecure(c, deps.publicUrl),
      expires: new Date(until),
    });
    return back();
  });

  app.get('/r/:token/data/:figure', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { report } = opened;
    const figure = c.req.param('figure');
    if (figure === 'summary') {
      return c.json({
        title: report.title,
        campaign: 'campaign' in report.scope ? report.scope.campaign : null,
        posts: 'slugs' in report.scope ? report.scope.slugs.length : null,
        rolling: report.range === null,
        expiresAt: report.expiresAt === null ? null : new Date(report.expiresAt).toISOString(),
        csv: report.allowCsv,
      });
    }
    const read = Object.hasOwn(FIGURES, figure) ? FIGURES[figure] : undefined;
    if (!read) return c.json(errorBody('not_found', `no report data "${figure}"`), 404);
    try {
      return c.json(await read(deps, report, c.req.query()));
    } catch (err) {
      return errorResponse(c, err);
    }
  });

  app.get('/r/:token/report.csv', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (!opened.report.allowCsv) return c.json(errorBody('not_found', 'this report offers no CSV'), 404);
    try {
      const { filename, chunks } = reportCsv(deps, opened.report, c.req.query());
      return c.body(csvStream(chunks, deps.logger), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
      });
    } catch (err) {
      return errorResponse(c, err);
    }
  });

  return app;
}
