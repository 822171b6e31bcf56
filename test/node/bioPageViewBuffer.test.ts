import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBioPageStore, createBioPageViewStore } from '../../src/db/bioPageStore.js';
import type { BioPageViewStore } from '../../src/domain/index.js';
import { bufferBioPageViews } from '../../src/node/bioPageViewBuffer.js';
import { openDatabase, type NodeDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';

let dir: string;
let database: NodeDatabase;
let store: BioPageViewStore;
let pageId: number;
const DAY = 86_400_000;
const stored = () => database.sqlite.prepare('SELECT day, bot, views FROM bio_page_views ORDER BY day, bot').all();

beforeEach(async () => {
  dir = tempDir('linkpost-views-');
  database = openDatabase(join(dir, 'v.db'));
  store = createBioPageViewStore(database.db, database.batch);
  pageId = (
    await createBioPageStore(database.db, database.batch).insert(
      { handle: 'a', title: 'A', text: null, avatarUrl: null, createdAt: 0, updatedAt: 0 },
      [],
    )
  ).id;
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('buffered page views on Node', () => {
  it('sums views in memory and writes them in one batch', async () => {
    const buffer = bufferBioPageViews(store, () => {}, 60_000);
    for (let i = 0; i < 5; i++) await buffer.add(pageId, DAY, false);
    await buffer.add(pageId, DAY, true);
    await buffer.add(pageId, 2 * DAY, false);
    expect(stored()).toEqual([]);
    await buffer.flush();
    expect(stored()).toEqual([
      { day: DAY, bot: 0, views: 5 },
      { day: DAY, bot: 1, views: 1 },
      { day: 2 * DAY, bot: 0, views: 1 },
    ]);
    await buffer.add(pageId, DAY, false);
    await buffer.close();
    expect(stored()[0]).toEqual({ day: DAY, bot: 0, views: 6 });
  });

  it('writes on its own after flushMs', async () => {
    const buffer = bufferBioPageViews(store, () => {}, 20);
    await buffer.add(pageId, DAY, false);
    await expect.poll(stored).toEqual([{ day: DAY, bot: 0, views: 1 }]);
    await buffer.close();
  });

  it('lets reads see every view so far', async () => {
    const buffer = bufferBioPageViews(store, () => {}, 60_000);
    await buffer.add(pageId, DAY, false);
    expect(await buffer.counts(pageId, DAY, DAY)).toEqual([{ day: DAY, bot: false, views: 1 }]);
    await buffer.close();
  });

  it('keeps views of a failed write for the next one, and drops those of a deleted page', async () => {
    const logged: string[] = [];
    let fail = true;
    const flaky: BioPageViewStore = {
      ...store,
      addAll: (rows) => (fail ? ((fail = false), Promise.reject(new Error('busy'))) : store.addAll(rows)),
    };
    const buffer = bufferBioPageViews(flaky, (m) => logged.push(m), 60_000);
    await buffer.add(pageId, DAY, false);
    await buffer.add(pageId + 1, DAY, false); // no such page
    await buffer.flush();
    expect(logged).toEqual(['could not write bio page views; retrying']);
    expect(stored()).toEqual([]);
    await buffer.flush();
    expect(stored()).toEqual([{ day: DAY, bot: 0, views: 1 }]);
    await buffer.close();
  });
});
