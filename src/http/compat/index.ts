/**
 * The APIs other tools already speak (Dub, Shlink, Kutt, YOURLS), each under its own prefix,
 * with its own way of sending keys and its own error shapes, on linkpost's verbs.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CompatDeps } from './deps.js';
import { dubRoutes } from './dub.js';
import { kuttRoutes } from './kutt.js';
import { shlinkRoutes } from './shlink.js';
import { yourlsRoutes } from './yourls.js';

export type { CompatDeps } from './deps.js';

/** First path segments the compatible APIs take: slugs may not shadow them. */
export const COMPAT_PREFIXES = ['compat', 'yourls-api.php'] as const;

/** Mounts every compatible API on the app, each with the same body limit as /api. */
export function mountCompatApis(app: Hono, deps: CompatDeps, maxBodyBytes: number) {
  // Inside each API, so a body too large gets that API's own error shape.
  const limit: MiddlewareHandler = bodyLimit({ maxSize: maxBodyBytes });
  app.route('/compat/dub', dubRoutes(deps, limit));
  app.route('/compat/shlink/rest/v3', shlinkRoutes(deps, limit));
  app.route('/compat/kutt/api/v2', kuttRoutes(deps, limit));
  app.route('/yourls-api.php', yourlsRoutes(deps, limit));
}
