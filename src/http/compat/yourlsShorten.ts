/** YOURLS's action=shorturl: a linkpost link made from its parameters, and its failures in YOURLS's words. */
import { isAppError } from '../../domain/index.js';
import { createLink } from '../../services/index.js';
import type { CompatDeps } from './deps.js';
import type { YourlsResult } from './yourlsOutput.js';

export type Params = Record<string, string>;

/** YOURLS's date format: 2026-03-01 09:30:00, in UTC. */
export const ymdHis = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const fail = (code: string, message: string, status = 400): YourlsResult => ({
  status: 'fail',
  code,
  message,
  errorCode: status,
  statusCode: status,
  simple: '',
});

export async function shorten(d: CompatDeps, p: Params, shortUrl: (slug: string) => string): Promise<YourlsResult> {
  const url = (p.url ?? '').trim();
  // YOURLS answers a missing url without `simple`, unlike its other failures.
  if (!url)
    return {
      status: 'fail',
      code: 'error:nourl',
      message: 'Missing or malformed URL',
      errorCode: 400,
      statusCode: 400,
    };
  try {
    const link = await createLink(d, { url, slug: p.keyword || undefined, title: p.title || undefined });
    const title = link.title ?? '';
    return {
      url: { keyword: link.slug, url: link.url, title, date: ymdHis(link.createdAt), ip: '' },
      status: 'success',
      message: `${link.url.length > 50 ? `${link.url.slice(0, 47)}...` : link.url} added to database`,
      title,
      shorturl: shortUrl(link.slug),
      statusCode: 200,
      simple: shortUrl(link.slug),
    };
  } catch (err) {
    if (isAppError(err) && err.code === 'forbidden_scope') return fail('forbidden_scope', err.message, 403);
    if (!isAppError(err) || (err.kind !== 'invalid' && err.kind !== 'conflict')) throw err;
    if (['slug_taken', 'slug_reserved', 'invalid_slug'].includes(err.code)) {
      return fail('error:keyword', `Short URL ${p.keyword} already exists in database or is reserved`);
    }
    if (err.code === 'invalid_url') {
      return /loop/i.test(err.message)
        ? fail('error:noloop', 'URL is a short URL')
        : fail('error:nourl', 'Missing or malformed URL');
    }
    return fail('error:invalid', err.message);
  }
}
