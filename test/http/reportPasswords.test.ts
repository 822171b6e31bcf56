import { pbkdf2Sync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitOptions } from '../../src/http/rateLimits.js';
import { AUTH_FAILURE_POLICY, createAuthFailureLimiter } from '../../src/services/authFailures.js';
import { createMemoryThrottleStore } from '../../src/services/memoryThrottleStore.js';
import { hashReportPassword, verifyReportPassword } from '../../src/services/reportPassword.js';
import { createReport, REPORT_FIGURES, reportGet } from '../support/reports.js';
import { makeStatsApp, recordScenario, SCENARIO_PLACES, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
const logs: string[] = [];
beforeAll(async () => {
  t = await makeStatsApp(SCENARIO_PLACES, 'node', (clock) => {
    const limits: RateLimitOptions = {
      clientAddress: (c) => c.req.header('x-test-client') ?? '198.51.100.1',
      authFailures: createAuthFailureLimiter({ store: createMemoryThrottleStore(), clock, log: (m) => logs.push(m) }),
    };
    return { limits };
  });
  await recordScenario(t);
});
afterAll(() => t.close());

const PASSWORD = 'correct horse battery';

/** POST the unlock form as a browser does. */
const unlock = (path: string, password: string, client = '198.51.100.1', base = '') =>
  t.app.request(`${base}${path}/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-client': client },
    body: new URLSearchParams({ password }).toString(),
  });
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('PBKDF2-SHA-256 passwords', () => {
  it('stores 100,000 rounds of PBKDF2-SHA-256 with a random salt, as node:crypto computes them', async () => {
    const record = await hashReportPassword(PASSWORD);
    const [scheme, rounds, salt, hash] = record.split('$');
    expect(scheme).toBe('pbkdf2-sha256');
    expect(rounds).toBe('100000');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(hash).toBe(pbkdf2Sync(PASSWORD, Buffer.from(salt!, 'base64'), 100_000, 32, 'sha256').toString('base64'));
    expect(await hashReportPassword(PASSWORD)).not.toBe(record);
    expect(await verifyReportPassword(PASSWORD, record)).toBe(true);
    expect(await verifyReportPassword(`${PASSWORD} `, record)).toBe(false);
    expect(await verifyReportPassword(PASSWORD, 'sha1$1$AAAA$AAAA')).toBe(false);
  });

  it('matches the published PBKDF2-HMAC-SHA256 vector (password, salt, 1 round)', async () => {
    const vector = Buffer.from('120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b', 'hex').toString(
      'base64',
    );
    expect(await verifyReportPassword('password', `pbkdf2-sha256$1$${btoa('salt')}$${vector}`)).toBe(true);
  });
});

describe('a report with a password', () => {
  let r: Awaited<ReturnType<typeof createReport>>;
  beforeAll(async () => {
    r = await createReport(t, { title: 'Confidential Q1', campaign: 'Spring', password: PASSWORD, allowCsv: true });
  });

  it('keeps only the hash, and says in the list that there is a password', async () => {
    expect(r.body.password).toBe(true);
    expect(JSON.stringify(t.database.sqlite.prepare('select * from reports').all())).not.toContain(PASSWORD);
  });

  it('asks for the password without naming the report, and locks every figure and the CSV', async () => {
    const page = await reportGet(t, r.path);
    expect(page.status).toBe(401);
    expect(page.body).toContain('This report is protected');
    expect(page.body).toContain(`action="${r.path}/unlock"`);
    expect(page.body).not.toContain('Confidential Q1');
    for (const figure of REPORT_FIGURES) {
      const data = await reportGet(t, `${r.path}/data/${figure}`);
      expect(data.status, figure).toBe(401);
      expect(data.body.error.code).toBe('report_locked');
    }
    expect((await reportGet(t, `${r.path}/report.csv`)).status).toBe(401);
  });

  it('refuses a wrong password and opens with the right one through a cookie for that report only', async () => {
    const wrong = await unlock(r.path, 'not it');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That password is not right.');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await unlock(r.path, PASSWORD);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(r.path);
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^lp_report=\d+\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain(`Path=${r.path}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure'); // plain http on a test host
    const cookie = { cookie: cookieOf(right) };
    const page = await reportGet(t, r.path, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Confidential Q1');
    for (const figure of REPORT_FIGURES)
      expect((await reportGet(t, `${r.path}/data/${figure}`, cookie)).status, figure).toBe(200);
    expect((await reportGet(t, `${r.path}/report.csv`, cookie)).status).toBe(200);

    // The same password on another report: the first report's cookie does not open it.
    const other = await createReport(t, { title: 'Other', campaign: 'Spring', password: PASSWORD });
    expect((await reportGet(t, other.path, cookie)).status).toBe(401);
    // A cookie edited to last longer is refused.
    const [until, mac] = cookieOf(right).slice('lp_report='.length).split('.');
    expect((await reportGet(t, r.path, { cookie: `lp_report=${Number(until) + 1000}.${mac}` })).status).toBe(401);
  });

  it('marks the cookie Secure over https', async () => {
    const res = await unlock(r.path, PASSWORD, '198.51.100.9', 'https://lp.test');
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('stops opening once the cookie is older than 30 days or the report has expired', async () => {
    const expiring = await createReport(t, {
      title: 'Short',
      campaign: 'Spring',
      password: PASSWORD,
      expiresAt: '2026-03-12T00:00:00Z',
    });
    const cookie = { cookie: cookieOf(await unlock(expiring.path, PASSWORD)) };
    const later = await unlock(r.path, PASSWORD);
    const start = t.clock();
    try {
      t.clock.set(Date.parse('2026-03-11T23:00:00Z'));
      expect((await reportGet(t, expiring.path, cookie)).status).toBe(200);
      t.clock.set(Date.parse('2026-03-12T00:00:00Z'));
      expect((await reportGet(t, expiring.path, cookie)).status).toBe(410);
      t.clock.set(start + 30 * 24 * 3600_000);
      expect((await reportGet(t, r.path, { cookie: cookieOf(later) })).status).toBe(401);
    } finally {
      t.clock.set(start);
    }
  });

  it('limits wrong passwords per address with the failed-authentication limiter', async () => {
    const client = '198.51.100.50';
    for (let i = 0; i < AUTH_FAILURE_POLICY.limit; i++)
      expect((await unlock(r.path, `guess ${i}`, client)).status).toBe(401);
    const blocked = await unlock(r.path, 'guess again', client);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    expect(await blocked.text()).toContain('Too many wrong passwords from your network');
    // Blocked, even the right password is not looked at.
    const rightDuringBlock = await unlock(r.path, PASSWORD, client);
    expect(rightDuringBlock.status).toBe(429);
    expect(rightDuringBlock.headers.get('set-cookie')).toBeNull();
    // Another address is not held by this one's block.
    expect((await unlock(r.path, PASSWORD, '198.51.100.51')).status).toBe(303);
    expect(logs.some((l) => l.startsWith('auth: client ') && !l.includes(client))).toBe(true);
    // Once the block is over, the right password works.
    t.clock.advance(2_000);
    expect((await unlock(r.path, PASSWORD, client)).status).toBe(303);
  });
});
