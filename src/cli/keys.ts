import { createApiKey, listApiKeys, revokeApiKey } from '../services/index.js';
import { stringFlag, UsageError, type CliContext } from './context.js';

const USAGE = 'usage: keys create --name <name> [--scopes a,b] [--campaign NAME]... | keys list | keys revoke <id>';

/** keys create --name N [--scopes links:read,analytics:read] [--campaign NAME]... | keys list | keys revoke ID */
export async function keysCommand(
  ctx: CliContext,
  args: string[],
  flags: Record<string, string | true>,
  lists: Record<string, string[]> = {},
) {
  const [action, id] = args;
  if (action === 'create') {
    const name = stringFlag(flags, 'name') ?? 'cli key';
    const scopes = stringFlag(flags, 'scopes')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (flags.campaign === true) throw new UsageError('--campaign needs a value');
    // Repeated rather than comma-separated: campaign names may hold commas.
    const campaigns = lists.campaign;
    const { key, apiKey } = await createApiKey(ctx.deps, {
      name,
      ...(scopes ? { scopes } : {}),
      ...(campaigns ? { campaigns } : {}),
    });
    ctx.out(`Created key #${apiKey.id} "${apiKey.name}" (${describe(apiKey)}). It is shown only this once:`);
    ctx.out(key);
    return;
  }
  if (action === 'list') {
    const keys = await listApiKeys(ctx.deps);
    if (keys.length === 0) ctx.out('No API keys yet: npm run cli -- keys create --name <name>');
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active';
      const used = k.lastUsedAt ? `last used ${new Date(k.lastUsedAt).toISOString()}` : 'never used';
      ctx.out(
        `${k.id}\tlp_${k.prefix}_…\t${k.name}\t${describe(k)}\tcreated ${new Date(k.createdAt).toISOString()}\t${used}\t${state}`,
      );
    }
    return;
  }
  if (action === 'revoke') {
    if (!id || !/^\d+$/.test(id)) throw new UsageError('usage: keys revoke <id> (see keys list)');
    await revokeApiKey(ctx.deps, Number(id));
    ctx.out(`Revoked key #${id}`);
    return;
  }
  throw new UsageError(USAGE);
}

/** "scopes links:read,export; campaigns "Spring", "Autumn"" (or all campaigns). */
function describe(k: { scopes: string[]; campaigns: string[] | null }): string {
  const campaigns =
    k.campaigns === null ? 'all campaigns' : `campaigns ${k.campaigns.map((c) => JSON.stringify(c)).join(', ')}`;
  return `scopes ${k.scopes.join(',')}; ${campaigns}`;
}
