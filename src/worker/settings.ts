import { ConfigError, parseConfig, strongSecret } from '../config.js';
import type { Logger } from '../domain/index.js';
import { createSaltSealer, type SaltSealer } from '../services/saltSeal.js';
import { sha256Hex } from '../services/index.js';

/** The Worker's settings as they arrive in env ([vars] and secrets). */
export interface WorkerVars {
  PUBLIC_URL?: string;
  ADMIN_API_KEY?: string;
  VISITOR_SECRET?: string;
  API_RATE_LIMIT?: string;
  CLICK_RETENTION_DAYS?: string;
  WEBHOOK_ALLOW_PRIVATE?: string;
}

export interface WorkerSettings {
  /** PUBLIC_URL when set; otherwise each request's own origin is the base of short URLs. */
  publicUrl: string | null;
  adminKeyHash: string | null;
  /** Seals the daily visitor salts in D1 (VISITOR_SECRET). */
  saltSealer: SaltSealer;
  /** Key of the client tags rate limits store in D1 instead of addresses, from VISITOR_SECRET. */
  throttleSecret: string;
  apiRateLimit: number;
  /** Days of raw clicks kept (the scheduled handler deletes older ones); null keeps all. */
  clickRetentionDays: number | null;
  /** WEBHOOK_ALLOW_PRIVATE: http and private targets for webhooks. */
  webhookAllowPrivate: boolean;
}

/** VISITOR_SECRET is what keeps visitor salts, and so addresses, out of a copy of the database. */
export const VISITOR_SECRET_MIN_LENGTH = 32;

// Settings only change with a deploy, so each isolate parses them once (keyed by their values).
let memo: { key: string; settings: Promise<WorkerSettings> } | null = null;
// An isolate's requests share one env object: the values are compared only when it changes.
let lastEnv: { env: WorkerVars; settings: Promise<WorkerSettings> } | null = null;

/** Parses [vars] and secrets with the same rules as Node; throws ConfigError on a bad one. */
export function workerSettings(env: WorkerVars): Promise<WorkerSettings> {
  if (lastEnv?.env === env) return lastEnv.settings;
  const settings = settingsOf(env);
  lastEnv = { env, settings };
  return settings;
}

function settingsOf(env: WorkerVars): Promise<WorkerSettings> {
  const vars = {
    PUBLIC_URL: env.PUBLIC_URL,
    ADMIN_API_KEY: env.ADMIN_API_KEY,
    VISITOR_SECRET: env.VISITOR_SECRET,
    API_RATE_LIMIT: env.API_RATE_LIMIT,
    CLICK_RETENTION_DAYS: env.CLICK_RETENTION_DAYS,
    WEBHOOK_ALLOW_PRIVATE: env.WEBHOOK_ALLOW_PRIVATE,
  };
  const key = JSON.stringify(vars);
  if (memo?.key !== key) memo = { key, settings: load(vars) };
  return memo.settings;
}

async function load(vars: WorkerVars): Promise<WorkerSettings> {
  const config = parseConfig({
    PUBLIC_URL: vars.PUBLIC_URL,
    ADMIN_API_KEY: vars.ADMIN_API_KEY,
    API_RATE_LIMIT: vars.API_RATE_LIMIT,
    CLICK_RETENTION_DAYS: vars.CLICK_RETENTION_DAYS,
    WEBHOOK_ALLOW_PRIVATE: vars.WEBHOOK_ALLOW_PRIVATE,
  });
  const secret = strongSecret(VISITOR_SECRET_MIN_LENGTH).safeParse(vars.VISITOR_SECRET ?? '');
  if (!secret.success) {
    const reason = vars.VISITOR_SECRET
      ? secret.error.issues[0]!.message
      : 'is required on Workers (wrangler secret put VISITOR_SECRET)';
    throw new ConfigError(`Invalid setting VISITOR_SECRET=<hidden>: ${reason}`);
  }
  return {
    publicUrl: vars.PUBLIC_URL?.trim() ? config.publicUrl : null,
    adminKeyHash: config.adminApiKey ? await sha256Hex(config.adminApiKey) : null,
    saltSealer: createSaltSealer(secret.data),
    throttleSecret: await sha256Hex(`linkpost throttle tags\n${secret.data}`),
    apiRateLimit: config.apiRateLimit,
    clickRetentionDays: config.clickRetentionDays,
    webhookAllowPrivate: config.webhookAllowPrivate,
  };
}

/**
 * A bad setting answers 500 with its name only; the log gets the reason, and never the value
 * of a secret.
 */
export function misconfigured(err: unknown, logger: Logger): Response {
  if (!(err instanceof ConfigError)) throw err;
  const name = /^Invalid setting (\w+)=/.exec(err.message)?.[1] ?? 'unknown';
  const reason = err.message.slice(err.message.lastIndexOf(': ') + 2);
  logger.error(`Invalid setting ${name}: ${reason}`);
  const body = { error: { code: 'misconfigured', message: `linkpost is misconfigured: invalid setting ${name}` } };
  return Response.json(body, { status: 500 });
}
