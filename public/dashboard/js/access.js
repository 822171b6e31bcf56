// What the signed-in key may do: the dashboard hides what its scopes do not allow.
// The server decides (403 forbidden_scope); this only keeps buttons that would fail out of sight.

let scopes = [];
let campaigns = null;

/** Called with each new session (or null when signed out). */
export function setAccess(session) {
  scopes = session?.scopes ?? [];
  campaigns = session?.campaigns ?? null;
}

/** Whether the key holds a scope; admin holds them all. */
export const can = (scope) => scopes.includes('admin') || scopes.includes(scope);

/** The campaigns the key is limited to, or null for every campaign. */
export const ownCampaigns = () => campaigns;

/** `node` when the key holds the scope, else nothing (h() skips null). */
export const ifCan = (scope, node) => (can(scope) ? node : null);
