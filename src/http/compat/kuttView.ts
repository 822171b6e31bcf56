/** Kutt v2 shapes: links, their stats, durations and `{ error }` answers. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { invalid, isAppError, type Link, type Stats } from '../../domain/index.js';

/** A link as Kutt answers it: its id is its address, which linkpost never changes. */
export function kuttLinkView(link: Link, publicUrl: string) {
  return {
    id: link.slug,
    address: link.slug,
    banned: false,
    created_at: new Date(link.createdAt).toISOString(),
    updated_at: new Date(link.updatedAt).toISOString(),
    description: link.title,
    expire_in: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
    link: `${publicUrl}/${link.slug}`,
    password: false,
    target: link.url,
    visit_count: link.humanClicks,
    domain: null,
  };
}

/** One of Kutt's stats periods: views per point, oldest first, and the top values of each kind. */
export function kuttPeriod(stats: Stats) {
  const top = (rows: Stats['breakdowns']['browser'], unknown: string) =>
    rows.map((r) => ({ name: r.value ?? unknown, value: r.clicks }));
  return {
    stats: {
      browser: top(stats.breakdowns.browser, 'Other'),
      os: top(stats.breakdowns.os, 'Other'),
      country: top(stats.breakdowns.country, 'Unknown'),
      referrer: top(stats.breakdowns.referrer, 'Direct'),
    },
    views: stats.series.map((p) => p.clicks),
  };
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_557_600_000,
};
const UNITS: [RegExp, string][] = [
  [/^(ms|msecs?|milliseconds?)$/, 'ms'],
  [/^(s|secs?|seconds?)$/, 's'],
  [/^(m|mins?|minutes?)$/, 'm'],
  [/^(h|hrs?|hours?)$/, 'h'],
  [/^(d|days?)$/, 'd'],
  [/^(w|weeks?)$/, 'w'],
  [/^(y|yrs?|years?)$/, 'y'],
];

/** Kutt's `expire_in` ("2 minutes", "1.5h", "3 days"): milliseconds from now, at least a minute. */
export function parseExpireIn(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(value);
  const unit = m && UNITS.find(([re]) => re.test(m[2]!.toLowerCase()))?.[1];
  if (!m || !unit)
    throw invalid('invalid_input', 'expire_in: expected a duration such as "2 hours" or "3 days"', {
      field: 'expire_in',
    });
  const ms = Number(m[1]) * UNIT_MS[unit]!;
  if (ms < 60_000) throw invalid('invalid_input', 'Expire time should be more than 1 minute.', { field: 'expire_in' });
  if (ms > 100 * UNIT_MS.y!) throw invalid('invalid_input', 'expire_in: at most 100 years', { field: 'expire_in' });
  return Math.round(ms);
}

const STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 400,
  gone: 410,
  too_large: 413,
  unavailable: 503,
} as const;

/** Any thrown thing as Kutt's `{ "error": "…" }`. */
export function kuttError(err: unknown, c: Context, log: (m: string, e?: unknown) => void) {
  if (isAppError(err)) {
    if (err.code === 'slug_taken') return c.json({ error: 'Custom URL is already in use.' }, 400);
    if (err.code === 'link_not_found') return c.json({ error: 'Link was not found.' }, 404);
    if (err.kind === 'unauthorized') return c.json({ error: 'API key is not correct.' }, 401);
    if (err.code === 'forbidden_scope') return c.json({ error: err.message, code: err.code }, 403);
    return c.json({ error: err.message }, STATUS[err.kind]);
  }
  if (err instanceof HTTPException && err.status === 413)
    return c.json({ error: 'Request body is larger than 64 KB.' }, 413);
  if (err instanceof HTTPException && err.status < 500)
    return c.json({ error: err.message || 'Bad request.' }, err.status);
  log('unhandled error', err);
  return c.json({ error: 'An error occurred.' }, 500);
}
