import { NO_LOCATION, type GeoLookup, type Location } from '../domain/index.js';
import { createLru } from '../services/lru.js';
import { openGeoFiles, type GeoFiles } from './geoFiles.js';

/** geoip-lite's bundled database, read from its files, with repeat addresses answered from memory. */
export function createGeoipLookup(maxEntries = 20_000, files: GeoFiles = openGeoFiles()): GeoLookup {
  const cache = createLru<string, Location>(maxEntries);
  return {
    locate(address) {
      let hit = cache.get(address);
      if (!hit) {
        hit = files.locate(address) ?? NO_LOCATION;
        cache.set(address, hit);
      }
      return hit;
    },
  };
}
