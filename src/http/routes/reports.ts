import { Hono } from 'hono';
import { createReport, revokeReport, type ReportDeps } from '../../services/index.js';
import { readJson } from '../body.js';
import { reportView } from '../reportView.js';

/** /api/reports: create a client report link (its URL shown once), list them, revoke one. */
export function reportRoutes(deps: ReportDeps) {
  return new Hono()
    .post('/', async (c) => {
      const { report, url } = await createReport(deps, await readJson(c));
      return c.json({ ...reportView(report, deps.clock()), url }, 201);
    })
    .get('/', async (c) => {
      const now = deps.clock();
      return c.json({ reports: (await deps.reports.list()).map((r) => reportView(r, now)) });
    })
    .delete('/:id', async (c) => {
      await revokeReport(deps, c.req.param('id'));
      return c.body(null, 204);
    });
}
