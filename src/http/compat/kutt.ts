/** Kutt v2 at /compat/kutt/api/v2: links create, list, update, delete and stats, on linkpost's verbs. */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { DAY_MS, HOUR_MS, invalid, type Link } from '../../domain/index.js';
import { createLink, deleteLink, getLinkOrThrow, parseInput, updateLink, verifyApiKey } from '../../services/index.js';
import { getStats } from '../../services/getStats.js';
import { pageLinks } from '../../services/pageLinks.js';
import type { AuthEnv } from '../auth.js';
import { readJson } from '../body.js';
import type { CompatDeps } from './deps.js';
import { admitKey } from './keyAccess.js';
import { scoped } from '../access.js';
import { kuttError, kuttLinkView, kuttPeriod, parseExpireIn } from './kuttView.js';

const description = z.string().max(300).nullish();
const expireIn = z.string().max(40).nullish();
/** Fields Kutt has and linkpost cannot honour are refused, not dropped: a password must not be ignored. */
const createBody = z.object({
  target: z.string(),
  customurl: z.string().optional(),
  description,
  expire_in: expireIn,
  password: z.union([z.literal(''), z.null()], { message: 'linkpost has no password-protected links' }).optional(),
  reuse: z.boolean().optional(),
  domain: z.string().nullish(),
});
const updateBody = z.object({
  target: z.string().optional(),
  address: z.string().optional(),
  description,
  expire_in: expireIn,
});
const listQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(10),
  all: z.string().optional(),
  search: z.string().max(200).optional(),
});

const expiry = (value: string | null | undefined, now: number) =>
  value === undefined ? undefined : value === null || value === '' ? null : now + parseExpireIn(value);

/** Start of the month `n` months after the one holding `ms`, in UTC. */
const monthStart = (ms: number, n = 0) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
};

export function kuttRoutes(deps: CompatDeps, limit: MiddlewareHandler) {
  const log = deps.log ?? console.error;
  const view = (link: Link) => kuttLinkView(link, deps.publicUrl);
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => kuttError(err, c, log));
  app.use('*', limit);
  app.use('*', async function kuttApiKey(c, next) {
    const key = c.req.header('x-api-key');
    if (!key) return c.json({ error: 'Unauthorized.' }, 401);
    const refused = await admitKey(c, deps, await verifyApiKey(deps, key));
    if (refused) return refused;
    await next();
  });

  app.post('/links', async (c) => {
    const body = parseInput(createBody, await readJson(c));
    const link = await createLink(scoped(c, deps), {
      url: body.target,
      slug: body.customurl || undefined,
      title: body.description,
      expiresAt: expiry(body.expire_in, deps.clock()),
    });
    return c.json(view(link), 201);
  });

  app.get('/links', async (c) => {
    const q = parseInput(listQuery, c.req.query());
    const { links, total } = await pageLinks(scoped(c, deps), {
      q: q.search || undefined,
      offset: q.skip,
      limit: q.limit,
    });
    return c.json({ limit: q.limit, skip: q.skip, total, data: links.map(view) });
  });

  app.patch('/links/:id', async (c) => {
    const slug = c.req.param('id');
    const body = parseInput(updateBody, await readJson(c));
    if (body.address !== undefined && body.address !== slug) {
      throw invalid('invalid_input', "linkpost does not change a link's address; create a new link instead", {
        field: 'address',
      });
    }
    const changes: Record<string, unknown> = {};
    if (body.target !== undefined) changes.url = body.target;
    if (body.description !== undefined) changes.title = body.description;
    const expiresAt = expiry(body.expire_in, deps.clock());
    if (expiresAt !== undefined) changes.expiresAt = expiresAt;
    return c.json(view(await updateLink(scoped(c, deps), slug, changes)));
  });

  app.delete('/links/:id', async (c) => {
    await deleteLink(scoped(c, deps), c.req.param('id'));
    return c.json({ message: 'Link has been deleted successfully.' });
  });

  const stats = async (c: Context) => {
    const link = await getLinkOrThrow(scoped(c, deps), c.req.param('id')!);
    const { stats } = scoped(c, deps);
    if (!stats) throw invalid('unsupported', 'this server keeps no stats');
    const statsDeps = { stats, clock: deps.clock };
    const now = deps.clock();
    const period = async (from: number, to: number, interval: 'hour' | 'day' | 'month') =>
      kuttPeriod(
        await getStats(statsDeps, {
          slug: link.slug,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          interval,
          limit: '100',
        }),
      );
    const nextHour = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
    const nextDay = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    const nextMonth = monthStart(now, 1);
    const [lastDay, lastWeek, lastMonth, lastYear, allTime] = await Promise.all([
      period(nextHour - DAY_MS, nextHour, 'hour'),
      period(nextDay - 7 * DAY_MS, nextDay, 'day'),
      period(nextDay - 30 * DAY_MS, nextDay, 'day'),
      period(monthStart(now, -11), nextMonth, 'month'),
      period(Math.max(monthStart(link.createdAt), monthStart(now, -12 * 20 + 1)), nextMonth, 'month'),
    ]);
    return c.json({
      ...view(link),
      lastDay,
      lastWeek,
      lastMonth,
      lastYear,
      allTime,
      updatedAt: new Date(now).toISOString(),
    });
  };
  app.get('/links/:id/stats', stats);
  // The kutt npm client (3.0.2) asks for stats with DELETE; nothing is deleted.
  app.delete('/links/:id/stats', stats);

  // Last, so only requests no route above answered get the API's own 404 (a mounted app's notFound is never called).
  app.all('*', (c) => c.json({ error: 'Not found.' }, 404));

  return app;
}
