/** Shlink REST v3 at /compat/shlink/rest/v3: short URLs and their visits, on linkpost's verbs. */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { invalid, type Link } from '../../domain/index.js';
import { createLink, deleteLink, getLinkOrThrow, parseInput, updateLink, verifyApiKey } from '../../services/index.js';
import { instantParam } from '../../services/clickFilter.js';
import { linkClickTotals } from '../../services/linkClickTotals.js';
import { pageClicks } from '../../services/pageClicks.js';
import { pageLinks } from '../../services/pageLinks.js';
import type { AuthEnv } from '../auth.js';
import { readJson } from '../body.js';
import type { CompatDeps } from './deps.js';
import { admitKey } from './keyAccess.js';
import { scoped } from '../access.js';
import { pagination, problem, shlinkError, shortUrlView, visitView } from './shlinkView.js';
import { fieldsFromTags } from './tags.js';

const tags = z.array(z.string().max(200)).max(20);
const refused = (what: string) => z.null({ message: `linkpost does not support ${what}` }).optional();
/** Shlink fields linkpost has no use for are accepted and ignored (see docs/compat-shlink.md). */
const editFields = {
  title: z.string().nullish(),
  tags: tags.optional(),
  validSince: refused('validSince'),
  validUntil: z.string().nullish(),
  maxVisits: z.number().int().positive().nullish(),
  crawlable: z.boolean().optional(),
  forwardQuery: z.boolean().optional(),
};
const createBody = z.object({ longUrl: z.string(), customSlug: z.string().optional(), ...editFields });
const editBody = z.object({ longUrl: z.string().optional(), ...editFields });

const pageFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  itemsPerPage: z.coerce
    .number()
    .int()
    .min(-1)
    .max(1000)
    .default(10)
    .transform((n) => (n <= 0 ? 1000 : n)),
};
const listQuery = z.object({
  ...pageFields,
  searchTerm: z.string().max(200).optional(),
  tags: tags.optional(),
  tagsMode: z.enum(['any', 'all']).default('any'),
  orderBy: z.literal('dateCreated-DESC', { message: 'linkpost lists newest first only (dateCreated-DESC)' }).optional(),
});
const visitsQuery = z.object({
  ...pageFields,
  startDate: instantParam.optional(),
  endDate: instantParam.optional(),
  excludeBots: z.enum(['true', 'false', '1', '0']).optional(),
});

/** The query with `tags[]=a&tags[]=b` (and Postiz's plain `tags=a`) read as one list. */
function queryOf(c: { req: { queries(): Record<string, string[]> } }) {
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    const key = name.replace(/\[\]$/, '');
    if (key === 'tags') out.tags = [...((out.tags as string[]) ?? []), ...values];
    else out[key] = values[values.length - 1];
  }
  return out;
}

export function shlinkRoutes(deps: CompatDeps, limit: MiddlewareHandler) {
  const log = deps.log ?? console.error;
  const view = async (c: Context, link: Link) =>
    shortUrlView(link, (await linkClickTotals(scoped(c, deps), [link])).get(link.id), deps.publicUrl);
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => shlinkError(err, c, log));

  app.use('*', limit);
  app.use('*', async function shlinkApiKey(c, next) {
    const key = c.req.header('x-api-key');
    if (!key) {
      return problem(
        c,
        401,
        'missing-authentication',
        'Invalid authorization',
        'Expected one of the following authentication headers, ["X-Api-Key"], but none were provided',
      );
    }
    const refused = await admitKey(c, deps, await verifyApiKey(deps, key));
    if (refused) return refused;
    await next();
  });

  app.get('/health', (c) => c.json({ status: 'pass', version: '4.0.0', links: {} }));

  app.post('/short-urls', async (c) => {
    const body = parseInput(createBody, await readJson(c));
    const link = await createLink(scoped(c, deps), {
      url: body.longUrl,
      slug: body.customSlug,
      title: body.title,
      ...fieldsFromTags(body.tags ?? []),
      expiresAt: body.validUntil,
      maxClicks: body.maxVisits,
    });
    return c.json(await view(c, link));
  });

  app.get('/short-urls', async (c) => {
    const q = parseInput(listQuery, queryOf(c));
    if (q.tagsMode === 'any' && (q.tags?.length ?? 0) > 1) {
      throw invalid('invalid_input', 'tagsMode: linkpost matches several tags with tagsMode=all only', {
        field: 'tagsMode',
      });
    }
    const { links, total } = await pageLinks(scoped(c, deps), {
      ...fieldsFromTags(q.tags ?? []),
      q: q.searchTerm || undefined,
      offset: (q.page - 1) * q.itemsPerPage,
      limit: q.itemsPerPage,
    });
    const totals = await linkClickTotals(scoped(c, deps), links);
    return c.json({
      shortUrls: {
        data: links.map((l) => shortUrlView(l, totals.get(l.id), deps.publicUrl)),
        pagination: pagination(q.page, q.itemsPerPage, links.length, total),
      },
    });
  });

  app.get('/short-urls/:shortCode', async (c) =>
    c.json(await view(c, await getLinkOrThrow(scoped(c, deps), c.req.param('shortCode')))),
  );

  app.patch('/short-urls/:shortCode', async (c) => {
    const body = parseInput(editBody, await readJson(c));
    const changes: Record<string, unknown> = {};
    if (body.longUrl !== undefined) changes.url = body.longUrl;
    if (body.title !== undefined) changes.title = body.title;
    if (body.validUntil !== undefined) changes.expiresAt = body.validUntil;
    if (body.maxVisits !== undefined) changes.maxClicks = body.maxVisits;
    if (body.tags !== undefined) {
      const fields = fieldsFromTags(body.tags);
      Object.assign(changes, { campaign: fields.campaign ?? null, network: fields.network ?? null });
    }
    return c.json(await view(c, await updateLink(scoped(c, deps), c.req.param('shortCode'), changes)));
  });

  app.delete('/short-urls/:shortCode', async (c) => {
    await deleteLink(scoped(c, deps), c.req.param('shortCode'));
    return c.body(null, 204);
  });

  app.get('/short-urls/:shortCode/visits', async (c) => {
    const { clicks } = scoped(c, deps);
    if (!clicks) throw invalid('unsupported', 'this server keeps no visits');
    const link = await getLinkOrThrow(scoped(c, deps), c.req.param('shortCode'));
    const q = parseInput(visitsQuery, c.req.query());
    const bots = q.excludeBots === 'true' || q.excludeBots === '1' ? ('exclude' as const) : ('include' as const);
    const { clicks: page, total } = await pageClicks(
      { clicks },
      {
        slug: link.slug,
        bots,
        from: c.req.query('startDate'),
        to: c.req.query('endDate'),
        offset: (q.page - 1) * q.itemsPerPage,
        limit: q.itemsPerPage,
      },
    );
    return c.json({
      visits: {
        data: page.map((v) => visitView(v, deps.publicUrl)),
        pagination: pagination(q.page, q.itemsPerPage, page.length, total),
      },
    });
  });

  // Last, so only requests no route above answered get the API's own 404 (a mounted app's notFound is never called).
  app.all('*', (c) => problem(c, 404, 'not-found', 'Not found', 'Requested route does not exist.'));

  return app;
}
