import { normalizeAddress } from './address.js';

/** Named limits for every stored text field of a click, so one odd request cannot bloat the table. */
export const CLICK_LIMITS = {
  referrer: 1024,
  referrerHost: 253,
  userAgent: 512,
  source: 100,
  os: 64,
  browser: 64,
  country: 2,
  region: 100,
  city: 100,
} as const;

export const DEVICES = ['desktop', 'mobile', 'tablet', 'other'] as const;
export type Device = (typeof DEVICES)[number];

export interface Location {
  country: string | null;
  region: string | null;
  city: string | null;
}
export const NO_LOCATION: Location = { country: null, region: null, city: null };

/**
 * What the redirect saw, captured synchronously and kept only in memory.
 * `address` is the raw IP: used for location and the visitor key, never stored.
 */
export interface Visit {
  linkId: number;
  at: number;
  address: string | null;
  userAgent: string;
  referrer: string;
  /** The source the short link request names (utm_source, or `bio` from a bio page's marker); it wins attribution. */
  utmSource: string | null;
  qr: boolean;
  /** Sec-Purpose/Purpose: prefetch — never a human click. */
  prefetch: boolean;
  /** Location already known from the platform (request.cf on Workers); skips the lookup. */
  location?: Location;
}

/** A click as stored: enriched, cropped, and without the address. */
export interface Click {
  linkId: number;
  clickedAt: number;
  referrer: string | null;
  referrerHost: string | null;
  source: string;
  device: Device;
  os: string | null;
  browser: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  bot: boolean;
  visitor: string;
  qr: boolean;
  userAgent: string | null;
  /** First click of this visitor on this link on this UTC day: a unique. */
  firstOfDay: boolean;
}

export type NewClick = Omit<Click, 'firstOfDay'>;

/** Cuts a value to its named limit; empty becomes null. */
export function crop(value: string | null | undefined, limit: number): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, limit) : null;
}

/** UTC calendar day of an instant, the period a visitor salt lives for. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Loopback, private, link-local and unique-local addresses have no place on a map. */
export function isPrivateAddress(address: string): boolean {
  const a = normalizeAddress(address) ?? address.toLowerCase();
  if (/^(10|127)\./.test(a) || /^192\.168\./.test(a) || /^169\.254\./.test(a)) return true;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(a) || /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(a)) return true;
  if (a === '::1' || a === '::' || a === '0.0.0.0' || a === 'localhost') return true;
  return /^f[cd][0-9a-f]{2}:/.test(a) || /^fe[89ab][0-9a-f]:/.test(a);
}
