import type { Location } from '../domain/index.js';

/** The fields of request.cf linkpost reads; Cloudflare fills them from its own IP database. */
export interface CfGeo {
  country?: unknown;
  region?: unknown;
  city?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * Country, region and city as Cloudflare already knows them: no lookup, no address needed.
 * Missing cf (a request from another Worker, or tests) means no platform location.
 */
export function locationFromCf(cf: unknown): Location | undefined {
  if (!cf || typeof cf !== 'object') return undefined;
  const geo = cf as CfGeo;
  // "T1" is Cloudflare's code for Tor, and "XX" for unknown: neither is a place.
  const country = text(geo.country);
  return {
    country: country && !/^(T1|XX)$/i.test(country) ? country : null,
    region: text(geo.region),
    city: text(geo.city),
  };
}
