import { memoryLogger } from '../support/logs.js';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { sha256Hex } from '../../src/services/index.js';
import { locationFromCf } from '../../src/worker/location.js';
import { createSaltMemo } from '../../src/worker/salts.js';
import { misconfigured, workerSettings } from '../../src/worker/settings.js';

const VISITOR_SECRET = 'a-visitor-secret-for-worker-settings-tests';

describe('Worker settings', () => {
  it('requires a strong VISITOR_SECRET, naming it and never showing it', async () => {
    const log = memoryLogger();
    for (const env of [{}, { VISITOR_SECRET: 'too-short-a-secret' }]) {
      const err = await workerSettings(env).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      const body = JSON.stringify(await misconfigured(err, log).json());
      expect(body).toContain('VISITOR_SECRET');
      expect(body).not.toContain('too-short');
    }
    expect(log.messages().join('\n')).not.toContain('too-short');
  });

  it('uses PUBLIC_URL when set and otherwise leaves the base to each request', async () => {
    expect(await workerSettings({ VISITOR_SECRET })).toMatchObject({
      publicUrl: null,
      adminKeyHash: null,
      apiRateLimit: 1200,
      clickRetentionDays: null,
    });
    const set = await workerSettings({
      PUBLIC_URL: 'https://go.example.com/',
      ADMIN_API_KEY: 'a-secret-of-24-characters',
      VISITOR_SECRET,
    });
    expect(set).toMatchObject({
      publicUrl: 'https://go.example.com',
      adminKeyHash: await sha256Hex('a-secret-of-24-characters'),
    });
  });

  it('answers a bad setting with its name, and never logs or shows the secret', async () => {
    const logger = memoryLogger();
    const err = await workerSettings({ ADMIN_API_KEY: 'short-secret', VISITOR_SECRET }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const res = misconfigured(err, logger);
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('ADMIN_API_KEY');
    expect(body).not.toContain('short-secret');
    expect(logger.messages()).toContain('Invalid setting ADMIN_API_KEY: must be at least 24 characters');

    const url = await workerSettings({ PUBLIC_URL: 'not a url', VISITOR_SECRET }).catch((e: unknown) => e);
    expect(((await misconfigured(url, logger).json()) as { error: { code: string } }).error.code).toBe('misconfigured');
  });
});

describe('location from request.cf', () => {
  it('takes country, region and city as Cloudflare gives them', () => {
    expect(locationFromCf({ country: 'NZ', region: 'Canterbury', city: 'Christchurch', colo: 'CHC' })).toEqual({
      country: 'NZ',
      region: 'Canterbury',
      city: 'Christchurch',
    });
  });

  it('treats Tor, unknown and missing fields as no place, and no cf object as no platform location', () => {
    expect(locationFromCf({ country: 'T1' })).toEqual({ country: null, region: null, city: null });
    expect(locationFromCf({ country: 'XX', region: '', city: 42 })).toEqual({
      country: null,
      region: null,
      city: null,
    });
    expect(locationFromCf(undefined)).toBeUndefined();
  });
});

describe('the per-isolate salt memo', () => {
  it('asks the database once per day and prunes once per day', async () => {
    const store = {
      saltFor: vi.fn(async (_day: string, candidate: string) => candidate),
      pruneBefore: vi.fn(async () => {}),
    };
    const memo = createSaltMemo();
    // Two requests, each wrapping its own store, share what the isolate learnt.
    expect(await memo.wrap(store).saltFor('2026-03-10', 'first', 0)).toBe('first');
    expect(await memo.wrap(store).saltFor('2026-03-10', 'second', 0)).toBe('first');
    await memo.wrap(store).pruneBefore('2026-03-08');
    await memo.wrap(store).pruneBefore('2026-03-08');
    expect(store.saltFor).toHaveBeenCalledTimes(1);
    expect(store.pruneBefore).toHaveBeenCalledTimes(1);
    await memo.wrap(store).pruneBefore('2026-03-09');
    expect(store.pruneBefore).toHaveBeenCalledTimes(2);
  });
});
