import { createClickCounting, createSqliteCounterStore } from '../node/clicks/count.js';
import { rawClicksFrom } from '../domain/index.js';
import { rebuildCounters } from '../services/rebuildCounters.js';
import { UsageError, type CliContext } from './context.js';

/** counters rebuild: recompute every click counter from the raw clicks, in one transaction. */
export async function countersCommand(ctx: CliContext, args: string[], flags: Record<string, string | true>) {
  if (args.length !== 1 || args[0] !== 'rebuild' || Object.keys(flags).length > 0)
    throw new UsageError('usage: counters rebuild');
  const days = ctx.config.clickRetentionDays;
  const keepBefore = () => (days === null ? null : rawClicksFrom(ctx.deps.clock(), days));
  const counters = createSqliteCounterStore(ctx.database, createClickCounting(ctx.database), keepBefore);
  const clicks = (ctx.database.sqlite.prepare('SELECT count(*) AS n FROM clicks').get() as { n: number }).n;
  const { ms } = await rebuildCounters({ counters, clock: ctx.deps.clock });
  const kept =
    days === null
      ? ''
      : ` (CLICK_RETENTION_DAYS=${days}: counters before ${new Date(keepBefore()!).toISOString().slice(0, 10)} kept as they were)`;
  ctx.out(`Rebuilt the counters from ${clicks.toLocaleString('en-US')} clicks in ${(ms / 1000).toFixed(1)} s${kept}.`);
}
