import { afterEach, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/index.js';
import { createApp } from '../../src/http/app.js';
import { createSessionStore } from '../../src/db/index.js';
import { sha256Hex } from '../../src/services/index.js';
import { listSessions, revokeSessions } from '../../src/services/sessions.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
afterEach(() => t.close());

const ADMIN = 'admin-key-for-tests-only';

async function signIn(app: ReturnType<typeof createApp>, key: string) {
  const res = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  expect(res.status).toBe(201);
  return `lp_session=${/lp_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
}
const links = (app: ReturnType<typeof createApp>, cookie: string) => app.request('/api/links', { headers: { cookie } });

describe('sessions follow their key', () => {
  it('ends ADMIN_API_KEY sessions when the key changes, and they come back with the old key', async () => {
    t = await makeTestApp();
    const cookie = await signIn(t.app, ADMIN);
    expect((await links(t.app, cookie)).status).toBe(200);

    // A restart with a new ADMIN_API_KEY: the same database, another key.
    const rotated = createApp({ ...t.deps, adminKeyHash: await sha256Hex('a-brand-new-admin-key-0987') });
    expect((await links(rotated, cookie)).status).toBe(401);
    const unset = createApp({ ...t.deps, adminKeyHash: null });
    expect((await links(unset, cookie)).status).toBe(401);
    expect((await links(t.app, cookie)).status).toBe(200);
  });

  it('stores nothing from which the admin key or the cookie could be checked alone', async () => {
    t = await makeTestApp();
    const cookie = await signIn(t.app, ADMIN);
    const [row] = await t.database.db.select().from(sessions);
    expect(row!.apiKeyId).toBeNull();
    expect(row!.tokenHash).not.toBe(await sha256Hex(cookie.slice('lp_session='.length)));
    expect(JSON.stringify(row)).not.toContain(await sha256Hex(ADMIN));
  });

  it('ends a key session when its key is revoked, and lists and revokes sessions by id', async () => {
    t = await makeTestApp();
    const deps = { ...t.deps, sessions: createSessionStore(t.database.db) };
    const admin = await signIn(t.app, ADMIN);
    const mine = await signIn(t.app, t.key);
    const listed = await listSessions(deps);
    expect(listed.map((s) => s.principal).sort()).toEqual(['ADMIN_API_KEY', 'key #1 "test"']);
    expect(listed.every((s) => /^[0-9a-f]{12}$/.test(s.id))).toBe(true);

    await revokeSessions(deps, { id: listed.find((s) => s.principal === 'ADMIN_API_KEY')!.id });
    expect((await links(t.app, admin)).status).toBe(401);
    expect((await links(t.app, mine)).status).toBe(200);
    await expect(revokeSessions(deps, { id: '000000000000' })).rejects.toThrow(/no live session/);
    await expect(revokeSessions(deps, { id: 'nope' })).rejects.toThrow(/12 hex digits/);

    await signIn(t.app, ADMIN);
    expect(await revokeSessions(deps, { all: true })).toBe(2);
    expect((await links(t.app, mine)).status).toBe(401);
    expect(await listSessions(deps)).toEqual([]);
  });
});
