import type { Context, MiddlewareHandler } from 'hono';
import { FULL_ACCESS, requireScope, type Access } from '../domain/index.js';
import { limitToCampaigns, type LimitableStores } from '../services/campaignLimit.js';
import type { AuthEnv } from './auth.js';
import { ruleFor, type RouteRule } from './routeScopes.js';

/** What the request's key may do; full access where no key was asked for. */
export function accessOf(c: Context): Access {
  const principal = (c as Context<AuthEnv>).get('principal') as AuthEnv['Variables']['principal'] | undefined;
  return principal?.access ?? FULL_ACCESS;
}

/** Throws forbidden_scope unless the key holds what the rule asks; `action` picks a YOURLS action's rule. */
export function checkRule(access: Access, rule: RouteRule, action?: string): void {
  const needed =
    typeof rule === 'object' ? ((action !== undefined ? rule.byAction[action] : undefined) ?? rule.otherwise) : rule;
  if (needed === 'public' || needed === 'key') return;
  requireScope(access, needed);
}

/** The scope the route table (routeScopes.ts) names for this request, checked after authentication. */
export function requireRouteScope(): MiddlewareHandler<AuthEnv> {
  return async function requireRouteScopeMiddleware(c, next) {
    checkRule(c.get('principal').access, ruleFor(c.req.method, c.req.path));
    await next();
  };
}

const limited = new WeakMap<Context, object>();

/**
 * The deps a request works with: a campaign-limited key gets stores whose every query is
 * forced into its campaigns (services/campaignLimit.ts); any other key the deps as they are.
 */
export function scoped<T extends LimitableStores>(c: Context, deps: T): T {
  const { campaigns } = accessOf(c);
  if (campaigns === null) return deps;
  const known = limited.get(c) as { deps: T; out: T } | undefined;
  if (known?.deps === deps) return known.out;
  const out = limitToCampaigns(deps, campaigns);
  limited.set(c, { deps, out });
  return out;
}
