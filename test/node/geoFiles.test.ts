import { readSync, openSync, closeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import geoip from 'geoip-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { geoipDataDir, openGeoFiles } from '../../src/node/geoFiles.js';

// The file-backed reader must place every address exactly where geoip-lite's in-memory lookup does.
const files = openGeoFiles();
afterAll(() => files.close());

const viaGeoipLite = (address: string) => {
  const r = geoip.lookup(address);
  return r ? { country: r.country || null, region: r.region || null, city: r.city || null } : null;
};

/** A deterministic generator, so a failure names an address that fails again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

const v4 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Each range's first and last address, and the addresses just outside them, of ranges spread over the file. */
function rangeEdges(file: string, size: number, picks: number, lastAt: number): Buffer[] {
  const fd = openSync(join(geoipDataDir(), file), 'r');
  const count = fstatSync(fd).size / size;
  const out: Buffer[] = [];
  for (let i = 0; i < picks; i++) {
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, Math.floor((i / picks) * count) * size);
    out.push(buf.subarray(0, lastAt), buf.subarray(lastAt, 2 * lastAt));
  }
  closeSync(fd);
  return out;
}
const v6 = (b: Buffer) => Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(':');

describe('geoip-lite data read from its files', () => {
  it('places random IPv4 addresses as geoip-lite does', () => {
    const next = random(24);
    const addresses = Array.from({ length: 20_000 }, () => v4(next()));
    const located = addresses.filter((a) => viaGeoipLite(a)?.city);
    expect(located.length).toBeGreaterThan(5_000); // the comparison covers real cities
    for (const a of addresses) expect([a, files.locate(a)]).toEqual([a, viaGeoipLite(a)]);
  });

  it('places the edges of ranges, and the gaps between them, as geoip-lite does', () => {
    for (const edge of rangeEdges('geoip-city.dat', 24, 3_000, 4)) {
      const n = edge.readUInt32BE(0);
      for (const a of [v4(n), v4((n - 1) >>> 0), v4((n + 1) >>> 0)])
        expect([a, files.locate(a)]).toEqual([a, viaGeoipLite(a)]);
    }
  });

  it('places IPv6 addresses, IPv4-mapped ones and the ends of the space as geoip-lite does', () => {
    const next = random(6);
    const group = () => (next() & 0xffff).toString(16);
    const addresses = [
      ...Array.from(
        { length: 5_000 },
        () => `2${(next() % 0x1000).toString(16).padStart(3, '0')}:${group()}::${group()}`,
      ),
      ...Array.from({ length: 2_000 }, () => `2a0${next() % 10}:${group()}:${group()}:${group()}:${group()}:0:0:1`),
      '::ffff:81.2.69.160',
      '0:0:0:0:0:ffff:49.44.0.1',
      '2001:4860:4860::8888',
      '::1',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      ...rangeEdges('geoip-city6.dat', 48, 3_000, 16).map(v6),
    ];
    expect(addresses.filter((a) => viaGeoipLite(a)?.country).length).toBeGreaterThan(3_000);
    for (const a of addresses) expect([a, files.locate(a)]).toEqual([a, viaGeoipLite(a)]);
  });

  it('answers nothing for private ranges and for what is not an address', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'not an address', '', '1.2.3'])
      expect(files.locate(a)).toBeNull();
    expect(files.locate('81.2.69.160')).toEqual(viaGeoipLite('81.2.69.160'));
    expect(files.locate('81.2.69.160')?.country).toBe('GB');
  });
});
