/**
 * bench:worker's ablation step between the minimal Worker and linkpost: a Hono app, built once,
 * answering 302 from a Map (DESTINATIONS, a JSON var), nothing else. What Hono's routing costs.
 */
import { Hono } from 'hono';

let destinations: Map<string, string> | null = null;
const app = new Hono<{ Bindings: { DESTINATIONS: string } }>();
app.get('/healthz', (c) => c.text('ok'));
app.get('/:slug', (c) => {
  destinations ??= new Map(JSON.parse(c.env.DESTINATIONS) as [string, string][]);
  const target = destinations.get(c.req.param('slug'));
  if (!target) return c.text('not found', 404);
  c.header('cache-control', 'private, max-age=0');
  return c.redirect(target, 302);
});

export default app;
