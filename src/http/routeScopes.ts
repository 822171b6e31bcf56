import { TrieRouter } from 'hono/router/trie-router';
import type { Scope } from '../domain/index.js';

/**
 * What a route asks of the key: a scope, `key` (any valid key), or `public` (no key, or one
 * the route checks itself). YOURLS has one route for every action, so it names the scope
 * per `action` parameter.
 */
export type RouteRule =
  Scope | 'key' | 'public' | { byAction: Record<string, Scope | 'key'>; otherwise: Scope | 'key' };

/**
 * Every route of the app and the scope it needs: the one place scopes are decided. Keys are
 * "METHOD path" as Hono registers them (app.routes); test/http/routeScopes.test.ts fails
 * when a route is missing here, and checks each one's answer with and without its scope.
 */
export const ROUTE_SCOPES: Readonly<Record<string, RouteRule>> = {
  'GET /healthz': 'public',
  'POST /api/session': 'public',
  'GET /api/session': 'public',
  'DELETE /api/session': 'public',
  'GET /api/openapi.json': 'public',

  'POST /api/links': 'links:write',
  'POST /api/links/bulk': 'links:write',
  'GET /api/links': 'links:read',
  'GET /api/links/:slug/qr.svg': 'links:read',
  'GET /api/links/:slug/qr.png': 'links:read',
  'GET /api/links/:slug': 'links:read',
  'PATCH /api/links/:slug': 'links:write',
  'DELETE /api/links/:slug': 'links:write',

  'POST /api/bio-pages': 'admin',
  'GET /api/bio-pages': 'admin',
  'GET /api/bio-pages/:handle/stats': 'admin',
  'GET /api/bio-pages/:handle': 'admin',
  'PATCH /api/bio-pages/:handle': 'admin',
  'DELETE /api/bio-pages/:handle': 'admin',

  'POST /api/reports': 'admin',
  'GET /api/reports': 'admin',
  'DELETE /api/reports/:id': 'admin',

  'POST /api/webhooks': 'admin',
  'GET /api/webhooks': 'admin',
  'GET /api/webhooks/:webhookId': 'admin',
  'PATCH /api/webhooks/:webhookId': 'admin',
  'DELETE /api/webhooks/:webhookId': 'admin',
  'GET /api/webhooks/:webhookId/deliveries': 'admin',
  'POST /api/webhooks/:webhookId/deliveries/:deliveryId/redeliver': 'admin',

  'POST /api/keys': 'admin',
  'GET /api/keys': 'admin',
  'DELETE /api/keys/:id': 'admin',

  'GET /api/clicks.csv': 'export',
  'GET /api/stats.csv': 'export',
  'GET /api/clicks': 'analytics:read',
  'GET /api/stats': 'analytics:read',
  'GET /api/stats/compare': 'analytics:read',
  'GET /api/campaigns': 'analytics:read',
  'GET /api/stats/heatmap': 'analytics:read',
  'GET /api/stats/lifetime': 'analytics:read',
  'GET /api/insights': 'analytics:read',

  'POST /compat/dub/links': 'links:write',
  'POST /compat/dub/links/bulk': 'links:write',
  'GET /compat/dub/links': 'links:read',
  'GET /compat/dub/links/count': 'links:read',
  'GET /compat/dub/links/info': 'links:read',
  'PATCH /compat/dub/links/:linkId': 'links:write',
  'DELETE /compat/dub/links/:linkId': 'links:write',
  'GET /compat/dub/analytics': 'analytics:read',

  'GET /compat/shlink/rest/v3/health': 'key',
  'POST /compat/shlink/rest/v3/short-urls': 'links:write',
  'GET /compat/shlink/rest/v3/short-urls': 'links:read',
  'GET /compat/shlink/rest/v3/short-urls/:shortCode': 'links:read',
  'PATCH /compat/shlink/rest/v3/short-urls/:shortCode': 'links:write',
  'DELETE /compat/shlink/rest/v3/short-urls/:shortCode': 'links:write',
  'GET /compat/shlink/rest/v3/short-urls/:shortCode/visits': 'analytics:read',

  'POST /compat/kutt/api/v2/links': 'links:write',
  'GET /compat/kutt/api/v2/links': 'links:read',
  'PATCH /compat/kutt/api/v2/links/:id': 'links:write',
  'DELETE /compat/kutt/api/v2/links/:id': 'links:write',
  'GET /compat/kutt/api/v2/links/:id/stats': 'analytics:read',
  'DELETE /compat/kutt/api/v2/links/:id/stats': 'analytics:read',

  'GET /yourls-api.php': { byAction: YOURLS_ACTIONS(), otherwise: 'key' },
  'POST /yourls-api.php': { byAction: YOURLS_ACTIONS(), otherwise: 'key' },

  'GET /': 'public',
  'GET /dashboard': 'public',
  'GET /docs': 'public',
  'GET /docs/api': 'public',
  'GET /dashboard/*': 'public',
  'GET /docs/api/*': 'public',
  'GET /favicon.ico': 'public',
  'GET /robots.txt': 'public',
  'GET /:handle{@[A-Za-z0-9_-]{1,64}}': 'public',
  'HEAD /:handle{@[A-Za-z0-9_-]{1,64}}': 'public',
  // A client report: its token (and password, when set) is the credential.
  'GET /r/:token': 'public',
  'POST /r/:token/unlock': 'public',
  'GET /r/:token/data/:figure': 'public',
  'GET /r/:token/report.csv': 'public',
  'GET /:slug{[A-Za-z0-9_-]{1,64}}': 'public',
  'HEAD /:slug{[A-Za-z0-9_-]{1,64}}': 'public',
};

function YOURLS_ACTIONS(): Record<string, Scope | 'key'> {
  return {
    shorturl: 'links:write',
    expand: 'links:read',
    'url-stats': 'links:read',
    stats: 'links:read',
    'db-stats': 'links:read',
    version: 'key',
  };
}

/**
 * Paths registered with app.use or app.all for every method: middleware, and each API's
 * "no such route" answer. They decide no access; a new one is added here on purpose.
 */
export const MIDDLEWARE_PATHS: readonly string[] = [
  '/*',
  '/api/*',
  '/api/links/bulk',
  '/compat/dub/*',
  '/compat/shlink/rest/v3/*',
  '/compat/kutt/api/v2/*',
  '/yourls-api.php/*',
  '/compat/*',
  '/yourls-api.php',
  '/r/*',
  '/r/:token/unlock',
  '/:handle{@[A-Za-z0-9_-]{1,64}}',
];

const router = new TrieRouter<RouteRule>();
for (const [route, rule] of Object.entries(ROUTE_SCOPES)) {
  const space = route.indexOf(' ');
  router.add(route.slice(0, space), route.slice(space + 1), rule);
}

/**
 * The rule for a request; a path the table does not know needs `admin`, so a route added
 * without a scope is closed rather than open.
 */
export function ruleFor(method: string, path: string): RouteRule {
  const [matches] = router.match(method === 'HEAD' ? 'GET' : method, path);
  return matches[0]?.[0] ?? 'admin';
}
