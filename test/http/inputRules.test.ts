import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDestination } from '../../src/domain/index.js';
import { makeStatsApp, type StatsTestApp } from './statsFixture.js';

let t: StatsTestApp;
beforeEach(async () => void (t = await makeStatsApp()));
afterEach(() => t.close());

const json = async (res: Response) => (await res.json()) as any;
const message = (v: string) =>
  `${v} is not a real date and time (check the day of the month, hours 00–23, minutes and seconds 00–59)`;

describe('one rule for impossible dates', () => {
  it.each([
    ['postedAt', '2026-02-30'],
    ['postedAt', '2026-02-30T09:00:00Z'],
    ['expiresAt', '2026-04-31T00:00:00Z'],
    ['postedAt', '2026-03-01T24:00:00Z'],
    ['expiresAt', '2026-03-01T10:61:00Z'],
  ])('refuses %s %s when creating and editing a post', async (field, value) => {
    const created = await t.api('POST', '/api/links', { url: 'https://example.com/', [field]: value });
    expect(created.status).toBe(400);
    expect((await json(created)).error.message).toBe(`${field}: ${message(value)}`);
    await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'fine' });
    const edited = await t.api('PATCH', '/api/links/fine', { [field]: value });
    expect(edited.status).toBe(400);
    expect((await json(edited)).error.message).toBe(`${field}: ${message(value)}`);
  });

  it.each(['/api/clicks', '/api/clicks.csv', '/api/stats', '/api/campaigns', '/api/stats.csv'])(
    'refuses from/to 2026-02-30 on %s with the same message',
    async (path) => {
      for (const field of ['from', 'to']) {
        const res = await t.api('GET', `${path}?${field}=2026-02-30`);
        if (res.status === 404) continue; // a route this build does not have
        expect(res.status, `${path} ${field}`).toBe(400);
        expect((await json(res)).error.message).toBe(`${field}: ${message('2026-02-30')}`);
      }
    },
  );

  it('still takes real dates, leap days included', async () => {
    expect(
      (await t.api('POST', '/api/links', { url: 'https://example.com/', postedAt: '2028-02-29T09:00:00Z' })).status,
    ).toBe(201);
    expect((await t.api('GET', '/api/clicks?from=2028-02-29')).status).toBe(200);
    expect((await t.api('GET', '/api/stats?from=2028-02-29&to=2028-03-01')).status).toBe(200);
  });
});

describe('one rule for stored text', () => {
  it.each([
    ['title', 'NUL \u0000 here', 'U+0000'],
    ['title', 'ESC \u001b[31m red', 'U+001B'],
    ['title', 'BEL \u0007', 'U+0007'],
    ['title', 'C1 \u0085 next line', 'U+0085'],
    ['campaign', 'two\nlines', 'U+000A'],
    ['campaign', 'tab\there', 'U+0009'],
    ['title', 'gnp.exe\u202Etxt', 'U+202E'],
    ['campaign', 'isolate \u2066x\u2069', 'U+2066'],
  ])('refuses %s holding %j with 400 naming the field', async (field, value, codePoint) => {
    const res = await t.api('POST', '/api/links', { url: 'https://example.com/', [field]: value });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.message).toMatch(new RegExp(`^${field}: must not contain .*${codePoint.replace('+', '\\+')}`));
  });

  it('refuses lone surrogates, in titles, campaigns, UTM values, destinations and key names alike', async () => {
    const lone = 'broken \uD800 text';
    for (const body of [
      { url: 'https://example.com/', title: lone },
      { url: 'https://example.com/', campaign: lone },
      { url: 'https://example.com/', utm: { term: lone } },
      { url: `https://example.com/${lone}` },
    ]) {
      const res = await t.api('POST', '/api/links', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error.message).toMatch(/lone surrogate/);
    }
    const edit = await t.api('POST', '/api/links', { url: 'https://example.com/', slug: 'edit-me' });
    expect(edit.status).toBe(201);
    expect((await t.api('PATCH', '/api/links/edit-me', { title: '\u202Dx' })).status).toBe(400);
    const { createApiKey } = await import('../../src/services/index.js');
    await expect(createApiKey(t.deps, { name: 'laptop\u0000' })).rejects.toThrow(
      /name: must not contain control characters/,
    );
  });

  it('keeps newlines and tabs in titles, and emoji and every script everywhere', async () => {
    const res = await t.api('POST', '/api/links', {
      url: 'https://example.com/ünïcode',
      title: 'Launch\n\tday 🚀 عربى',
      campaign: 'Été 2026 — 日本',
      utm: { term: 'naïve' },
    });
    expect(res.status).toBe(201);
    expect((await json(res)).title).toBe('Launch\n\tday 🚀 عربى');
  });
});

describe('self-loop check', () => {
  it.each([
    'http://LOCALHOST.:8787/x',
    'http://localhost.:8787/',
    'http://[::ffff:127.0.0.1]:8787/',
    'http://[::ffff:7f00:1]:8787/',
    'http://0x7f.1:8787/',
    'http://2130706433:8787/',
    'http://127.1:8787/',
    'http://[0:0:0:0:0:0:0:1]:8787/',
    'http://app.localhost:8787/',
  ])('refuses %s for a server on 127.0.0.1:8787', (url) => {
    expect(() => parseDestination(url, 'http://127.0.0.1:8787'), url).toThrow(/loop/);
    expect(() => parseDestination(url.replace(':8787', ':9999'), 'http://127.0.0.1:8787')).not.toThrow();
  });

  it.each(['http://LP.TEST/x', 'http://lp.test./x', 'http://lp.test../x', 'https://lp.test./x'])(
    'refuses %s, the public host spelled another way',
    async (url) => {
      const res = await t.api('POST', '/api/links', { url });
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/loop/);
    },
  );
});
