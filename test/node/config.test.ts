import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/node/sqlite.js';
import { tempDir } from '../support/app.js';

const dir = tempDir('linkpost-config-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseConfig', () => {
  it('defaults to loopback on 8787, ./data/linkpost.db and short URLs on http://HOST:PORT', () => {
    expect(parseConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      databasePath: './data/linkpost.db',
      publicUrl: 'http://127.0.0.1:8787',
      adminApiKey: null,
      trustProxy: 0,
      apiRateLimit: 1200,
      logLevel: 'info',
      clickRetentionDays: null,
      webhookAllowPrivate: false,
    });
  });

  it('reads WEBHOOK_ALLOW_PRIVATE and names a bad one', () => {
    expect(parseConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(() => parseConfig({ WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  it('reads LOG_LEVEL and CLICK_RETENTION_DAYS, and names a bad one', () => {
    expect(parseConfig({ LOG_LEVEL: 'debug', CLICK_RETENTION_DAYS: '90' })).toMatchObject({
      logLevel: 'debug',
      clickRetentionDays: 90,
    });
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ CLICK_RETENTION_DAYS: '0' })).toThrow(/CLICK_RETENTION_DAYS/);
    expect(() => parseConfig({ CLICK_RETENTION_DAYS: '1.5' })).toThrow(/CLICK_RETENTION_DAYS/);
  });

  it('never echoes the value of a bad ADMIN_API_KEY', () => {
    expect(() => parseConfig({ ADMIN_API_KEY: 'typo-of-secret' })).toThrow(
      /^Invalid setting ADMIN_API_KEY=<hidden>: must be at least 24 characters$/,
    );
  });

  it('builds the default PUBLIC_URL from HOST and PORT', () => {
    expect(parseConfig({ HOST: 'localhost', PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(parseConfig({ HOST: '::1', PORT: '9000' }).publicUrl).toBe('http://[::1]:9000');
  });

  it('listens on 0.0.0.0 but builds short URLs on 127.0.0.1, since 0.0.0.0 is no address to visit', () => {
    const config = parseConfig({ HOST: '0.0.0.0', PORT: '9000' });
    expect(config.host).toBe('0.0.0.0');
    expect(config.publicUrl).toBe('http://127.0.0.1:9000');
  });

  it('takes PUBLIC_URL as given, without a trailing slash', () => {
    expect(parseConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://go.example.com/' }).publicUrl).toBe(
      'https://go.example.com',
    );
  });

  it('treats empty settings as unset', () => {
    expect(parseConfig({ HOST: '', PORT: '', DATABASE_PATH: '', PUBLIC_URL: '' })).toEqual(parseConfig({}));
  });

  it('refuses an ADMIN_API_KEY shorter than 24 characters or with fewer than 10 different ones, without echoing it', () => {
    for (const weak of ['a-secret-of-16-chars', 'abababababababababababababab', '0123456789012345678901']) {
      expect(() => parseConfig({ ADMIN_API_KEY: weak })).toThrow(
        /^Invalid setting ADMIN_API_KEY=<hidden>: must [^\n]+$/,
      );
      try {
        parseConfig({ ADMIN_API_KEY: weak });
      } catch (e) {
        expect((e as Error).message).not.toContain(weak);
      }
    }
    expect(parseConfig({ ADMIN_API_KEY: 'correct-horse-battery-staple' }).adminApiKey).toBe(
      'correct-horse-battery-staple',
    );
  });

  it('reads API_RATE_LIMIT as requests per minute per key, 0 for none', () => {
    expect(parseConfig({ API_RATE_LIMIT: '60' }).apiRateLimit).toBe(60);
    expect(parseConfig({ API_RATE_LIMIT: '0' }).apiRateLimit).toBe(0);
    expect(() => parseConfig({ API_RATE_LIMIT: 'lots' })).toThrow(/API_RATE_LIMIT/);
  });

  it('names the first bad setting in one line', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/^Invalid setting PORT="70000": [^\n]+$/);
  });
});

describe('openDatabase', () => {
  it('creates the folder of the default DATABASE_PATH', () => {
    const path = resolve(dir, parseConfig({}).databasePath);
    expect(existsSync(dirname(path))).toBe(false);
    const database = openDatabase(path);
    database.close();
    expect(existsSync(path)).toBe(true);
  });

  it('turns on WAL, a busy timeout and foreign keys for the connection it opens', () => {
    const database = openDatabase(join(dir, 'nested', 'pragmas.db'));
    try {
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      database.close();
    }
  });
});
