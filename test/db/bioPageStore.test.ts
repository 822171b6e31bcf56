/**
 * The bio page stores' contract on both drivers: better-sqlite3 as Node opens it, and a local
 * D1 (migrated by wrangler) as the Worker opens it. Batches, cascades and the unique handle
 * must behave the same on each.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBioPageStore, createBioPageViewStore } from '../../src/db/bioPageStore.js';
import { createLinkStore, type BatchWriter, type Database } from '../../src/db/index.js';
import {
  isAppError,
  type BioPageStore,
  type BioPageViewStore,
  type LinkStore,
  type NewLink,
} from '../../src/domain/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { openD1 } from '../../src/worker/d1.js';
import { tempDir } from '../support/app.js';
import { openLocalD1 } from '../support/worker.js';

const drivers: { name: string; open(): Promise<{ db: Database; batch: BatchWriter; close(): Promise<void> }> }[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const dir = tempDir('linkpost-bio-');
      const database = openDatabase(join(dir, 'bio.db'));
      return {
        db: database.db,
        batch: database.batch,
        close: async () => (database.close(), rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
  {
    name: 'D1 (local)',
    async open() {
      const local = await openLocalD1();
      const d1 = openD1(local.binding as Parameters<typeof openD1>[0]);
      return { db: d1.db, batch: d1.batch, close: () => local.close() };
    },
  },
];

const newLink = (slug: string, over: Partial<NewLink> = {}): NewLink => ({
  slug,
  url: `https://example.com/${slug}`,
  destination: `https://example.com/${slug}`,
  title: slug.toUpperCase(),
  campaign: null,
  network: null,
  utm: {},
  postedAt: null,
  createdAt: 1,
  updatedAt: 1,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
  ...over,
});
const page = (handle: string) => ({
  handle,
  title: `Page ${handle}`,
  text: null,
  avatarUrl: null,
  createdAt: 10,
  updatedAt: 10,
});

describe.each(drivers)('bio page stores on $name', (driver) => {
  let d: Awaited<ReturnType<typeof driver.open>>;
  let pages: BioPageStore;
  let views: BioPageViewStore;
  let links: LinkStore;
  let ids: Record<string, number>;
  let n = 0;

  beforeAll(async () => {
    d = await driver.open();
    pages = createBioPageStore(d.db, d.batch);
    views = createBioPageViewStore(d.db, d.batch);
    links = createLinkStore(d.db);
  }, 120_000);
  afterAll(() => d?.close(), 30_000);
  beforeEach(async () => {
    n++;
    ids = {};
    for (const s of ['a', 'b', 'c']) ids[s] = (await links.insert(newLink(`${s}${n}`))).id;
  });

  it('writes a page with its entries in order and reads it back by handle', async () => {
    const saved = await pages.insert(page(`p${n}`), [ids.c!, ids.a!, ids.b!]);
    expect(saved).toMatchObject({ handle: `p${n}`, title: `Page p${n}`, text: null, createdAt: 10 });
    expect(saved.links.map((l) => l.slug)).toEqual([`c${n}`, `a${n}`, `b${n}`]);
    expect((await pages.byHandle(`p${n}`))!.links.map((l) => l.id)).toEqual([ids.c, ids.a, ids.b]);
    expect(await pages.byHandle(`nope${n}`)).toBeNull();
    expect(await pages.linkIds([`a${n}`, `zz${n}`])).toEqual(new Map([[`a${n}`, ids.a]]));
  });

  it('refuses a taken handle as handle_taken, leaving no entries behind', async () => {
    await pages.insert(page(`t${n}`), [ids.a!]);
    const err = await pages.insert(page(`t${n}`), [ids.b!, ids.c!]).catch((e) => e);
    expect(isAppError(err) && err.code).toBe('handle_taken');
    expect((await pages.byHandle(`t${n}`))!.links.map((l) => l.id)).toEqual([ids.a]);
  });

  it('replaces fields and entries as one unit, and leaves entries alone when not given', async () => {
    const p = await pages.insert(page(`u${n}`), [ids.a!, ids.b!]);
    const updated = await pages.update(p.id, { title: 'New', text: 'hi', updatedAt: 20 }, [ids.b!, ids.c!]);
    expect(updated).toMatchObject({ title: 'New', text: 'hi', updatedAt: 20, createdAt: 10 });
    expect(updated!.links.map((l) => l.id)).toEqual([ids.b, ids.c]);
    expect((await pages.update(p.id, { updatedAt: 30 }))!.links.map((l) => l.id)).toEqual([ids.b, ids.c]);
    expect(await pages.update(999_999, { updatedAt: 1 })).toBeNull();
  });

  it('drops a deleted link from every page, and deletes entries and views with the page', async () => {
    const p = await pages.insert(page(`d${n}`), [ids.a!, ids.b!]);
    await links.remove(ids.a!);
    expect((await pages.byHandle(`d${n}`))!.links.map((l) => l.id)).toEqual([ids.b]);
    // An entry for a link deleted meanwhile is left out, not an error.
    const q = await pages.insert(page(`e${n}`), [ids.a!, ids.c!]);
    expect(q.links.map((l) => l.id)).toEqual([ids.c]);
    await views.add(p.id, 0, false);
    expect(await pages.remove(p.id)).toBe(true);
    expect(await pages.remove(p.id)).toBe(false);
    expect(await views.counts(p.id, 0, 0)).toEqual([]);
  });

  it('counts views per day, people and bots apart', async () => {
    const p = await pages.insert(page(`v${n}`), []);
    const day = 86_400_000;
    for (const [at, bot] of [
      [day, false],
      [day, false],
      [day, true],
      [2 * day, false],
    ] as const)
      await views.add(p.id, at, bot);
    expect(await views.counts(p.id, day, 2 * day)).toEqual([
      { day, bot: false, views: 2 },
      { day, bot: true, views: 1 },
      { day: 2 * day, bot: false, views: 1 },
    ]);
    expect(await views.counts(p.id, 2 * day, 3 * day)).toEqual([{ day: 2 * day, bot: false, views: 1 }]);
  });

  it('lists every page with its entries', async () => {
    await pages.insert(page(`l${n}`), [ids.b!]);
    const all = await pages.list();
    expect(all.find((p) => p.handle === `l${n}`)!.links.map((l) => l.id)).toEqual([ids.b]);
  });
});
