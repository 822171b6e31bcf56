import { AppError } from './errors.js';

/** What a key may do; `admin` implies every other scope and manages keys, webhooks, bio pages, reports. */
export const SCOPES = ['links:read', 'links:write', 'analytics:read', 'export', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What one request may do and see: its key's scopes, and the campaigns it is limited to
 * (null: every campaign, and links without one).
 */
export interface Access {
  scopes: readonly Scope[];
  campaigns: readonly string[] | null;
}

/** ADMIN_API_KEY and the keys made before scopes existed. */
export const FULL_ACCESS: Access = { scopes: ['admin'], campaigns: null };

export const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s);

export function hasScope(access: Access, scope: Scope): boolean {
  return access.scopes.includes('admin') || access.scopes.includes(scope);
}

export const forbiddenScope = (scope: Scope) =>
  new AppError('forbidden', 'forbidden_scope', `this API key lacks the "${scope}" scope`);

export const forbiddenCampaign = (campaign: string | null) =>
  new AppError(
    'forbidden',
    'forbidden_scope',
    campaign === null
      ? 'this API key is limited to some campaigns: give the link one of them'
      : `this API key may not use campaign "${campaign}"`,
  );

/** Throws forbidden_scope unless the access holds the scope. */
export function requireScope(access: Access, scope: Scope): void {
  if (!hasScope(access, scope)) throw forbiddenScope(scope);
}

/** Whether a link's campaign is one a limited key may create, move or see links in. */
export function campaignAllowed(access: Pick<Access, 'campaigns'>, campaign: string | null): boolean {
  return access.campaigns === null || (campaign !== null && access.campaigns.includes(campaign));
}
