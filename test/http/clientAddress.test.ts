import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/http/clientAddress.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('clientAddress', () => {
  it('uses the socket address unless TRUST_PROXY is on', () => {
    const h = headers({ 'x-forwarded-for': '203.0.113.1', 'cf-connecting-ip': '198.51.100.2' });
    expect(clientAddress(h, '::ffff:127.0.0.1', false)).toBe('127.0.0.1');
  });
  it('behind a proxy prefers CF-Connecting-IP, then the first X-Forwarded-For address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.1', 'cf-connecting-ip': '198.51.100.2' }), '10.0.0.1', true)).toBe('198.51.100.2');
    expect(clientAddress(headers({ 'x-forwarded-for': ' 203.0.113.1 , 10.0.0.5' }), '10.0.0.1', true)).toBe('203.0.113.1');
    expect(clientAddress(headers({}), '10.0.0.1', true)).toBe('10.0.0.1');
  });
});
