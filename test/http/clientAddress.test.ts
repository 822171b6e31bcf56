import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { clientAddress } from '../../src/http/clientAddress.js';

const headers = (h: Record<string, string>) => new Headers(h);
const forged = { 'x-forwarded-for': '203.0.113.1, 198.51.100.9', 'cf-connecting-ip': '198.51.100.2' };

describe('clientAddress', () => {
  it('uses the socket address unless TRUST_PROXY is on', () => {
    expect(clientAddress(headers(forged), '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
  });

  it('with TRUST_PROXY=true believes only the entry its one proxy appended, and ignores CF-Connecting-IP', () => {
    const one = parseConfig({ TRUST_PROXY: 'true' }).trustProxy;
    expect(clientAddress(headers(forged), '10.0.0.1', one)).toBe('198.51.100.9');
    expect(clientAddress(headers({ 'x-forwarded-for': ' 203.0.113.1 , 10.0.0.5' }), '10.0.0.1', one)).toBe('10.0.0.5');
    expect(clientAddress(headers({ 'cf-connecting-ip': '198.51.100.2' }), '10.0.0.1', one)).toBe('10.0.0.1');
    expect(clientAddress(headers({}), '10.0.0.1', one)).toBe('10.0.0.1');
  });

  it('with TRUST_PROXY=N takes the Nth entry from the right, the leftmost when there are fewer', () => {
    const two = parseConfig({ TRUST_PROXY: '2' }).trustProxy;
    const chain = headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' });
    expect(clientAddress(chain, '10.0.0.1', two)).toBe('203.0.113.7');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7' }), '10.0.0.1', two)).toBe('203.0.113.7');
  });

  it('with TRUST_PROXY=cloudflare believes CF-Connecting-IP only', () => {
    const cf = parseConfig({ TRUST_PROXY: 'cloudflare' }).trustProxy;
    expect(clientAddress(headers(forged), '10.0.0.1', cf)).toBe('198.51.100.2');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.1' }), '10.0.0.1', cf)).toBe('10.0.0.1');
  });

  it('falls back to the socket when the trusted header is no address, and writes addresses one way', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': 'unknown' }), '10.0.0.1', 1)).toBe('10.0.0.1');
    expect(clientAddress(headers({ 'cf-connecting-ip': '<script>' }), '10.0.0.1', 'cloudflare')).toBe('10.0.0.1');
    expect(clientAddress(headers({ 'x-forwarded-for': '2001:DB8:0:0:0:0:0:1' }), '10.0.0.1', 1)).toBe('2001:db8::1');
    expect(clientAddress(headers({ 'x-forwarded-for': '::ffff:203.0.113.5' }), '10.0.0.1', 1)).toBe('203.0.113.5');
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(parseConfig({ TRUST_PROXY: 'Cloudflare' }).trustProxy).toBe('cloudflare');
  });
});
