import type { Context } from 'hono';
import type { Principal } from '../../services/index.js';
import { checkRule } from '../access.js';
import type { AuthEnv } from '../auth.js';
import { overKeyRate } from '../rateLimits.js';
import { ruleFor } from '../routeScopes.js';
import type { CompatDeps } from './deps.js';

/**
 * After a compatible API has found the key: the request acts as it, the route table's scope
 * is checked (forbidden_scope, thrown into the API's own error shape), and API_RATE_LIMIT
 * counts it as on /api. Returns the 429 when the key is over its rate.
 */
export async function admitKey(
  c: Context<AuthEnv>,
  deps: CompatDeps,
  principal: Principal,
  action?: string,
): Promise<Response | null> {
  c.set('principal', principal);
  checkRule(principal.access, ruleFor(c.req.method, c.req.path), action);
  return deps.apiRate ? overKeyRate(c, deps.apiRate, principal) : null;
}
