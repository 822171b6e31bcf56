import { createApp, type App } from '../http/app.js';
import type { Logger } from '../domain/index.js';
import { workerDeps, workerFastRedirect, workerRecorder } from './deps.js';
import type { Env } from './env.js';
import type { WorkerSettings } from './settings.js';

/** Base URLs an isolate keeps an app for, when PUBLIC_URL is unset and short URLs use the request's origin. */
const MAX_ORIGINS = 8;

interface Built {
  env: Env;
  settings: WorkerSettings;
  fastRedirect: ReturnType<typeof workerFastRedirect>;
  recorder: ReturnType<typeof workerRecorder>;
  apps: Map<string, App>;
}

/**
 * The Worker's answer to a request, from what is built once per isolate: a cached short link
 * by the fast redirect, anything else by the shared app. Routes, middleware, stores and the
 * click recorder are made on the first request and reused, so a redirect costs a cache lookup,
 * not an app build. They are keyed by the env they were built over (the same object for every
 * request of an isolate); apps also by the base of short URLs, which without PUBLIC_URL is
 * each request's origin. One recorder serves them all, so their clicks share writes.
 */
export function createWorkerApps(logger: Logger) {
  let built: Built | null = null;
  return function answer(
    request: Request,
    env: Env,
    ctx: ExecutionContext,
    settings: WorkerSettings,
  ): Response | Promise<Response> {
    if (built?.env !== env || built.settings !== settings) {
      const recorder = workerRecorder(env, settings, logger);
      built = { env, settings, recorder, fastRedirect: workerFastRedirect(recorder, logger), apps: new Map() };
    }
    const fast = built.fastRedirect(request, ctx);
    if (fast) return fast;
    const publicUrl = settings.publicUrl ?? new URL(request.url).origin;
    let app = built.apps.get(publicUrl);
    if (!app) {
      if (built.apps.size >= MAX_ORIGINS) built.apps.delete(built.apps.keys().next().value!);
      app = createApp(workerDeps(env, settings, publicUrl, logger, built.recorder));
      built.apps.set(publicUrl, app);
    }
    return app.fetch(request, env, ctx);
  };
}
