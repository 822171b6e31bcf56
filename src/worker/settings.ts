import { ConfigError, parseConfig } from '../config.js';
import type { Logger } from '../domain/index.js';
import { sha256Hex } from '../services/index.js';

/** The Worker's settings as they arrive in env ([vars] and secrets). */
export interface WorkerVars {
  PUBLIC_URL?: string;
  ADMIN_API_KEY?: string;
  CLICK_RETENTION_DAYS?: string;
}

export interface WorkerSettings {
  /** PUBLIC_URL when set; otherwise each request's own origin is the base of short URLs. */
  publicUrl: string | null;
  adminKeyHash: string | null;
  /** Days of raw clicks kept (the scheduled handler deletes older ones); null keeps all. */
  clickRetentionDays: number | null;
}

// Settings only change with a deploy, so each isolate parses them once (keyed by their values).
let memo: { key: string; settings: Promise<WorkerSettings> } | null = null;

/** Parses [vars] and secrets with the same rules as Node; throws ConfigError on a bad one. */
export function workerSettings(env: WorkerVars): Promise<WorkerSettings> {
  const vars = { PUBLIC_URL: env.PUBLIC_URL, ADMIN_API_KEY: env.ADMIN_API_KEY, CLICK_RETENTION_DAYS: env.CLICK_RETENTION_DAYS };
  const key = JSON.stringify(vars);
  if (memo?.key !== key) memo = { key, settings: load(vars) };
  return memo.settings;
}

async function load(vars: WorkerVars): Promise<WorkerSettings> {
  const config = parseConfig({ ...vars });
  return {
    publicUrl: vars.PUBLIC_URL?.trim() ? config.publicUrl : null,
    adminKeyHash: config.adminApiKey ? await sha256Hex(config.adminApiKey) : null,
    clickRetentionDays: config.clickRetentionDays,
  };
}

/**
 * A bad setting answers 500 with its name only; the log gets the reason, and never the value
 * of the secret.
 */
export function misconfigured(err: unknown, logger: Logger): Response {
  if (!(err instanceof ConfigError)) throw err;
  const name = /^Invalid setting (\w+)=/.exec(err.message)?.[1] ?? 'unknown';
  const reason = err.message.slice(err.message.lastIndexOf(': ') + 2);
  logger.error(name === 'ADMIN_API_KEY' ? `Invalid setting ADMIN_API_KEY: ${reason}` : err.message);
  const body = { error: { code: 'misconfigured', message: `linkpost is misconfigured: invalid setting ${name}` } };
  return Response.json(body, { status: 500 });
}
