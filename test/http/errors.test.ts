import { afterEach, describe, expect, it, vi } from 'vitest';
import { isClientAbort, isStorageError } from '../../src/http/failures.js';
import { createStorageHealth, repeatedLog } from '../../src/services/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { memoryLogger } from '../support/logs.js';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });
/** drizzle wraps the driver's error in its own, with the driver's as the cause. */
const wrapped = (cause: Error) => Object.assign(new Error('Failed query: insert into "links" …'), { cause });

describe('which failures are whose', () => {
  it.each([
    ['a full disk', sqliteError('SQLITE_FULL', 'database or disk is full')],
    ['an I/O error', sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error')],
    ['a lock held too long', sqliteError('SQLITE_BUSY', 'database is locked')],
    ['a read-only file', sqliteError('SQLITE_READONLY', 'attempt to write a readonly database')],
    ['a wrapped full disk', wrapped(sqliteError('SQLITE_FULL', 'database or disk is full'))],
    ['D1 out of space', new Error('D1_ERROR: database or disk is full: SQLITE_FULL')],
  ])('takes %s for the storage', (_, err) => {
    expect(isStorageError(err)).toBe(true);
    expect(isClientAbort(err)).toBe(false);
  });

  it.each([
    ['a unique index', sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: links.slug')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('does not take %s for the storage', (_, err) => {
    expect(isStorageError(err)).toBe(false);
  });

  it.each([
    ['a body cut short', sqliteError('ECONNRESET', 'aborted')],
    ['a closed pipe', sqliteError('EPIPE', 'write EPIPE')],
    ['an abort', Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })],
  ])('takes %s for the client going away', (_, err) => {
    expect(isClientAbort(err)).toBe(true);
  });
});

describe('repeated failures in the log', () => {
  afterEach(() => vi.useRealTimers());

  it('logs the first in full, then one line per window with the count, until a window is quiet', () => {
    vi.useFakeTimers({ now: 0 });
    const logger = memoryLogger();
    const failing = repeatedLog(logger, 'error', 'write failed', { windowMs: 1_000 });
    for (let i = 0; i < 500; i++) failing.report({ attempt: i, err: new Error(`boom ${i}`) });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.fields.err).toBeInstanceOf(Error);
    vi.advanceTimersByTime(1_000);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[1]!.fields).toEqual({ attempt: 499, error: 'boom 499', repeated: 499, windowMs: 1_000 });
    for (let i = 0; i < 10; i++) failing.report({ attempt: i });
    vi.advanceTimersByTime(1_000);
    expect(logger.lines[2]!.fields).toMatchObject({ repeated: 10 });
    vi.advanceTimersByTime(5_000); // a quiet window ends the spell: nothing more
    expect(logger.lines).toHaveLength(3);
    failing.report({ attempt: 0, err: new Error('again') });
    expect(logger.lines).toHaveLength(4);
    expect(logger.lines[3]!.fields.err).toBeInstanceOf(Error); // a new spell starts in full
  });
});

describe('the API when things fail', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers an unexpected error with 500, logs it once with its request id, then counts repeats', async () => {
    const logger = memoryLogger();
    t = await makeTestApp({
      logger,
      links: {
        ...({} as TestApp['deps']['links']),
        list: async () => {
          throw new TypeError('a bug');
        },
      },
    });
    const first = await t.api('GET', '/api/links');
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    const id = first.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    for (let i = 0; i < 50; i++) expect((await t.api('GET', '/api/links')).status).toBe(500);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'unhandled error: answering 500',
      fields: { requestId: id, method: 'GET', path: '/api/links' },
    });
  });

  it('answers a storage failure with 503 storage_unavailable and Retry-After, and marks the storage degraded', async () => {
    const health = createStorageHealth(Date.now);
    t = await makeTestApp({
      storageHealth: health,
      links: {
        ...({} as TestApp['deps']['links']),
        list: async () => {
          throw wrapped(sqliteError('SQLITE_IOERR_READ', 'disk I/O error'));
        },
      },
    });
    const res = await t.api('GET', '/api/links');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: 'storage_unavailable', message: expect.any(String) } });
    expect(health.state()).toBe('degraded');
    expect((await t.app.request('/healthz')).status).toBe(503);
  });

  it('forgets a storage failure a minute later when nothing has written since', () => {
    let now = 0;
    const health = createStorageHealth(() => now);
    health.failed();
    now = 59_999;
    expect(health.state()).toBe('degraded');
    now = 60_000;
    expect(health.state()).toBe('ok');
    health.failed();
    health.succeeded();
    expect(health.state()).toBe('ok');
  });
});
