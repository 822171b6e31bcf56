import geoip from 'geoip-lite';
import { NO_LOCATION, type GeoLookup, type Location } from '../domain/index.js';
import { createLru } from '../services/lru.js';

/** geoip-lite's bundled database, with repeat addresses answered from memory. */
export function createGeoipLookup(maxEntries = 20_000): GeoLookup {
  const cache = createLru<string, Location>(maxEntries);
  return {
    locate(address) {
      let hit = cache.get(address);
      if (!hit) {
        const r = geoip.lookup(address);
        hit = r ? { country: r.country || null, region: r.region || null, city: r.city || null } : NO_LOCATION;
        cache.set(address, hit);
      }
      return hit;
    },
  };
}
