import { Hono } from 'hono';
import {
  createLink,
  createLinks,
  deleteLink,
  getLinkOrThrow,
  listLinks,
  updateLink,
  type CoreDeps,
} from '../../services/index.js';
import { invalid } from '../../domain/index.js';
import { qrCodeFor, qrSvg, type QrCode } from '../../services/qrCode.js';
import { readJson } from '../body.js';
import { scoped } from '../access.js';
import { linkView } from '../linkView.js';

const parseDryRun = (v: string | undefined): boolean => {
  if (v === undefined || v === 'false') return false;
  if (v === 'true' || v === '') return true;
  throw invalid('invalid_input', 'dryRun: expected true or false');
};

export interface LinkRouteDeps extends CoreDeps {
  /** PNG rendering of QR codes, where the runtime has it (Node); SVG works everywhere. */
  qrPng?: (qr: QrCode) => Promise<Uint8Array<ArrayBuffer>>;
}

const qrHeaders = (qr: QrCode, type: 'svg' | 'png') => ({
  'Content-Type': type === 'svg' ? 'image/svg+xml' : 'image/png',
  'Content-Disposition': `inline; filename="${qr.slug}-qr.${type}"`,
});

/** /api/links: create, list, read, edit and delete posts. */
export function linkRoutes(deps: LinkRouteDeps) {
  const view = (l: Parameters<typeof linkView>[0]) => linkView(l, deps.publicUrl, deps.clock());
  return new Hono()
    .post('/', async (c) => c.json(view(await createLink(scoped(c, deps), await readJson(c))), 201))
    .post('/bulk', async (c) => {
      const dryRun = parseDryRun(c.req.query('dryRun'));
      const result = await createLinks(scoped(c, deps), await readJson(c), { dryRun });
      if (result.dryRun) {
        const preview = result.links.map((l) => ({
          ...view({ ...l, id: 0, humanClicks: 0, preview: l.preview ?? null }),
          id: null,
        }));
        return c.json({ dryRun: true, links: preview }, 200);
      }
      return c.json({ links: result.links.map(view) }, 201);
    })
    .get('/', async (c) => {
      const { links, nextCursor } = await listLinks(scoped(c, deps), c.req.query());
      return c.json({ links: links.map(view), nextCursor });
    })
    .get('/:slug/qr.svg', async (c) => {
      const qr = await qrCodeFor(scoped(c, deps), c.req.param('slug'), c.req.query());
      return c.body(await qrSvg(qr), 200, qrHeaders(qr, 'svg'));
    })
    .get('/:slug/qr.png', async (c) => {
      const qr = await qrCodeFor(scoped(c, deps), c.req.param('slug'), c.req.query());
      if (!deps.qrPng) throw invalid('png_unavailable', 'this runtime draws QR codes as SVG only: ask for qr.svg');
      return c.body(await deps.qrPng(qr), 200, qrHeaders(qr, 'png'));
    })
    .get('/:slug', async (c) => c.json(view(await getLinkOrThrow(scoped(c, deps), c.req.param('slug')))))
    .patch('/:slug', async (c) =>
      c.json(view(await updateLink(scoped(c, deps), c.req.param('slug'), await readJson(c)))),
    )
    .delete('/:slug', async (c) => {
      await deleteLink(scoped(c, deps), c.req.param('slug'));
      return c.body(null, 204);
    });
}
