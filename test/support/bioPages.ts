import { createBioPageStore, createBioPageViewStore } from '../../src/db/bioPageStore.js';
import { createClickReader } from '../../src/db/clickReader.js';
import { counterStatements, createClickWriter, createStatsStore } from '../../src/db/index.js';
import type { Visit } from '../../src/domain/index.js';
import type { BioPageWiring } from '../../src/http/routes/bioPages.js';
import { createBioPageCache, createLinkCache, linkCacheForgettingBioPages } from '../../src/services/index.js';
import { recordClicks, type RecordDeps } from '../../src/services/recordClicks.js';
import { cachedUserAgents } from '../../src/services/userAgent.js';
import { createNodeSaltStore } from '../../src/node/saltFiles.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import type { NodeDatabase } from '../../src/node/sqlite.js';
import { makeTestApp, type TestApp } from './app.js';
import { fakeGeo } from './capture.js';

export interface BioTestApp extends TestApp {
  visits: Visit[];
  bio: BioPageWiring;
  /** Waits for the work queued after responses (page views). */
  settle(): Promise<void>;
  /** Writes the visits collected so far as clicks, through the real write path. */
  flush(): Promise<void>;
}

/** Bio page wiring over a test database; `pending` collects the work queued after responses. */
export function bioWiring(
  database: NodeDatabase,
  clock: () => number,
  pending: Promise<unknown>[] = [],
): BioPageWiring {
  return {
    store: createBioPageStore(database.db, database.batch),
    views: createBioPageViewStore(database.db, database.batch),
    cache: createBioPageCache(30_000, 1_000, clock),
    // As on Node: the next turn, after the response.
    afterResponse: (task) => void pending.push(new Promise((resolve) => setImmediate(resolve)).then(task)),
  };
}

/** The test app with bio pages and click capture, as the Node entry wires them. */
export async function makeBioApp(): Promise<BioTestApp> {
  const visits: Visit[] = [];
  const pending: Promise<unknown>[] = [];
  let capture!: RecordDeps;
  let bio!: BioPageWiring;
  const t = await makeTestApp((database, clock) => {
    bio = bioWiring(database, clock, pending);
    // Counters written with the clicks, as on D1, so stats see them without Node's counting thread.
    const clicks = createClickWriter(database.db, database.batch, {
      extraStatements: counterStatements(database.db),
    });
    capture = {
      clicks,
      geo: fakeGeo(),
      describeUserAgent: cachedUserAgents(),
      visitorKey: createVisitorKeys(createNodeSaltStore(database)),
    };
    return {
      linkCache: linkCacheForgettingBioPages(createLinkCache(1000, 60_000, clock), bio.cache),
      bioPages: bio,
      clicks: createClickReader(database.db),
      stats: createStatsStore(database.db),
      tracking: { recorder: { record: (v) => void visits.push(v) }, clock, clientAddress: () => '127.0.0.1' },
    };
  });
  return Object.assign(t, {
    visits,
    bio,
    async settle() {
      await Promise.all(pending.splice(0));
    },
    async flush() {
      await recordClicks(capture, visits.splice(0));
    },
  });
}

/** The posts the bio page HTTP tests list: two titled Instagram posts (one in a campaign) and an untitled one. */
export async function seedBioLinks(t: TestApp) {
  await t.api('POST', '/api/links', {
    url: 'https://shop.example/spring',
    slug: 'spring',
    title: 'Spring collection',
    network: 'instagram',
    campaign: 'Spring',
  });
  await t.api('POST', '/api/links', {
    url: 'https://blog.example/post?ref=x',
    slug: 'blog',
    title: 'Our blog',
    network: 'instagram',
  });
  await t.api('POST', '/api/links', { url: 'https://example.com/untitled/page', slug: 'plain' });
}

/** POST /api/bio-pages for @acme listing spring and blog, with `body` over those defaults. */
export const createAcme = (t: TestApp, body: Record<string, unknown>) =>
  t.api('POST', '/api/bio-pages', { handle: 'acme', title: 'Acme', links: ['spring', 'blog'], ...body });
