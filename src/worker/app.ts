import { createApp, type App } from '../http/app.js';
import type { Logger } from '../domain/index.js';
import { workerDeps } from './deps.js';
import type { Env } from './env.js';
import type { WorkerSettings } from './settings.js';

/** Base URLs an isolate keeps an app for, when PUBLIC_URL is unset and short URLs use the request's origin. */
const MAX_ORIGINS = 8;

/**
 * The shared app, built once per isolate: routes, middleware and stores are made on the first
 * request and reused, so a redirect costs routing and a cache lookup, not an app build. Apps
 * are keyed by the env they were built over (the same object for every request of an isolate)
 * and by the base of short URLs, which without PUBLIC_URL is each request's origin.
 */
export function createWorkerApps(logger: Logger) {
  let built: { env: Env; settings: WorkerSettings; apps: Map<string, App> } | null = null;
  return function appFor(request: Request, env: Env, settings: WorkerSettings): App {
    if (built?.env !== env || built.settings !== settings) built = { env, settings, apps: new Map() };
    const publicUrl = settings.publicUrl ?? new URL(request.url).origin;
    let app = built.apps.get(publicUrl);
    if (!app) {
      if (built.apps.size >= MAX_ORIGINS) built.apps.delete(built.apps.keys().next().value!);
      app = createApp(workerDeps(env, settings, publicUrl, logger));
      built.apps.set(publicUrl, app);
    }
    return app;
  };
}
