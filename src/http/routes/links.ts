import { Hono } from 'hono';
import {
  createLink, deleteLink, getLinkOrThrow, listLinks, updateLink, type CoreDeps,
} from '../../services/index.js';
import { readJson } from '../body.js';
import { linkView } from '../linkView.js';

/** /api/links: create, list, read, edit and delete posts. */
export function linkRoutes(deps: CoreDeps) {
  const view = (l: Parameters<typeof linkView>[0]) => linkView(l, deps.publicUrl);
  return new Hono()
    .post('/', async (c) => c.json(view(await createLink(deps, await readJson(c))), 201))
    .get('/', async (c) => {
      const { links, nextCursor } = await listLinks(deps, c.req.query());
      return c.json({ links: links.map(view), nextCursor });
    })
    .get('/:slug', async (c) => c.json(view(await getLinkOrThrow(deps, c.req.param('slug')))))
    .patch('/:slug', async (c) => c.json(view(await updateLink(deps, c.req.param('slug'), await readJson(c)))))
    .delete('/:slug', async (c) => {
      await deleteLink(deps, c.req.param('slug'));
      return c.body(null, 204);
    });
}
