/**
 * The report store's contract on both drivers: better-sqlite3 as Node opens it, and a local
 * D1 (migrated by wrangler) as the Worker opens it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkStore, createReportStore, type Database } from '../../src/db/index.js';
import type { NewLink, NewReport, ReportStore } from '../../src/domain/index.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { openD1 } from '../../src/worker/d1.js';
import { tempDir } from '../support/app.js';
import { openLocalD1 } from '../support/worker.js';

const drivers: { name: string; open(): Promise<{ db: Database; close(): Promise<void> }> }[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const dir = tempDir('linkpost-reports-');
      const database = openDatabase(join(dir, 'reports.db'));
      return { db: database.db, close: async () => (database.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'D1 (local)',
    async open() {
      const local = await openLocalD1();
      return { db: openD1(local.binding as Parameters<typeof openD1>[0]).db, close: () => local.close() };
    },
  },
];

const newLink = (slug: string): NewLink => ({
  slug,
  url: `https://example.com/${slug}`,
  destination: `https://example.com/${slug}`,
  title: null,
  campaign: 'C',
  network: null,
  utm: {},
  postedAt: null,
  createdAt: 1,
  updatedAt: 1,
  disabled: false,
  expiresAt: null,
  maxClicks: null,
});
const report = (tokenHash: string, over: Partial<NewReport> = {}): NewReport => ({
  tokenHash,
  title: `Report ${tokenHash}`,
  scope: { campaign: 'C' },
  range: null,
  expiresAt: null,
  passwordHash: null,
  allowCsv: false,
  createdAt: 5,
  ...over,
});

describe.each(drivers)('report store on $name', (driver) => {
  let d: Awaited<ReturnType<typeof driver.open>>;
  let reports: ReportStore;
  beforeAll(async () => {
    d = await driver.open();
    reports = createReportStore(d.db);
  }, 120_000);
  afterAll(() => d?.close(), 30_000);

  it('keeps a campaign report and a posts report as written, found by their token hash', async () => {
    const a = await reports.insert(
      report('h-a', {
        range: { from: 1000, to: 2000 },
        expiresAt: 9000,
        passwordHash: 'pbkdf2-sha256$100000$x$y',
        allowCsv: true,
      }),
    );
    const b = await reports.insert(report('h-b', { scope: { slugs: ['p1', 'p2'], linkIds: [7, 8] } }));
    expect(await reports.byTokenHash('h-a')).toEqual({
      id: a.id,
      title: 'Report h-a',
      scope: { campaign: 'C' },
      range: { from: 1000, to: 2000 },
      expiresAt: 9000,
      passwordHash: 'pbkdf2-sha256$100000$x$y',
      allowCsv: true,
      createdAt: 5,
    });
    expect((await reports.byTokenHash('h-b'))!.scope).toEqual({ slugs: ['p1', 'p2'], linkIds: [7, 8] });
    expect(await reports.byTokenHash('nope')).toBeNull();
    expect((await reports.list()).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('refuses a second report with the same token hash', async () => {
    await reports.insert(report('h-dup'));
    await expect(reports.insert(report('h-dup'))).rejects.toThrow();
  });

  it('removes a report once, and resolves slugs to link ids in one read', async () => {
    const r = await reports.insert(report('h-gone'));
    expect(await reports.remove(r.id)).toBe(true);
    expect(await reports.remove(r.id)).toBe(false);
    expect(await reports.byTokenHash('h-gone')).toBeNull();
    const links = createLinkStore(d.db);
    const one = await links.insert(newLink(`s-${driver.name.length}-1`));
    const ids = await reports.linkIds([one.slug, 'missing']);
    expect([...ids]).toEqual([[one.slug, one.id]]);
    expect((await reports.linkIds([])).size).toBe(0);
  });
});
