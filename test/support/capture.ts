import { createClickReader } from '../../src/db/clickReader.js';
import { createClickWriter } from '../../src/db/index.js';
import { createNodeSaltStore } from '../../src/node/saltFiles.js';
import type { GeoLookup, Location, Visit } from '../../src/domain/index.js';
import { clientAddress } from '../../src/http/clientAddress.js';
import { recordClicks, type RecordDeps } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import { makeTestApp, type TestApp } from './app.js';

/** A GeoLookup that knows a few test addresses, as geoip-lite would. */
export const fakeGeo = (places: Record<string, Location> = {}): GeoLookup => ({
  locate: (address) => places[address] ?? { country: null, region: null, city: null },
});

export interface CaptureTestApp extends TestApp {
  capture: RecordDeps;
  visits: Visit[];
  /** Writes the visits collected so far, as the Node click writer would. */
  flush(): Promise<void>;
}

/**
 * The test app with click capture on: redirects push visits to an array,
 * flush() records them through the real write path into the real SQLite file.
 */
export async function makeCaptureApp(geo: GeoLookup = fakeGeo(), trustProxy = true): Promise<CaptureTestApp> {
  const visits: Visit[] = [];
  let capture!: RecordDeps;
  const t = await makeTestApp((database, clock) => {
    const clicks = createClickWriter(database.db, database.batch, {});
    capture = {
      clicks,
      geo,
      describeUserAgent: cachedUserAgents(),
      visitorKey: createVisitorKeys(createNodeSaltStore(database)),
    };
    return {
      clicks: createClickReader(database.db),
      tracking: {
        recorder: { record: (v) => void visits.push(v) },
        clock,
        clientAddress: (c) => clientAddress(c.req.raw.headers, '127.0.0.1', trustProxy),
      },
    };
  });
  return Object.assign(t, {
    capture,
    visits,
    async flush() {
      await recordClicks(capture, visits.splice(0));
    },
  });
}

export const UA = {
  chromeDesktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  instagramIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 329.0.0.0.62 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 600000000)',
  facebookAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/460.0.0.0;]',
  linkedinIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.1',
  facebookPreview: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
};
