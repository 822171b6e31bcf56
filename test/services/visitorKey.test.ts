import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { createNodeSaltStore, saltDirFor } from '../../src/node/saltFiles.js';
import { createVisitorKeys } from '../../src/services/visitorKey.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => void (t = await makeTestApp()));
afterEach(() => t.close());

const at = (iso: string) => Date.parse(iso);

describe('visitor keys', () => {
  it('are stable within a UTC day and unrelated across midnight', async () => {
    const key = createVisitorKeys(createNodeSaltStore(t.database));
    const morning = await key('203.0.113.7', 'UA', at('2026-03-10T00:00:00Z'));
    const night = await key('203.0.113.7', 'UA', at('2026-03-10T23:59:59.999Z'));
    const nextDay = await key('203.0.113.7', 'UA', at('2026-03-11T00:00:00Z'));
    expect(morning).toBe(night);
    expect(nextDay).not.toBe(night);
    expect(morning).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tell different addresses and user agents apart', async () => {
    const key = createVisitorKeys(createNodeSaltStore(t.database));
    const when = at('2026-03-10T12:00:00Z');
    const a = await key('203.0.113.7', 'UA', when);
    expect(await key('203.0.113.8', 'UA', when)).not.toBe(a);
    expect(await key('203.0.113.7', 'UA2', when)).not.toBe(a);
  });

  it('survive a restart on the same day (salt kept in a file beside the database)', async () => {
    const when = at('2026-03-10T12:00:00Z');
    const first = await createVisitorKeys(createNodeSaltStore(t.database))('198.51.100.1', 'UA', when);
    const again = await createVisitorKeys(createNodeSaltStore(t.database))('198.51.100.1', 'UA', when);
    expect(again).toBe(first);
  });

  it('delete salts older than two days', async () => {
    const key = createVisitorKeys(createNodeSaltStore(t.database));
    await key('x', 'UA', at('2026-03-01T12:00:00Z'));
    await key('x', 'UA', at('2026-03-02T12:00:00Z'));
    await key('x', 'UA', at('2026-03-04T12:00:00Z'));
    const days = readdirSync(saltDirFor(t.database.sqlite.name)).sort();
    expect(days).toEqual(['2026-03-02.salt', '2026-03-04.salt']);
    expect(t.database.sqlite.prepare('select count(*) from visitor_salts').pluck().get()).toBe(0);
  });
});
