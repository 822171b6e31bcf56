import { createSessionStore } from '../db/index.js';
import { listSessions, revokeSessions } from '../services/sessions.js';
import { UsageError, type CliContext } from './context.js';

const USAGE = 'usage: sessions list | sessions revoke <id> | sessions revoke --all';

/** sessions list | sessions revoke ID | sessions revoke --all: the dashboard sign-ins. */
export async function sessionsCommand(ctx: CliContext, args: string[], flags: Record<string, string | true>) {
  const deps = { ...ctx.deps, sessions: createSessionStore(ctx.database.db) };
  const [action, id] = args;
  if (action === 'list') {
    const sessions = await listSessions(deps);
    if (sessions.length === 0) ctx.out('No live dashboard sessions.');
    for (const s of sessions) {
      ctx.out(
        `${s.id}\t${s.principal}\tsigned in ${new Date(s.createdAt).toISOString()}\tuntil ${new Date(s.expiresAt).toISOString()}`,
      );
    }
    return;
  }
  if (action === 'revoke') {
    if (flags.all === true && id === undefined) {
      ctx.out(`Ended ${await revokeSessions(deps, { all: true })} session(s)`);
      return;
    }
    if (!id || flags.all !== undefined) throw new UsageError(USAGE);
    await revokeSessions(deps, { id });
    ctx.out(`Ended session ${id}`);
    return;
  }
  throw new UsageError(USAGE);
}
