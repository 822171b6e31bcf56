import { z } from 'zod';

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', ''].includes(v), 'expected true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Generous for a person and the dashboard (which polls), tight enough to stop a runaway script. */
export const DEFAULT_API_RATE_LIMIT = 1200;

/**
 * A secret someone may choose by hand: long enough and not one character repeated, so a
 * guessing client (already slowed by the failed-sign-in limit) has no short list to try.
 */
export function strongSecret(minLength: number) {
  return z
    .string()
    .min(minLength, `must be at least ${minLength} characters`)
    .refine((v) => new Set(v).size >= 10, 'must hold at least 10 different characters');
}

const settings = z.object({
  /** Address to listen on; loopback by default so nothing is exposed by accident. */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** TCP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  /** SQLite file (Node only); its folder is created. */
  DATABASE_PATH: z.string().trim().min(1).default('./data/linkpost.db'),
  /** Base of short URLs, e.g. https://go.example.com; default http://HOST:PORT. */
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.search && !u.hash;
      } catch {
        return false;
      }
    }, 'expected an http(s) URL such as https://go.example.com')
    .optional(),
  /** A key accepted besides the stored ones; handy for the first sign-in and for Workers secrets. */
  ADMIN_API_KEY: strongSecret(24).optional(),
  /**
   * Who sets the client address: false (the socket), true or 1 (one proxy: the rightmost
   * X-Forwarded-For entry), N (N proxies), cloudflare (CF-Connecting-IP only).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v, ctx): TrustProxy => {
      if (v === 'cloudflare') return 'cloudflare';
      if (/^\d{1,2}$/.test(v) && Number(v) <= 20) return Number(v);
      const yesNo = bool.safeParse(v);
      if (yesNo.success) return yesNo.data ? 1 : 0;
      ctx.addIssue({ code: 'custom', message: 'expected false, true, a number of proxies (1–20) or cloudflare' });
      return z.NEVER;
    })
    .default(0),
  /** Requests per minute one API key (or ADMIN_API_KEY) may make; 0 turns the limit off. */
  API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_API_RATE_LIMIT),
  /** debug, info (default), warn or error: the least a log line must matter to be written. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Keep raw clicks this many days (whole UTC days); counters keep their history. Unset: keep all. */
  CLICK_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  /** Lets webhooks use http and private or loopback targets (tests, internal receivers). */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
});

/**
 * Where the client address comes from: 0 is the socket, N the Nth X-Forwarded-For entry from
 * the right (one per trusted proxy), 'cloudflare' the CF-Connecting-IP header.
 */
export type TrustProxy = number | 'cloudflare';

export interface Config {
  host: string;
  port: number;
  databasePath: string;
  publicUrl: string;
  adminApiKey: string | null;
  trustProxy: TrustProxy;
  apiRateLimit: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Days of raw clicks kept; null keeps them all. */
  clickRetentionDays: number | null;
  /** WEBHOOK_ALLOW_PRIVATE: http and private targets for webhooks. */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {}

const SECRET_SETTINGS = new Set(['ADMIN_API_KEY', 'VISITOR_SECRET']);

/** Parses settings once; the first bad one is reported by name in one line. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in settings.shape && v !== undefined && v !== ''),
  );
  const result = settings.safeParse(clean);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    // A secret is never echoed, not even a wrong one: it may be a real key pasted in the wrong place.
    const shown = SECRET_SETTINGS.has(name) ? '<hidden>' : JSON.stringify(env[name] ?? '');
    throw new ConfigError(`Invalid setting ${name}=${shown}: ${issue.message}`);
  }
  const s = result.data;
  const hostForUrl = s.HOST.includes(':') ? `[${s.HOST}]` : s.HOST === '0.0.0.0' ? '127.0.0.1' : s.HOST;
  return {
    host: s.HOST,
    port: s.PORT,
    databasePath: s.DATABASE_PATH,
    publicUrl: (s.PUBLIC_URL ?? `http://${hostForUrl}:${s.PORT}`).replace(/\/+$/, ''),
    adminApiKey: s.ADMIN_API_KEY ?? null,
    trustProxy: s.TRUST_PROXY,
    apiRateLimit: s.API_RATE_LIMIT,
    logLevel: s.LOG_LEVEL,
    clickRetentionDays: s.CLICK_RETENTION_DAYS ?? null,
    webhookAllowPrivate: s.WEBHOOK_ALLOW_PRIVATE,
  };
}
