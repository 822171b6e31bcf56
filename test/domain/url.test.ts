import { describe, expect, it } from 'vitest';
import { AppError, parseDestination } from '../../src/domain/index.js';

const reason = (raw: string) => {
  try {
    parseDestination(raw, 'go.example.com');
    return null;
  } catch (e) {
    return (e as AppError).message;
  }
};

describe('parseDestination', () => {
  it('accepts http and https URLs', () => {
    expect(parseDestination('https://example.com/a b', 'go.example.com').href).toBe('https://example.com/a%20b');
    expect(reason('http://example.com')).toBeNull();
  });
  it.each([
    ['', /required/],
    ['example.com', /absolute/],
    ['ftp://example.com/file', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['https://user:pw@example.com', /user name or password/],
    ['https://go.example.com/abc', /loop/],
    [`https://example.com/${'a'.repeat(2048)}`, /longer than 2048/],
  ])('refuses %s', (raw, why) => {
    expect(reason(raw)).toMatch(why);
  });
  it('treats every loopback name on our port as ourselves, and other ports as elsewhere', () => {
    const own = '127.0.0.1:8787';
    const why = (raw: string) => {
      try {
        parseDestination(raw, own);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    for (const raw of [
      'http://localhost:8787/x',
      'http://127.0.0.2:8787/',
      'http://[::1]:8787/',
      'http://LOCALHOST:8787/',
    ]) {
      expect(why(raw), raw).toMatch(/loop/);
    }
    for (const raw of ['http://localhost:3000/', 'http://localhost/', 'http://example.com:8787/'])
      expect(why(raw), raw).toBeNull();
    expect(parseDestination('http://127.0.0.1:3000/', 'localhost:8787').port).toBe('3000');
    // Default ports follow each URL's scheme.
    expect(parseDestination('http://127.0.0.1/', 'https://localhost').hostname).toBe('127.0.0.1');
    expect(() => parseDestination('https://127.0.0.1/x', 'https://localhost')).toThrow(/loop/);
    expect(() => parseDestination('http://0.0.0.0:8787/', 'http://127.0.0.1:8787')).toThrow(/loop/);
  });
});
