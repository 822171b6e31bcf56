/** Dub at /compat/dub: links (one at a time and in bulk) and click analytics, on linkpost's verbs. */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { invalid, isAppError, notFound, unauthorized, type Link } from '../../domain/index.js';
import { createLink, deleteLink, getLinkOrThrow, parseInput, updateLink, verifyApiKey } from '../../services/index.js';
import { pageLinks } from '../../services/pageLinks.js';
import type { AuthEnv } from '../auth.js';
import type { CompatDeps } from './deps.js';
import { admitKey } from './keyAccess.js';
import { scoped } from '../access.js';
import { dubAnalytics, parseAnalyticsQuery } from './dubAnalytics.js';
import { dubError, dubErrorOf, dubLinkView } from './dubView.js';
import { fieldsFromTags } from './tags.js';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
/** Dub fields that would change where a visitor goes, or who may visit, are refused; cosmetic ones are ignored. */
const refused = (what: string) => z.null({ message: `linkpost does not support ${what}` }).optional();
const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const linkFields = {
  key: z.string().optional(),
  tagIds: list.optional(),
  tagNames: list.optional(),
  tagId: z.string().nullish(),
  expiresAt: z.string().nullish(),
  title: z.string().nullish(),
  password: refused('password-protected links'),
  expiredUrl: refused('expiredUrl'),
  ios: refused('device targeting (ios)'),
  android: refused('device targeting (android)'),
  geo: refused('geo targeting'),
  testVariants: refused('A/B test variants'),
  rewrite: z.literal(false, { message: 'linkpost does not support link cloaking (rewrite)' }).optional(),
  ...(Object.fromEntries(UTM.map((f) => [`utm_${f}`, z.string().nullish()])) as Record<
    `utm_${(typeof UTM)[number]}`,
    z.ZodOptional<z.ZodNullable<z.ZodString>>
  >),
};
const createBody = z.object({ url: z.string(), ...linkFields });
const updateBody = z.object({ url: z.string().optional(), ...linkFields });
type Body = z.output<typeof updateBody>;

const listQuery = z.object({
  search: z.string().max(200).optional(),
  tagIds: list.optional(),
  tagNames: list.optional(),
  tagId: z.string().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(100),
});

const tagsOfBody = (b: { tagIds?: string[]; tagNames?: string[]; tagId?: string | null }) => [
  ...(b.tagNames ?? []),
  ...(b.tagIds ?? []),
  ...(b.tagId ? [b.tagId] : []),
];
const hasTags = (b: Body) => b.tagIds !== undefined || b.tagNames !== undefined || b.tagId !== undefined;

/** The UTM fields a body sets, or undefined when it names none. */
function utmOf(b: Body) {
  if (!UTM.some((f) => b[`utm_${f}`] !== undefined)) return undefined;
  return Object.fromEntries(UTM.flatMap((f) => (b[`utm_${f}`] ? [[f, b[`utm_${f}`]]] : [])));
}

/** A Dub body as createLink's input. */
const createInput = (b: z.output<typeof createBody>) => ({
  url: b.url,
  slug: b.key,
  title: b.title,
  expiresAt: b.expiresAt,
  utm: utmOf(b),
  ...fieldsFromTags(tagsOfBody(b), 'tagNames'),
});

/** A JSON body of any shape (the bulk route takes an array). */
async function readAnyJson(c: Context): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw invalid('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw invalid('invalid_json', 'the request body is not valid JSON');
  }
}

export function dubRoutes(deps: CompatDeps, limit: MiddlewareHandler) {
  const log = deps.log ?? console.error;
  const view = (link: Link) => dubLinkView(link, deps.publicUrl);
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => dubError(err, c, log));
  app.use('*', limit);
  app.use('*', async function dubBearer(c, next) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match) throw unauthorized("Misconfigured authorization header. Did you forget to add 'Bearer '?");
    const refused = await admitKey(c, deps, await verifyApiKey(deps, match[1]));
    if (refused) return refused;
    await next();
  });

  app.post('/links', async (c) =>
    c.json(view(await createLink(scoped(c, deps), createInput(parseInput(createBody, await readAnyJson(c)))))),
  );

  app.post('/links/bulk', async (c) => {
    const items = await readAnyJson(c);
    if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
      throw invalid('invalid_input', 'send an array of 1 to 100 links');
    }
    // Each item stands alone, as Dub does: one bad link does not stop the others.
    const results = [];
    for (const item of items) {
      try {
        results.push(view(await createLink(scoped(c, deps), createInput(parseInput(createBody, item)))));
      } catch (err) {
        const known = isAppError(err) ? dubErrorOf(err) : null;
        if (!known) throw err;
        results.push({ link: item, error: known.message, code: known.code });
      }
    }
    return c.json(results);
  });

  app.get('/links', async (c) => {
    const q = parseInput(listQuery, c.req.query());
    const { links } = await pageLinks(scoped(c, deps), {
      ...fieldsFromTags(tagsOfBody(q), 'tagNames'),
      q: q.search || undefined,
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    });
    return c.json(links.map(view));
  });

  app.get('/links/count', async (c) => {
    const q = parseInput(listQuery, c.req.query());
    const { total } = await pageLinks(scoped(c, deps), {
      ...fieldsFromTags(tagsOfBody(q), 'tagNames'),
      q: q.search || undefined,
      limit: 1,
    });
    return c.json(total);
  });

  app.get('/links/info', async (c) => {
    const slug = c.req.query('key') ?? c.req.query('linkId');
    if (!slug) throw invalid('bad_request', 'You must provide a domain and a key or a linkId to retrieve a link.');
    return c.json(view(await getLinkOrThrow(scoped(c, deps), slug)));
  });

  app.patch('/links/:linkId', async (c) => {
    const slug = c.req.param('linkId');
    const b = parseInput(updateBody, await readAnyJson(c));
    if (b.key !== undefined && b.key !== slug) {
      throw invalid('invalid_input', "key: linkpost does not change a link's key; create a new link instead");
    }
    const changes: Record<string, unknown> = {};
    if (b.url !== undefined) changes.url = b.url;
    if (b.title !== undefined) changes.title = b.title;
    if (b.expiresAt !== undefined) changes.expiresAt = b.expiresAt;
    const utm = utmOf(b);
    if (utm !== undefined) changes.utm = utm;
    if (hasTags(b)) {
      const fields = fieldsFromTags(tagsOfBody(b), 'tagNames');
      Object.assign(changes, { campaign: fields.campaign ?? null, network: fields.network ?? null });
    }
    return c.json(view(await updateLink(scoped(c, deps), slug, changes)));
  });

  app.delete('/links/:linkId', async (c) => {
    const slug = c.req.param('linkId');
    await deleteLink(scoped(c, deps), slug);
    return c.json({ id: slug });
  });

  app.get('/analytics', async (c) => {
    const q = parseAnalyticsQuery(c.req.query());
    const slug = q.key ?? q.linkId;
    if (slug) await getLinkOrThrow(scoped(c, deps), slug);
    const { stats } = scoped(c, deps);
    if (!stats) throw invalid('unsupported', 'this server keeps no analytics');
    return c.json(await dubAnalytics({ stats, clock: deps.clock }, q, slug));
  });

  // Last, so only requests no route above answered get the API's own 404 (a mounted app's notFound is never called).
  app.all('*', (c) => dubError(notFound('not_found', `no Dub route ${c.req.method} ${c.req.path}`), c, log));

  return app;
}
