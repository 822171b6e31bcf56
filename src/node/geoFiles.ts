import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Location } from '../domain/index.js';

/*
 * geoip-lite's data files, read where they lie instead of loaded whole: geoip-lite reads its
 * 146 MB into buffers when imported, which was half the server's memory (issue 24). The files
 * are sorted ranges; a small index of every BLOCK-th range's start finds the block to read, so
 * an address costs two preads of the page cache (its block, then its place's name record) and
 * gives what geoip-lite's lookup gives (test/node/geoFiles.test.ts compares them address by
 * address). The format is geoip-lite 1.4's (lib/geoip.js): IPv4 city ranges of 24 bytes
 * (first, last, place id), IPv6 city ranges of 48 (first, last as 16 bytes, place id), place
 * records of 88 bytes (country 2, region 3, …, city from byte 42); without the city files,
 * country ranges of 10 and 34 bytes with the country code at their end.
 */

/** Ranges read at once: 128 × 48 bytes is one 6 KB pread at most. */
const BLOCK = 128;
const NO_PLACE = 0xffffffff;
const PLACE_RECORD = 88;

interface Layout {
  /** Bytes of a range record. */
  size: number;
  /** 32-bit words compared: geoip-lite compares the first 64 bits of an IPv6 address. */
  words: 1 | 2;
  /** Where the range's last address starts. */
  last: number;
  /** Where the place id (city files) or the country code (country files) is. */
  value: number;
  city: boolean;
}

const V4_CITY: Layout = { size: 24, words: 1, last: 4, value: 8, city: true };
const V4_COUNTRY: Layout = { size: 10, words: 1, last: 4, value: 8, city: false };
const V6_CITY: Layout = { size: 48, words: 2, last: 16, value: 32, city: true };
const V6_COUNTRY: Layout = { size: 34, words: 2, last: 16, value: 32, city: false };

/** geoip-lite answers nothing for these IPv4 ranges. */
const PRIVATE_V4: readonly [number, number][] = [
  [0x0a000000, 0x0affffff],
  [0xac100000, 0xac1fffff],
  [0xc0a80000, 0xc0a8ffff],
];

export interface GeoFiles {
  /** The address's place, null when the data has none (as geoip-lite's lookup returns null). */
  locate(address: string): Location | null;
  close(): void;
}

/** The directory geoip-lite reads: its data/, or GEODATADIR resolved as geoip-lite resolves it. */
export function geoipDataDir(): string {
  const lib = dirname(createRequire(import.meta.url).resolve('geoip-lite'));
  return resolve(lib, process.env.GEODATADIR || '../data/');
}

export function openGeoFiles(dir = geoipDataDir()): GeoFiles {
  const cityNames = join(dir, 'geoip-city-names.dat');
  const hasCities = existsSync(cityNames) && existsSync(join(dir, 'geoip-city.dat'));
  const v4 = openRanges(
    join(dir, hasCities ? 'geoip-city.dat' : 'geoip-country.dat'),
    hasCities ? V4_CITY : V4_COUNTRY,
  );
  const has6 = existsSync(join(dir, 'geoip-city6.dat'));
  const v6 = openRanges(join(dir, has6 ? 'geoip-city6.dat' : 'geoip-country6.dat'), has6 ? V6_CITY : V6_COUNTRY);
  const names = hasCities ? openSync(cityNames, 'r') : null;
  const place = Buffer.alloc(PLACE_RECORD);

  const answer = (ranges: Ranges, key: readonly number[]): Location | null => {
    const hit = ranges.find(key);
    if (hit === null) return null;
    if (!ranges.layout.city) return { country: hit.text || null, region: null, city: null };
    // A place id of -1 marks a range without location: geoip-lite answers it with empty fields.
    if (hit.placeId === NO_PLACE || names === null) return { country: null, region: null, city: null };
    readSync(names, place, 0, PLACE_RECORD, hit.placeId * PLACE_RECORD);
    return {
      country: cString(place, 0, 2) || null,
      region: cString(place, 2, 5) || null,
      city: cString(place, 42, PLACE_RECORD) || null,
    };
  };

  return {
    locate(address) {
      const kind = isIP(address);
      if (kind === 6) {
        const mapped = /^(?:0:0:0:0:0:ffff:|::ffff:)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
        if (!mapped) return answer(v6, ipv6High(address));
        address = mapped[1]!;
      } else if (kind !== 4) return null;
      const ip = ipv4(address);
      if (PRIVATE_V4.some(([from, to]) => ip >= from && ip <= to)) return null;
      return answer(v4, [ip]);
    },
    close() {
      closeSync(v4.fd);
      closeSync(v6.fd);
      if (names !== null) closeSync(names);
    },
  };
}

interface Ranges {
  fd: number;
  layout: Layout;
  find(key: readonly number[]): { placeId: number; text: string } | null;
}

function openRanges(path: string, layout: Layout): Ranges {
  const fd = openSync(path, 'r');
  const count = Math.floor(fstatSync(fd).size / layout.size);
  const { words, size } = layout;
  // The first address of every BLOCK-th range, and the very last address of the file.
  const starts = new Uint32Array(Math.ceil(count / BLOCK) * words);
  const block = Buffer.alloc(BLOCK * size);
  for (let b = 0; b * BLOCK < count; b++) {
    readSync(fd, block, 0, size, b * BLOCK * size);
    for (let w = 0; w < words; w++) starts[b * words + w] = block.readUInt32BE(w * 4);
  }
  const lastAddress = new Uint32Array(words);
  if (count > 0) {
    readSync(fd, block, 0, size, (count - 1) * size);
    for (let w = 0; w < words; w++) lastAddress[w] = block.readUInt32BE(layout.last + w * 4);
  }
  const cmpAt = (buf: Buffer | Uint32Array, at: number, key: readonly number[]) => {
    for (let w = 0; w < words; w++) {
      const v = buf instanceof Buffer ? buf.readUInt32BE(at + w * 4) : buf[at + w]!;
      if (v !== key[w]) return v < key[w]! ? -1 : 1;
    }
    return 0;
  };

  return {
    fd,
    layout,
    find(key) {
      if (count === 0 || cmpAt(starts, 0, key) > 0 || cmpAt(lastAddress, 0, key) < 0) return null;
      // The last block whose first range starts at or before the address.
      let lo = 0;
      let hi = starts.length / words - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cmpAt(starts, mid * words, key) <= 0) lo = mid;
        else hi = mid - 1;
      }
      const first = lo * BLOCK;
      const n = Math.min(BLOCK, count - first);
      readSync(fd, block, 0, n * size, first * size);
      // The last range in the block starting at or before the address; it must also end after it.
      let a = 0;
      let z = n - 1;
      while (a < z) {
        const mid = (a + z + 1) >> 1;
        if (cmpAt(block, mid * size, key) <= 0) a = mid;
        else z = mid - 1;
      }
      if (cmpAt(block, a * size + layout.last, key) < 0) return null;
      const at = a * size + layout.value;
      return layout.city
        ? { placeId: block.readUInt32BE(at), text: '' }
        : { placeId: NO_PLACE, text: cString(block, at, at + 2) };
    },
  };
}

/** A NUL-padded field, cut at its first NUL as geoip-lite cuts it. */
function cString(buf: Buffer, from: number, to: number): string {
  const s = buf.toString('utf8', from, to);
  const nul = s.indexOf('\u0000');
  return nul === -1 ? s : s.slice(0, nul);
}

function ipv4(address: string): number {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** The first 64 bits of an IPv6 address (net.isIP has checked it), as two 32-bit words. */
function ipv6High(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  // A dotted IPv4 tail stands for the last two groups; it never reaches the first 64 bits.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  const g = groups.slice(0, 4).map((x) => parseInt(x, 16) || 0);
  return [((g[0]! << 16) >>> 0) + g[1]!, ((g[2]! << 16) >>> 0) + g[3]!];
}
