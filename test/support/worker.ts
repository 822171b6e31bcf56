import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempDir } from './app.js';
import { freePort, ROOT } from './server.js';
import { archiveLog } from './logArchive.js';

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/**
 * What request.cf holds in tests. Miniflare reads the cf object from CLOUDFLARE_CF_FETCH_PATH
 * instead of fetching one from workers.cloudflare.com, so the Worker's real code path
 * (request.cf → the click's place) runs offline with a known place and no test-only code.
 */
export const TEST_CF = { country: 'NZ', region: 'Canterbury', city: 'Christchurch', colo: 'CHC', asn: 64_496 };

/**
 * wrangler's environment in tests: offline, signed out, silent. No metrics or error reports,
 * no account credentials from the caller, the cf object from a file, logs in the temp folder.
 */
export function wranglerEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(CLOUDFLARE_|CF_API_)/.test(name)) delete env[name];
  }
  const cfPath = join(dir, 'cf.json');
  // Written now, so its age never passes miniflare's 30-day freshness check.
  writeFileSync(cfPath, JSON.stringify(TEST_CF));
  return {
    ...env,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    CLOUDFLARE_CF_FETCH_PATH: cfPath,
    WRANGLER_LOG_PATH: join(dir, 'logs'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

// Detached wrangler processes lead their own process group; whatever is still running when
// the test process exits is killed with its workerd children.
const live = new Set<number>();
const killAll = () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
};
process.once('exit', killAll);
// A test run stopped from outside (Ctrl-C, a CI timeout) must not leave workerd behind either.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Runs a wrangler command to completion; rejects with its output when it fails or hangs. */
export function runWrangler(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child.pid!);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      live.delete(child.pid!);
      if (code === 0) resolve(out);
      else reject(new Error(`wrangler ${args.join(' ')} failed (${code ?? signal}):\n${out}`));
    });
  });
}

/** The Worker's required VISITOR_SECRET in tests (a --var, as `wrangler secret put` would set it). */
export const TEST_VISITOR_SECRET = 'visitor-secret-for-worker-tests-0123456789';

export interface WorkerOptions {
  /** [vars] passed with --var, e.g. ADMIN_API_KEY. */
  vars?: Record<string, string>;
  /**
   * The click queue (CLICKS_QUEUE): absent, as wrangler.toml has it; true, a local queue and
   * its consumer whatever wrangler.toml says; false, none (the direct path).
   */
  queue?: boolean;
  /**
   * The consumer's max_batch_timeout instead of the configured one: long, batches close only by
   * size, so how full they are no longer depends on how fast the machine sends clicks.
   */
  queueBatchSeconds?: number;
  /** An entry wrapping src/worker.ts (a path from the repository root), e.g. test/support/countingWorker.ts. */
  main?: string;
  /** More `wrangler dev` arguments, e.g. --minify=false for a readable CPU profile. */
  devArgs?: string[];
  /** Another Worker's wrangler.toml altogether (a benchmark's baseline): no D1 migrations then. */
  config?: string;
  /** wrangler's --test-scheduled: GET /__scheduled?cron=… runs the scheduled handler. */
  testScheduled?: boolean;
}

export interface WorkerProcess {
  url: string;
  /** The DevTools inspector wrangler serves for the Worker (CPU profiles). */
  inspectorPort: number;
  output(): string;
  /** Runs SQL on the Worker's local D1 (through wrangler, as an operator would): rows per statement. */
  query(sql: string): Promise<Record<string, unknown>[][]>;
  /** Stops wrangler and workerd and deletes the local state. */
  stop(): Promise<void>;
}

/**
 * The Worker as `npm run dev:worker` runs it: migrations applied to a local D1, then
 * `wrangler dev --local` on loopback, a free port and a temp --persist-to folder.
 */
export async function startWorkerProcess(options: WorkerOptions = {}): Promise<WorkerProcess> {
  const dir = tempDir('linkpost-worker-');
  const state = join(dir, 'state');
  const env = wranglerEnv(dir);
  const config = options.config ?? configFor(dir, options);
  const common = ['--config', config, '--persist-to', state];
  if (!options.config) await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...common], env);

  const port = await freePort();
  const inspectorPort = await freePort();
  const vars = Object.entries({ VISITOR_SECRET: TEST_VISITOR_SECRET, ...options.vars }).flatMap(([k, v]) => [
    '--var',
    `${k}:${v}`,
  ]);
  const args = [
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--show-interactive-dev-session=false',
    ...common,
    ...vars,
    ...(options.testScheduled ? ['--test-scheduled'] : []),
    ...(options.devArgs ?? []),
  ];
  const child = spawn(WRANGLER, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child.pid!);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  void exited.then(() => archiveLog('worker', out));
  const url = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        // workerd children share the group; make sure none outlives wrangler.
        killGroup(child.pid!, 'SIGKILL');
      }
      live.delete(child.pid!);
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    await waitUntilReady(url, () => out, exited, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    inspectorPort,
    output: () => out,
    async query(sql) {
      const args = ['d1', 'execute', 'DB', '--local', '--json', '--command', sql, ...common];
      for (let attempt = 1; ; attempt++) {
        try {
          const json = await runWrangler(args, env);
          return (JSON.parse(json) as { results: Record<string, unknown>[] }[]).map((r) => r.results);
        } catch (err) {
          // The running Worker may hold the SQLite file's write lock (a consumer batch): try again.
          if (attempt >= 5 || !/SQLITE_BUSY|database is locked/.test(String(err))) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    },
    stop,
  };
}

async function waitUntilReady(url: string, output: () => string, exited: Promise<void>, timeoutMs: number) {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (gone) throw new Error(`wrangler dev exited:\n${output()}`);
    if (/Ready on http/.test(output())) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not become ready in ${timeoutMs} ms:\n${output()}`);
}

/**
 * The product wrangler.toml, its paths made absolute (they are relative to the config file's
 * folder), migrations from `migrationsDir` when given, `edit` applied, plus `extra`, written into `dir`.
 */
function writeConfig(dir: string, extra = '', migrationsDir?: string, edit = (toml: string) => toml): string {
  const product = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const absolute = product
    .replace(/^main = "(.+)"$/m, (_, p: string) => `main = ${JSON.stringify(join(ROOT, p))}`)
    .replace(/^directory = "(.+)"$/m, (_, p: string) => `directory = ${JSON.stringify(join(ROOT, p))}`)
    .replace(
      /^migrations_dir = "(.+)"$/m,
      (_, p: string) => `migrations_dir = ${JSON.stringify(migrationsDir ?? join(ROOT, p))}`,
    );
  if (absolute === product) throw new Error('wrangler.toml has no relative paths to rewrite; update writeConfig');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, edit(absolute) + extra);
  return path;
}

/** The [[queues.*]] tables of a wrangler.toml, each up to the next table or the end. */
const QUEUE_TABLES = /^\[\[queues\.(producers|consumers)\]\][^[]*/gm;

/** Whether the product wrangler.toml binds the click queue. */
export const productHasQueue = (): boolean =>
  [...readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').matchAll(QUEUE_TABLES)].length > 0;

/** The config a WorkerOptions asks for: the product's own when nothing differs. */
function configFor(dir: string, { queue, main, queueBatchSeconds }: WorkerOptions): string {
  const hasQueue = productHasQueue();
  const addQueue = queue === true && !hasQueue;
  const dropQueue = queue === false && hasQueue;
  if (!addQueue && !dropQueue && !main && queueBatchSeconds === undefined) return join(ROOT, 'wrangler.toml');
  const edit = (toml: string) => {
    let out = dropQueue ? toml.replace(QUEUE_TABLES, '') : toml;
    if (main) out = out.replace(/^main = .+$/m, `main = ${JSON.stringify(join(ROOT, main))}`);
    return out;
  };
  const path = writeConfig(dir, addQueue ? TEST_QUEUE : '', undefined, edit);
  if (queueBatchSeconds !== undefined) {
    const toml = readFileSync(path, 'utf8');
    const out = toml.replace(/^max_batch_timeout = \d+/m, `max_batch_timeout = ${queueBatchSeconds}`);
    if (out === toml) throw new Error('no max_batch_timeout to replace; update configFor');
    writeFileSync(path, out);
  }
  return path;
}

/** A local queue for a product config without one. */
const TEST_QUEUE = `
[[queues.producers]]
binding = "CLICKS_QUEUE"
queue = "linkpost-clicks-test"

[[queues.consumers]]
queue = "linkpost-clicks-test"
max_batch_size = 10
max_batch_timeout = 1
`;

/**
 * A local D1 database as the Worker sees it, reachable from Node through wrangler's
 * getPlatformProxy: migrated by `wrangler d1 migrations apply --local`, like production.
 * `migrationsDir` replaces drizzle/ (a test of one migration starts from the ones before it);
 * `migrate()` applies what that folder holds by then and `execute(file)` runs a SQL file as
 * `wrangler d1 execute` does, each with the proxy closed meanwhile.
 */
export async function openLocalD1(options: { migrationsDir?: string } = {}): Promise<{
  binding: unknown;
  migrate(): Promise<void>;
  execute(file: string): Promise<string>;
  close(): Promise<void>;
}> {
  const dir = tempDir('linkpost-d1-');
  const env = wranglerEnv(dir);
  const configPath = options.migrationsDir
    ? writeConfig(join(dir, 'config'), '', options.migrationsDir)
    : join(ROOT, 'wrangler.toml');
  const local = ['--local', '--persist-to', dir, '--config', configPath];
  const apply = () => runWrangler(['d1', 'migrations', 'apply', 'DB', ...local], env);
  await apply();
  // getPlatformProxy runs in this process: the same offline settings as the CLI.
  for (const name of ['WRANGLER_SEND_METRICS', 'WRANGLER_SEND_ERROR_REPORTS', 'CLOUDFLARE_CF_FETCH_PATH'] as const) {
    process.env[name] = env[name];
  }
  mendSyncProxyRace();
  const { getPlatformProxy } = await import('wrangler');
  const open = () => getPlatformProxy<{ DB: unknown }>({ configPath, persist: { path: join(dir, 'v3') } });
  let proxy = await open();
  return {
    get binding() {
      return proxy.env.DB;
    },
    async migrate() {
      await proxy.dispose();
      await apply();
      proxy = await open();
    },
    async execute(file) {
      await proxy.dispose();
      try {
        return await runWrangler(['d1', 'execute', 'DB', ...local, '--file', file, '--yes'], env);
      } finally {
        proxy = await open();
      }
    },
    async close() {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The pinned miniflare's synchronous binding proxy (D1 `prepare`, through getPlatformProxy) can
 * be woken by the previous call's late notify when its helper thread is preempted; it then finds
 * no reply yet and asserts (`message?.id === id`), and the proxy stays out of step for good
 * (cloudflare/workers-sdk#15552, fixed after the last wrangler that runs on Node 20). On a busy
 * 2-core machine that fails a whole D1 test file now and then. Its only reader of
 * receiveMessageOnPort waits for a reply that is on its way, so waiting for it here is what
 * the fix does; nothing else in the test processes reads the function.
 */
function mendSyncProxyRace() {
  const threads = createRequire(import.meta.url)('node:worker_threads') as {
    receiveMessageOnPort: ((port: unknown) => { message: unknown } | undefined) & { mended?: true };
  };
  const receive = threads.receiveMessageOnPort;
  if (receive.mended) return;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const mended = (port: unknown) => {
    let message = receive(port);
    // At most 60 s, as long as a test may take; the reply normally follows within microseconds.
    for (let ms = 0; message === undefined && ms < 60_000; ms++) {
      Atomics.wait(pause, 0, 0, 1);
      message = receive(port);
    }
    return message;
  };
  threads.receiveMessageOnPort = Object.assign(mended, { mended: true as const });
}
