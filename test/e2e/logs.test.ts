/**
 * The real server's logs: JSON lines with time, level and message; a flood of requests cut
 * mid-body writes nothing; and nothing a client sends that identifies it or signs it in
 * (address, key, session cookie) ever appears, even at LOG_LEVEL=debug.
 */
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';

const dir = tempDir('linkpost-e2e-logs-');
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'admin-key-for-e2e-tests-logs-01';
const ADDRESSES = ['203.0.113.41', '198.51.100.42', '2001:db8::43'];

/** A chunked POST to /api/session whose body is cut after a few bytes by closing the socket. */
function abortedPost(url: URL, address: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(
        `POST /api/session HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nX-Forwarded-For: ${address}\r\n` +
          `Transfer-Encoding: chunked\r\n\r\n10\r\n{"key":"lp_abcd`,
      );
      setTimeout(() => socket.destroy(), 2);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

const lines = (s: ServerProcess) =>
  s
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'));

describe('the server logs', () => {
  it('writes one JSON object a line with time, level and message, and nothing for a flood of aborted bodies', async () => {
    const s = await startServerProcess({
      DATABASE_PATH: join(dir, 'flood.db'),
      ADMIN_API_KEY: ADMIN,
      TRUST_PROXY: 'true',
    });
    running.push(s);
    // The start-up lines first: the one after the listening line may still be on its way.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const before = lines(s).length;
    const url = new URL(s.url);
    let sent = 0;
    const until = Date.now() + 5_000;
    const flooder = async () => {
      while (Date.now() < until) {
        await abortedPost(url, ADDRESSES[sent % ADDRESSES.length]!);
        sent++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, flooder));
    // The server still answers, and wrote nothing about the flood.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const during = lines(s).length - before;
    console.log(
      `aborted-body flood: ${sent} requests cut mid-body in 5 s, ${during} log lines, ${s.output().length} bytes of output in all`,
    );
    expect(sent).toBeGreaterThan(200);
    expect(during).toBe(0);
    expect(s.output()).not.toMatch(/unhandled|stack|Error: aborted/i);

    expect(await s.stop()).toBe(0);
    for (const line of s.output().trim().split('\n')) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({
        level: expect.stringMatching(/^(debug|info|warn|error)$/),
        message: expect.any(String),
      });
      expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    }
  });

  it('never logs a client address, an API key or a session token, even at debug level', async () => {
    const s = await startServerProcess({
      DATABASE_PATH: join(dir, 'private.db'),
      ADMIN_API_KEY: ADMIN,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'debug',
    });
    running.push(s);
    const as = (i: number, extra: Record<string, string> = {}) => ({
      'x-forwarded-for': ADDRESSES[i % ADDRESSES.length]!,
      ...extra,
    });
    const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}, i = 0) =>
      fetch(`${s.url}${path}`, { ...init, headers: { ...as(i), ...init.headers } });
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

    expect(
      (
        await api('/api/links', {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ url: 'https://example.com/', slug: 'seen' }),
        })
      ).status,
    ).toBe(201);
    const signIn = await api(
      '/api/session',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: ADMIN }) },
      1,
    );
    expect(signIn.status).toBe(201);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    expect(token.length).toBeGreaterThan(10);
    const wrongKey = 'lp_Wrong123_notARealKeyButShapedLikeOne0000';
    const requests: Promise<Response>[] = [
      api('/api/session', { headers: { cookie } }, 2),
      api('/api/links', { headers: { authorization: `Bearer ${wrongKey}` } }, 0),
      api('/api/links', { headers: { cookie, 'content-type': 'application/json' }, method: 'POST', body: '{}' }, 1),
      api('/api/links', { method: 'POST', headers: auth, body: '{not json' }, 2),
      api('/api/links', { method: 'POST', headers: auth, body: JSON.stringify({ url: 'x'.repeat(70_000) }) }, 0),
      api('/api/nothing', { headers: auth }, 1),
      api('/api/clicks.csv?from=bad', { headers: auth }, 2),
      api('/seen', { redirect: 'manual', headers: { referer: `https://t.co/${ADDRESSES[0]}` } }, 0),
      api('/seen', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Firefox/130.0' } }, 1),
      api('/unknown-slug', { redirect: 'manual' }, 2),
    ];
    for (const r of await Promise.all(requests)) expect(r.status).toBeLessThan(500);
    for (let i = 0; i < 20; i++) await abortedPost(new URL(s.url), ADDRESSES[i % 3]!);
    expect(await s.stop()).toBe(0);

    const out = s.output();
    expect(out).toMatch(/"level":"debug"/); // the aborts were seen, at debug level
    for (const secret of [...ADDRESSES, ADMIN, wrongKey, token]) expect(out).not.toContain(secret);
  });
});
