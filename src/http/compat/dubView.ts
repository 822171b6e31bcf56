/** Dub shapes: the link schema of the `dub` SDK (every field it requires), and Dub's error object. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAppError, type Link } from '../../domain/index.js';
import { tagsOf } from './tags.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Tags as Dub objects; a tag's id is its name, so tagIds and tagNames mean the same. */
export const dubTags = (link: Link) =>
  tagsOf(link).map((name) => ({ id: name, name, color: name.startsWith('network:') ? 'green' : 'blue' }));

/**
 * A link as Dub answers it. Its id is its key (linkpost never changes a slug); fields for
 * what linkpost does not have are null, false or 0.
 */
export function dubLinkView(link: Link, publicUrl: string) {
  const shortLink = `${publicUrl}/${link.slug}`;
  return {
    id: link.slug,
    domain: new URL(publicUrl).host,
    key: link.slug,
    url: link.url,
    trackConversion: false,
    externalId: null,
    tenantId: null,
    programId: null,
    partnerId: null,
    archived: false,
    expiresAt: iso(link.expiresAt),
    expiredUrl: null,
    disabledAt: link.disabled ? iso(link.updatedAt) : null,
    password: null,
    proxy: false,
    title: link.title,
    description: null,
    image: null,
    video: null,
    rewrite: false,
    doIndex: false,
    ios: null,
    android: null,
    geo: null,
    publicStats: false,
    tags: dubTags(link),
    folderId: null,
    comments: null,
    shortLink,
    // The address to put in a QR code: ?qr=1 counts the scan as one (not an image).
    qrCode: `${shortLink}?qr=1`,
    utm_source: link.utm.source ?? null,
    utm_medium: link.utm.medium ?? null,
    utm_campaign: link.utm.campaign ?? null,
    utm_term: link.utm.term ?? null,
    utm_content: link.utm.content ?? null,
    testVariants: null,
    testStartedAt: null,
    testCompletedAt: null,
    userId: null,
    workspaceId: 'ws_linkpost',
    clicks: link.humanClicks,
    leads: 0,
    conversions: 0,
    sales: 0,
    saleAmount: 0,
    lastClicked: null,
    createdAt: iso(link.createdAt)!,
    updatedAt: iso(link.updatedAt)!,
    tagId: null,
    projectId: 'linkpost',
    webhookIds: [] as string[],
  };
}

export const DUB_DOCS = 'https://dub.co/docs/api-reference/errors';

/** Dub's error code and status for a thrown thing. */
export function dubErrorOf(err: unknown): { status: number; code: string; message: string } | null {
  if (isAppError(err)) {
    if (['invalid_json', 'unsupported_media_type', 'bad_request'].includes(err.code))
      return { status: 400, code: 'bad_request', message: err.message };
    const byKind = {
      invalid: [422, 'unprocessable_entity'],
      unauthorized: [401, 'unauthorized'],
      forbidden: [403, 'forbidden'],
      not_found: [404, 'not_found'],
      conflict: [409, 'conflict'],
      gone: [410, 'invite_expired'],
      too_large: [413, 'bad_request'],
      unavailable: [500, 'internal_server_error'],
    } as const;
    const [status, code] = err.code === 'forbidden_scope' ? [403, err.code] : byKind[err.kind];
    return { status, code, message: err.message };
  }
  if (err instanceof HTTPException && err.status === 413)
    return { status: 413, code: 'bad_request', message: 'The request body is larger than 64 KB' };
  if (err instanceof HTTPException && err.status < 500)
    return { status: err.status, code: 'bad_request', message: err.message || 'Bad request' };
  return null;
}

/** Any thrown thing as `{ "error": { code, message, doc_url } }`. */
export function dubError(err: unknown, c: Context, log: (m: string, e?: unknown) => void) {
  const known = dubErrorOf(err);
  if (!known) log('unhandled error', err);
  const { status, code, message } = known ?? {
    status: 500,
    code: 'internal_server_error',
    message: 'Something went wrong on our side',
  };
  return c.json({ error: { code, message, doc_url: `${DUB_DOCS}#${code.replace(/_/g, '-')}` } }, status as 400);
}
