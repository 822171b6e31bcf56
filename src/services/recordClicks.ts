import {
  attributeSource,
  CLICK_LIMITS,
  crop,
  isPrivateAddress,
  NO_LOCATION,
  referrerHost,
  type Click,
  type NewClick,
  type ClickWriter,
  type GeoLookup,
  type Location,
  type Visit,
} from '../domain/index.js';
import type { UserAgentInfo } from './userAgent.js';
import type { VisitorKeys } from './visitorKey.js';
import { isHumanVisit } from './visitVerdict.js';

export interface RecordDeps {
  clicks: ClickWriter;
  geo: GeoLookup;
  describeUserAgent(ua: string): UserAgentInfo;
  visitorKey: VisitorKeys;
}

/** Turns what a redirect saw into a stored click: enrich, attribute, key, crop. No address survives. */
export async function enrichVisit(deps: RecordDeps, visit: Visit): Promise<NewClick> {
  const ua = visit.userAgent;
  const info = deps.describeUserAgent(ua);
  const location = visit.location ?? safeLocate(deps.geo, visit.address);
  const referrer = crop(visit.referrer, CLICK_LIMITS.referrer);
  return {
    linkId: visit.linkId,
    clickedAt: visit.at,
    referrer,
    referrerHost: referrer ? crop(referrerHost(referrer), CLICK_LIMITS.referrerHost) : null,
    source:
      crop(
        attributeSource({ referrer: visit.referrer, userAgent: ua, utmSource: visit.utmSource }),
        CLICK_LIMITS.source,
      ) ?? 'direct',
    device: info.device,
    os: info.os,
    browser: info.browser,
    country: crop(location.country?.toUpperCase(), CLICK_LIMITS.country),
    region: crop(location.region, CLICK_LIMITS.region),
    city: crop(location.city, CLICK_LIMITS.city),
    bot: !isHumanVisit(visit, () => info.bot),
    visitor: await deps.visitorKey(visit.address, ua, visit.at),
    qr: visit.qr,
    userAgent: crop(ua, CLICK_LIMITS.userAgent),
  };
}

/** Geolocation never fails a click: errors and private addresses are an empty location. */
function safeLocate(geo: GeoLookup, address: string | null): Location {
  if (!address || isPrivateAddress(address)) return NO_LOCATION;
  try {
    return geo.locate(address);
  } catch {
    return NO_LOCATION;
  }
}

/** Records a batch of visits as clicks (see ClickWriter.insertBatch for when uniques are decided). */
export async function recordClicks(deps: RecordDeps, visits: Visit[]): Promise<Click[]> {
  if (visits.length === 0) return [];
  const enriched = await Promise.all(visits.map((v) => enrichVisit(deps, v)));
  return deps.clicks.insertBatch(enriched);
}
