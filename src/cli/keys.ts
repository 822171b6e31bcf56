import { createApiKey, listApiKeys, revokeApiKey } from '../services/index.js';
import { stringFlag, UsageError, type CliContext } from './context.js';

/** keys create --name N | keys list | keys revoke ID */
export async function keysCommand(ctx: CliContext, args: string[], flags: Record<string, string | true>) {
  const [action, id] = args;
  if (action === 'create') {
    const name = stringFlag(flags, 'name') ?? 'cli key';
    const { key, apiKey } = await createApiKey(ctx.deps, { name });
    ctx.out(`Created key #${apiKey.id} "${apiKey.name}". It is shown only this once:`);
    ctx.out(key);
    return;
  }
  if (action === 'list') {
    const keys = await listApiKeys(ctx.deps);
    if (keys.length === 0) ctx.out('No API keys yet: npm run cli -- keys create --name <name>');
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : 'active';
      ctx.out(`${k.id}\tlp_${k.prefix}_…\t${k.name}\tcreated ${new Date(k.createdAt).toISOString()}\t${state}`);
    }
    return;
  }
  if (action === 'revoke') {
    if (!id || !/^\d+$/.test(id)) throw new UsageError('usage: keys revoke <id> (see keys list)');
    await revokeApiKey(ctx.deps, Number(id));
    ctx.out(`Revoked key #${id}`);
    return;
  }
  throw new UsageError('usage: keys create --name <name> | keys list | keys revoke <id>');
}
