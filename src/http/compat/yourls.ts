/**
 * YOURLS at /yourls-api.php, the path its clients hard-code (WordPress plugins, n8n, ShareX):
 * shorturl, expand, url-stats, stats, db-stats and version, in json, jsonp, xml or simple.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAppError, type Link } from '../../domain/index.js';
import { verifyApiKey, type Principal } from '../../services/index.js';
import { allHumanClicks } from '../../services/linkClickTotals.js';
import { pageLinks } from '../../services/pageLinks.js';
import type { AuthEnv } from '../auth.js';
import type { CompatDeps } from './deps.js';
import { admitKey } from './keyAccess.js';
import { scoped } from '../access.js';
import { markAuthFailed } from '../rateLimits.js';
import { yourlsOutput, type YourlsResult } from './yourlsOutput.js';
import { shorten, ymdHis, type Params } from './yourlsShorten.js';

/** The YOURLS release whose API this follows. */
export const YOURLS_VERSION = '1.9.2';
const YOURLS_DB_VERSION = '506';
/** stats ranks top, bottom and rand among this many newest links. */
const STATS_WINDOW = 500;

/** $_REQUEST: the query, then form fields over it, as PHP merges them. */
async function paramsOf(c: Context): Promise<Params> {
  const params: Params = { ...c.req.query() };
  const type = c.req.header('content-type') ?? '';
  if (c.req.method !== 'POST') return params;
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string') params[k] = v;
  } else if (/^application\/json/i.test(type)) {
    // Some clients (HTTP helpers set to JSON) post the same fields as a JSON object.
    let body: unknown = null;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      // not JSON after all: the query alone speaks
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [k, v] of Object.entries(body))
        if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
    }
  }
  return params;
}

/** Fisher–Yates, so every order is as likely. */
function shuffle<T>(items: T[]) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export function yourlsRoutes(deps: CompatDeps, limit: MiddlewareHandler) {
  const log = deps.log ?? console.error;
  const shortUrl = (slug: string) => `${deps.publicUrl}/${slug}`;
  /** "abc" or "https://go.example.com/abc", as YOURLS accepts either. */
  const keywordOf = (shorturl: string) =>
    shorturl.startsWith(`${deps.publicUrl}/`) ? shorturl.slice(deps.publicUrl.length + 1) : shorturl;
  const linkStats = (l: Link) => ({
    shorturl: shortUrl(l.slug),
    url: l.url,
    title: l.title ?? '',
    timestamp: ymdHis(l.createdAt),
    ip: '',
    clicks: l.humanClicks,
  });
  const notFound = (keyword: string): YourlsResult => ({
    keyword,
    simple: 'not found',
    message: 'Error: short URL not found',
    errorCode: 404,
  });
  const dbStats = async (d: CompatDeps) => ({
    total_links: await d.links.count({}),
    total_clicks: await allHumanClicks(d),
  });

  /** Signature tokens and passwords carry a linkpost key; a timed signature needs the key in clear, which is never stored. */
  async function signedIn(p: Params): Promise<Principal | string> {
    const key = p.timestamp ? undefined : p.signature || p.password;
    if (!key) return 'Please log in';
    try {
      return await verifyApiKey(deps, key);
    } catch (err) {
      if (isAppError(err) && err.kind === 'unauthorized')
        return p.password ? 'Invalid username or password' : 'Please log in';
      throw err;
    }
  }

  async function stats(p: Params, d: CompatDeps): Promise<YourlsResult> {
    const filter = ['top', 'bottom', 'rand', 'last'].includes(p.filter ?? '') ? p.filter! : 'top';
    const limit = Math.min(Math.max(Number.parseInt(p.limit ?? '', 10) || 10, 1), 500);
    const start = Math.max(Number.parseInt(p.start ?? '', 10) || 0, 0);
    let chosen: Link[];
    if (filter === 'last') chosen = (await pageLinks(d, { offset: start, limit })).links;
    else {
      const { links } = await pageLinks(d, { limit: STATS_WINDOW });
      if (filter === 'rand') shuffle(links);
      else
        links.sort(
          (a, b) => (filter === 'top' ? b.humanClicks - a.humanClicks : a.humanClicks - b.humanClicks) || b.id - a.id,
        );
      chosen = links.slice(start, start + limit);
    }
    return {
      links: Object.fromEntries(chosen.map((l, i) => [`link_${i + 1}`, linkStats(l)])),
      stats: await dbStats(d),
      statusCode: 200,
      message: 'success',
      simple: 'Need either XML or JSON format for stats',
    };
  }

  async function act(p: Params, d: CompatDeps): Promise<YourlsResult> {
    switch (p.action) {
      case 'shorturl':
        return shorten(d, p, shortUrl);
      case 'expand': {
        const keyword = keywordOf(p.shorturl ?? '');
        const link = keyword ? await d.links.bySlug(keyword) : null;
        if (!link) return notFound(keyword);
        return {
          keyword,
          shorturl: shortUrl(keyword),
          longurl: link.url,
          title: link.title ?? '',
          simple: link.url,
          message: 'success',
          statusCode: 200,
        };
      }
      case 'url-stats': {
        const keyword = keywordOf(p.shorturl ?? '');
        const link = keyword ? await d.links.bySlug(keyword) : null;
        if (!link)
          return {
            statusCode: 404,
            message: 'Error: short URL not found',
            simple: 'Need either XML or JSON format for stats',
          };
        return {
          statusCode: 200,
          message: 'success',
          link: linkStats(link),
          simple: 'Need either XML or JSON format for stats',
        };
      }
      case 'stats':
        return stats(p, d);
      case 'db-stats':
        return {
          'db-stats': await dbStats(d),
          statusCode: 200,
          message: 'success',
          simple: 'Need either XML or JSON format for stats',
        };
      case 'version':
        return {
          version: YOURLS_VERSION,
          ...(p.db === '1' ? { db_version: YOURLS_DB_VERSION } : {}),
          simple: YOURLS_VERSION,
        };
      default:
        return {
          errorCode: 400,
          message: 'Unknown or missing "action" parameter',
          simple: 'Unknown or missing "action" parameter',
        };
    }
  }

  const format = (p: Params) => (p.format ?? 'xml').toLowerCase();

  const handler = async (c: Context<AuthEnv>) => {
    const p = await paramsOf(c);
    const principal = await signedIn(p);
    if (typeof principal === 'string') {
      markAuthFailed(c);
      return yourlsOutput(
        c,
        format(p),
        { simple: principal, message: principal, errorCode: 403, callback: p.callback ?? '' },
        p.callback,
      );
    }
    try {
      const overRate = await admitKey(c, deps, principal, p.action ?? '');
      if (overRate) return overRate;
    } catch (err) {
      if (!isAppError(err) || err.code !== 'forbidden_scope') throw err;
      return yourlsOutput(
        c,
        format(p),
        { code: 'forbidden_scope', simple: err.message, message: err.message, errorCode: 403, statusCode: 403 },
        p.callback,
      );
    }
    const result = await act(p, scoped(c, deps));
    return yourlsOutput(
      c,
      format(p),
      p.callback && format(p) === 'jsonp' ? { ...result, callback: p.callback } : result,
      p.callback,
    );
  };

  const app = new Hono<AuthEnv>();
  app.onError((err, c) => {
    const p = c.req.query();
    const tooLarge = err instanceof HTTPException && err.status === 413;
    if (!tooLarge) log('unhandled error', err);
    const message = tooLarge ? 'Request body is larger than 64 KB' : 'Server error';
    return yourlsOutput(c, format(p), { errorCode: tooLarge ? 413 : 500, message, simple: message }, p.callback);
  });
  app.use('*', limit);
  app.on(['GET', 'POST'], '/', handler);
  return app;
}
