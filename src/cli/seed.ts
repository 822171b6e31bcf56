import { createNodeSaltStore } from '../node/saltFiles.js';
import type { Visit } from '../domain/index.js';
import { createSqliteClickWriter } from '../node/clicks/write.js';
import { countedAtOnce, createClickCounting } from '../node/clicks/count.js';
import type { NodeDatabase } from '../node/sqlite.js';
import { createLink, type CoreDeps } from '../services/index.js';
import { recordClicks, type RecordDeps } from '../services/recordClicks.js';
import { cachedUserAgents } from '../services/userAgent.js';
import { createVisitorKeys } from '../services/visitorKey.js';
import { UsageError, type CliContext } from './context.js';
import { createProgress, type ProgressSink } from './progress.js';
import { makeVisitor, planClicks, planPosts, seededRandom } from './seedData.js';

export interface SeedOptions {
  links: number;
  campaigns: number;
  clicks: number;
  days: number;
  /** The seed's "now": clicks end here. */
  now: number;
  seed: number;
}

/** Visits per recordClicks call, as the server's click writer batches them. */
const BATCH = 2_000;

/**
 * Writes synthetic posts through createLink and their clicks through recordClicks and the
 * Node click store with its counters: the same path as real traffic, minus the HTTP hop.
 */
export async function seedDatabase(database: NodeDatabase, core: CoreDeps, opts: SeedOptions, sink: ProgressSink) {
  const started = Date.now();
  const rnd = seededRandom(opts.seed);
  const plans = planPosts(rnd, opts);
  const links = [];
  for (const p of plans) {
    links.push(
      await createLink(core, {
        url: p.url,
        title: p.title,
        campaign: p.campaign,
        network: p.network,
        postedAt: new Date(p.postedAt).toISOString(),
      }),
    );
  }
  const capture: RecordDeps = {
    clicks: countedAtOnce(createSqliteClickWriter(database), createClickCounting(database)),
    geo: { locate: () => ({ country: null, region: null, city: null }) }, // every seeded visit carries its place
    describeUserAgent: cachedUserAgents(),
    visitorKey: createVisitorKeys(createNodeSaltStore(database)),
  };
  const { order, times, postOf } = planClicks(rnd, plans, opts.clicks, opts.now);
  const visitFor = makeVisitor(rnd, Math.max(2_000, Math.floor(opts.clicks * 0.6)));
  const progress = createProgress(sink, opts.clicks);
  for (let i = 0; i < order.length; i += BATCH) {
    const batch: Visit[] = [];
    for (const k of order.subarray(i, i + BATCH)) {
      const link = links[postOf[k]!]!;
      batch.push(visitFor(link.id, link.network!, times[k]!));
    }
    await recordClicks(capture, batch);
    progress.add(batch.length);
  }
  progress.finish();
  return {
    links: links.length,
    campaigns: new Set(plans.map((p) => p.campaign)).size,
    clicks: opts.clicks,
    ms: Date.now() - started,
  };
}

const int = (flags: Record<string, string | true>, name: string, fallback: number, max: number) => {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}`);
  return n;
};

const USAGE = 'usage: seed [--links 1000] [--campaigns 50] [--clicks 1000000] [--days 90] [--seed 1] [--now ISO]';

/** seed: synthetic posts and clicks for trying the dashboard and for benchmarks. */
export async function seedCommand(ctx: CliContext, args: string[], flags: Record<string, string | true>) {
  if (args.length > 0) throw new UsageError(USAGE);
  for (const f of Object.keys(flags))
    if (!['links', 'campaigns', 'clicks', 'days', 'seed', 'now'].includes(f))
      throw new UsageError(`unknown option --${f}\n${USAGE}`);
  const now = flags.now === undefined ? ctx.deps.clock() : Date.parse(String(flags.now));
  if (!Number.isFinite(now)) throw new UsageError('--now must be an ISO date-time');
  const opts: SeedOptions = {
    links: int(flags, 'links', 1_000, 1_000_000),
    campaigns: int(flags, 'campaigns', 50, 10_000),
    clicks: int(flags, 'clicks', 1_000_000, 100_000_000),
    days: int(flags, 'days', 90, 3_650),
    seed: int(flags, 'seed', 1, 2 ** 31),
    now,
  };
  if (opts.links < 1 || opts.campaigns < 1 || opts.days < 1)
    throw new UsageError('--links, --campaigns and --days must be at least 1');
  const done = await seedDatabase(ctx.database, ctx.deps, opts, process.stderr);
  const rate = Math.round((done.clicks * 1000) / Math.max(1, done.ms)).toLocaleString('en-US');
  ctx.out(
    `Seeded ${done.links} links in ${done.campaigns} campaigns and ${done.clicks.toLocaleString('en-US')} clicks over ${opts.days} days in ${(done.ms / 1000).toFixed(1)} s (${rate} clicks/s).`,
  );
}
