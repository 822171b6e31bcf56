/**
 * Addresses and host names, normalised once so every comparison (the self-loop check, client
 * addresses, rate-limit buckets, referrer hosts) sees the same spelling of the same machine.
 */

/** The four numbers of a dotted IPv4 address, or null. Only the canonical a.b.c.d form. */
export function parseIpv4(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

/** The eight 16-bit groups of an IPv6 address (brackets, a zone and an IPv4 tail allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  s = s.replace(/%.*$/, '').toLowerCase();
  if (!s.includes(':') || !/^[0-9a-f:.]+$/.test(s)) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    // Keep a "::" just before the IPv4 part; drop a single separating ":".
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [
    ...head.map((g) => parseInt(g, 16)),
    ...(halves.length === 2 ? zeros : []),
    ...rest.map((g) => parseInt(g, 16)),
    ...tail,
  ];
}

/** An IPv6 address that only wraps an IPv4 one (::ffff:a.b.c.d, or the old ::a.b.c.d), as IPv4. */
function embeddedIpv4(groups: number[]): string | null {
  const zeroHead = groups.slice(0, 5).every((g) => g === 0);
  const mapped = zeroHead && groups[5] === 0xffff;
  const compatible = zeroHead && groups[5] === 0 && (groups[6]! !== 0 || groups[7]! > 1);
  if (!mapped && !compatible) return null;
  return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
}

/** RFC 5952 text of eight groups: lowercase, the longest run of zeros as "::". */
function ipv6Text(groups: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/**
 * A client address in one spelling, or null when it is no IP address: IPv4 as a.b.c.d
 * (IPv4-mapped IPv6 included), IPv6 in RFC 5952 form without brackets or zone.
 */
export function normalizeAddress(text: string | null | undefined): string | null {
  const s = text?.trim();
  if (!s) return null;
  const v4 = parseIpv4(s);
  if (v4) return v4.join('.');
  const v6 = parseIpv6(s);
  if (!v6) return null;
  return embeddedIpv4(v6) ?? ipv6Text(v6);
}

/**
 * The bucket a client is counted in by rate limits: its IPv4 address, or its IPv6 /64, since
 * one subscriber usually holds a whole /64 and could otherwise rotate addresses at will.
 */
export function addressBucket(address: string | null): string {
  const a = normalizeAddress(address);
  if (!a) return 'unknown';
  if (!a.includes(':')) return a;
  const groups = parseIpv6(a)!;
  return `${ipv6Text([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/**
 * A URL host name as one spelling: lowercase, no trailing dots, no brackets, IPv6 in RFC 5952
 * form and IPv6 that wraps IPv4 as IPv4. WHATWG URL parsing already turns the numeric IPv4
 * forms (0x7f.1, 2130706433) into a.b.c.d; this also accepts raw Host header values.
 */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.+$/, '');
  return normalizeAddress(h) ?? h;
}

/** Whether a (normalised or raw) host names this machine: localhost names, 127/8, 0/8, ::1, ::. */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = parseIpv4(h);
  if (v4) return v4[0] === 127 || v4[0] === 0;
  return h === '::1' || h === '::';
}
