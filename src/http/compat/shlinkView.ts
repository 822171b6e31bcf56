/** Shlink REST v3 shapes: short URLs, visits, and RFC 7807 problems. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAppError, type ClickRow, type Link } from '../../domain/index.js';
import type { ClickTotals } from '../../services/linkClickTotals.js';
import { tagsOf } from './tags.js';

/** An instant as ISO 8601 with an offset and no milliseconds, the way PHP's ATOM format writes it. */
const atomTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Input field names of linkpost's verbs, as a compatible API calls them. */
type FieldNames = Partial<
  Record<'url' | 'slug' | 'title' | 'campaign' | 'network' | 'expiresAt' | 'maxClicks' | 'tags', string>
>;

/** The fields a linkpost error is about, in the API's own names. */
function fieldsOfError(err: { code: string; details?: unknown }, names: FieldNames): string[] {
  const name = (f: string) => names[f as keyof FieldNames] ?? f;
  if (err.code === 'invalid_url') return [name('url')];
  if (err.code === 'slug_reserved' || err.code === 'invalid_slug') return [name('slug')];
  const details = err.details as { issues?: { path: string }[]; field?: string } | undefined;
  if (details?.field) return [details.field];
  const paths = details?.issues?.map((i) => i.path.split('.')[0]!).filter(Boolean) ?? [];
  return [...new Set(paths.map(name))];
}

/** A short URL as Shlink 4 answers it. */
export function shortUrlView(link: Link, totals: ClickTotals | undefined, publicUrl: string) {
  const humans = totals?.humans ?? link.humanClicks;
  const bots = totals?.bots ?? 0;
  return {
    shortCode: link.slug,
    shortUrl: `${publicUrl}/${link.slug}`,
    longUrl: link.url,
    dateCreated: atomTime(link.createdAt),
    visitsSummary: { total: humans + bots, nonBots: humans, bots },
    tags: tagsOf(link),
    meta: {
      validSince: null,
      validUntil: link.expiresAt === null ? null : atomTime(link.expiresAt),
      maxVisits: link.maxClicks,
    },
    domain: null,
    title: link.title,
    crawlable: false,
    forwardQuery: true,
    hasRedirectRules: false,
  };
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string) => {
  try {
    return countryNames.of(code) ?? null;
  } catch {
    return null;
  }
};

/** A visit as Shlink lists it; linkpost keeps no full user agent or coordinates in its rows. */
export function visitView(click: ClickRow, publicUrl: string) {
  const isEmpty = !click.country && !click.region && !click.city;
  return {
    referer: click.referrer ?? '',
    date: atomTime(click.clickedAt),
    userAgent: '',
    visitLocation: isEmpty
      ? null
      : {
          countryCode: click.country,
          countryName: click.country ? countryName(click.country) : null,
          regionName: click.region,
          cityName: click.city,
          latitude: null,
          longitude: null,
          timezone: null,
          isEmpty: false,
        },
    potentialBot: click.bot,
    visitedUrl: `${publicUrl}/${click.slug}`,
    redirectUrl: null,
  };
}

export const pagination = (page: number, itemsPerPage: number, shown: number, total: number) => ({
  currentPage: page,
  pagesCount: Math.max(1, Math.ceil(total / itemsPerPage)),
  itemsPerPage,
  itemsInCurrentPage: shown,
  totalItems: total,
});

const ERROR = 'https://shlink.io/api/error/';
const FIELD_NAMES = {
  url: 'longUrl',
  slug: 'customSlug',
  expiresAt: 'validUntil',
  maxClicks: 'maxVisits',
  campaign: 'tags',
  network: 'tags',
};

/** A problem+json answer. */
export function problem(
  c: Context,
  status: number,
  type: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return c.body(JSON.stringify({ type: `${ERROR}${type}`, title, detail, status, ...extra }), status as 400, {
    'Content-Type': 'application/problem+json',
  });
}

/** Any thrown thing as Shlink's problem for it. */
export function shlinkError(err: unknown, c: Context, log: (m: string, e?: unknown) => void) {
  if (isAppError(err)) {
    if (err.code === 'slug_taken') {
      const slug = /"(.*)"/.exec(err.message)?.[1] ?? '';
      return problem(c, 400, 'non-unique-slug', 'Invalid custom slug', `Provided slug "${slug}" is already in use.`, {
        customSlug: slug,
      });
    }
    if (err.code === 'link_not_found') {
      const shortCode = c.req.param('shortCode') ?? '';
      return problem(
        c,
        404,
        'short-url-not-found',
        'Short URL not found',
        `No URL found with short code "${shortCode}"`,
        { shortCode },
      );
    }
    if (err.kind === 'unauthorized') {
      return problem(c, 401, 'invalid-api-key', 'Invalid API key', 'Provided API key does not exist or is invalid.');
    }
    if (err.kind === 'forbidden') return problem(c, 403, err.code, 'Forbidden', err.message);
    if (err.kind === 'invalid') {
      return problem(c, 400, 'invalid-data', 'Invalid data', err.message, {
        invalidElements: fieldsOfError(err, FIELD_NAMES),
      });
    }
    return problem(c, err.kind === 'conflict' ? 409 : 400, 'invalid-data', 'Invalid data', err.message);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return problem(c, 413, 'invalid-data', 'Payload too large', 'The request body is larger than 64 KB');
  }
  if (err instanceof HTTPException && err.status < 500)
    return problem(c, err.status, 'invalid-data', 'Invalid data', err.message || 'bad request');
  log('unhandled error', err);
  return problem(c, 500, 'internal-server-error', 'Internal server error', 'Something went wrong on our side');
}
