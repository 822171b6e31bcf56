/**
 * linkpost's Worker with its D1 statements counted: the product entry (src/worker.ts) wrapped,
 * its env.DB left as it is but the prototype methods that send statements to D1 counted
 * (a prepared statement's first/all/run/raw is one statement, a batch is as many as it holds).
 * GET /__d1-statements answers the tally since the last ?reset. Used by the statements test
 * (test/e2e/workerStatements.test.ts) and `npm run bench:worker`; wrangler bundles it in place
 * of src/worker.ts (WorkerOptions.main).
 */
import linkpost from '../../src/worker.js';
import type { Env } from '../../src/worker/env.js';
import { fromMessage, type VisitsMessage } from '../../src/worker/visitMessage.js';

const empty = () => ({
  statements: 0,
  batches: 0,
  largestBatch: 0,
  linkReads: 0,
  queueBatches: 0,
  queueMessages: 0,
  queuedVisits: 0,
});
/**
 * linkReads: the statements that read links or links_version (the redirect's lookups on a cache
 * miss and the once-a-second version check), which grow with time and slugs, not with clicks.
 */
const tally = empty();
/** Statements by the start of their SQL, to see where they come from. */
let bySql: Record<string, number> = {};
const LINK_READ = /^select\b[^;]*?\bfrom "links(_version)?"/i;
const seen = (sql: unknown) => {
  if (LINK_READ.test(String(sql))) tally.linkReads++;
  const key = String(sql).replace(/\s+/g, ' ').slice(0, 80);
  bySql[key] = (bySql[key] ?? 0) + 1;
};
let patched = false;

/** Counts on the binding's own classes, once per isolate, so the product code runs unchanged. */
function countStatements(db: D1Database) {
  if (patched) return;
  patched = true;
  const statement = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  for (const name of ['first', 'all', 'run', 'raw'] as const) {
    const original = statement[name] as (...args: unknown[]) => unknown;
    statement[name] = function (this: { statement?: unknown }, ...args: unknown[]) {
      tally.statements++;
      seen(this.statement);
      return original.apply(this, args);
    };
  }
  const database = Object.getPrototypeOf(db) as Record<string, unknown>;
  const batch = database.batch as (statements: unknown[]) => unknown;
  database.batch = function (this: unknown, statements: { statement?: unknown }[]) {
    tally.statements += statements.length;
    for (const s of statements) seen(s.statement);
    tally.batches++;
    tally.largestBatch = Math.max(tally.largestBatch, statements.length);
    return batch.call(this, statements);
  };
}

/**
 * bench:worker's ablation, by the var CLICK_ABLATION: "nosend", visits are built and cut into
 * messages but the queue's sendBatch does nothing; "noconsume", the consumer acks every batch
 * unwritten. Unset, nothing changes.
 */
type AblationEnv = Env & { CLICK_ABLATION?: string };
const silentQueue = { send: async () => {}, sendBatch: async () => {} } as unknown as Env['CLICKS_QUEUE'];
/** The same object for every request of an isolate, as the entry keys what it builds on env. */
const ablated = new WeakMap<Env, Env>();
function ablate(env: AblationEnv): Env {
  if (env.CLICK_ABLATION !== 'nosend') return env;
  let out = ablated.get(env);
  if (!out) ablated.set(env, (out = { ...env, CLICKS_QUEUE: silentQueue }));
  return out;
}

export default {
  async fetch(request, env: AblationEnv, ctx) {
    countStatements(env.DB);
    const url = new URL(request.url);
    if (url.pathname === '/__d1-statements') {
      const answer = Response.json({ ...tally, bySql });
      if (url.searchParams.has('reset')) {
        Object.assign(tally, empty());
        bySql = {};
      }
      return answer;
    }
    return linkpost.fetch(request, ablate(env), ctx);
  },
  scheduled: (controller, env) => linkpost.scheduled(controller, env),
  async queue(batch, env: AblationEnv) {
    countStatements(env.DB);
    if (env.CLICK_ABLATION === 'noconsume') return;
    tally.queueBatches++;
    tally.queueMessages += batch.messages.length;
    for (const m of batch.messages) tally.queuedVisits += fromMessage(m.body)?.length ?? 0;
    return linkpost.queue(batch, env);
  },
} satisfies ExportedHandler<Env, VisitsMessage>;
