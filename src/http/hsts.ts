import type { MiddlewareHandler } from 'hono';

/** Two years, subdomains included: what hono's secureHeaders sends by default. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

/**
 * Strict-Transport-Security only where the site is served over https: the request itself, or
 * a PUBLIC_URL on https (TLS ended by a proxy in front). Over plain http on loopback or a LAN
 * it would tell a browser to insist on an https that does not exist for that host.
 */
export function hstsOverHttps(publicUrl: string): MiddlewareHandler {
  const publicHttps = publicUrl.startsWith('https:');
  return async function hstsMiddleware(c, next) {
    await next();
    if (publicHttps || new URL(c.req.url).protocol === 'https:')
      c.res.headers.set('Strict-Transport-Security', HSTS_VALUE);
  };
}
