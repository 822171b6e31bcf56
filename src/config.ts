import { z } from 'zod';

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', ''].includes(v), 'expected true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Behind a proxy, read the client address from X-Forwarded-For or CF-Connecting-IP. */
  TRUST_PROXY: bool.default(false),
  /** debug, info (default), warn or error: the least a log line must matter to be written. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Keep raw clicks this many days (whole UTC days); counters keep their history. Unset: keep all. */
  CLICK_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
});

export interface Config {
  host: string;
  port: number;
  databasePath: string;
  publicUrl: string;
  adminApiKey: string | null;
  trustProxy: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Days of raw clicks kept; null keeps them all. */
  clickRetentionDays: number | null;
}

export class ConfigError extends Error {}

const SECRET_SETTINGS = new Set(['ADMIN_API_KEY']);

/** Parses settings once; the first bad one is reported by name in one line. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in settings.shape && v !== undefined && v !== ''),
  );
  const result = settings.safeParse(clean);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]);
    // A secret's value is never echoed, not even a wrong one: it may be the real key mistyped.
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
    logLevel: s.LOG_LEVEL,
    clickRetentionDays: s.CLICK_RETENTION_DAYS ?? null,
  };
}
