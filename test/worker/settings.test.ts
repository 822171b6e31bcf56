import { memoryLogger } from '../support/logs.js';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { sha256Hex } from '../../src/services/index.js';
import { locationFromCf } from '../../src/worker/location.js';
import { createSaltMemo } from '../../src/worker/salts.js';
import { misconfigured, workerSettings } from '../../src/worker/settings.js';

describe('Worker settings', () => {
  it('uses PUBLIC_URL when set and otherwise leaves the base to each request', async () => {
    expect(await workerSettings({})).toEqual({ publicUrl: null, adminKeyHash: null, clickRetentionDays: null });
    const set = await workerSettings({ PUBLIC_URL: 'https://go.example.com/', ADMIN_API_KEY: 'a-secret-of-16-chars' });
    expect(set).toEqual({ publicUrl: 'https://go.example.com', adminKeyHash: await sha256Hex('a-secret-of-16-chars'), clickRetentionDays: null });
  });

  it('answers a bad setting with its name, and never logs or shows the secret', async () => {
    const logger = memoryLogger();
    const err = await workerSettings({ ADMIN_API_KEY: 'short-secret' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const res = misconfigured(err, logger);
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('ADMIN_API_KEY');
    expect(body).not.toContain('short-secret');
    expect(logger.messages()).toEqual(['Invalid setting ADMIN_API_KEY: must be at least 16 characters']);

    const url = await workerSettings({ PUBLIC_URL: 'not a url' }).catch((e: unknown) => e);
    expect(((await misconfigured(url, logger).json()) as { error: { code: string } }).error.code).toBe('misconfigured');
  });
});

describe('location from request.cf', () => {
  it('takes country, region and city as Cloudflare gives them', () => {
    expect(locationFromCf({ country: 'NZ', region: 'Canterbury', city: 'Christchurch', colo: 'CHC' })).toEqual({
      country: 'NZ', region: 'Canterbury', city: 'Christchurch',
    });
  });

  it('treats Tor, unknown and missing fields as no place, and no cf object as no platform location', () => {
    expect(locationFromCf({ country: 'T1' })).toEqual({ country: null, region: null, city: null });
    expect(locationFromCf({ country: 'XX', region: '', city: 42 })).toEqual({ country: null, region: null, city: null });
    expect(locationFromCf(undefined)).toBeUndefined();
  });
});

describe('the per-isolate salt memo', () => {
  it('asks the database once per day and prunes once per day', async () => {
    const store = { saltFor: vi.fn(async (_day: string, candidate: string) => candidate), pruneBefore: vi.fn(async () => {}) };
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
