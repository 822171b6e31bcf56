/**
 * Local time in an IANA zone with nothing but Intl.DateTimeFormat, so Node and Workers agree.
 * A ZoneView knows the zone's UTC offsets over a stretch of time as constant-offset segments,
 * found by sampling every few days and bisecting each change to the minute; local calendar
 * arithmetic then needs no further Intl calls.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, ceilTo } from './timeBuckets.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * The zone's name if Intl knows it, in its usual spelling ("utc" → "UTC"), or null. Names that
 * ICU maps to an older alias (Asia/Kolkata → Asia/Calcutta) are kept as the caller wrote them.
 */
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  } catch {
    return null;
  }
}

/** Offset of the zone from UTC at instant ms, in ms (wall clock minus UTC). */
export function offsetAt(tz: string, ms: number): number {
  if (tz === 'UTC') return 0;
  const parts = formatter(tz).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

interface Segment {
  start: number;
  end: number;
  offset: number;
}

const SAMPLE_MS = 7 * DAY_MS; // zones never change offset twice within a week

/** The offsets of a zone around [from, to), for local calendar arithmetic without Intl calls. */
export interface ZoneView {
  tz: string;
  offsetAt(ms: number): number;
  /** Wall-clock time of an instant, as a UTC timestamp of the same reading. */
  wall(ms: number): number;
  /** First instant whose wall clock reads `wall` or later (DST gaps start at the transition). */
  firstAtOrAfter(wall: number): number;
  /**
   * The instant a wall-clock reading names: a repeated reading (autumn) is its first
   * occurrence, a skipped one (spring) moves forward with the clocks, 02:30 → 03:30.
   */
  instantOf(wall: number): number;
  /** Every instant in [from, to) where the wall clock reads a whole hour. */
  hourStarts(from: number, to: number): number[];
  /** The constant-offset stretches that meet [from, to), clipped to it, in order. */
  offsets(from: number, to: number): Array<{ from: number; to: number; offset: number }>;
}

export function zoneView(tz: string, from: number, to: number): ZoneView {
  const lo = from - 40 * DAY_MS;
  const hi = to + 2 * DAY_MS;
  const segments: Segment[] = [];
  if (tz === 'UTC') segments.push({ start: -Infinity, end: Infinity, offset: 0 });
  else {
    let start = -Infinity;
    let t = lo;
    let offset = offsetAt(tz, t);
    while (t < hi) {
      const next = Math.min(t + SAMPLE_MS, hi);
      const nextOffset = offsetAt(tz, next);
      if (nextOffset !== offset) {
        // Bisect to the first minute with the new offset.
        let a = t;
        let b = next;
        while (b - a > MINUTE_MS) {
          const mid = a + Math.floor((b - a) / 2 / MINUTE_MS) * MINUTE_MS;
          if (offsetAt(tz, mid) === offset) a = mid;
          else b = mid;
        }
        segments.push({ start, end: b, offset });
        start = b;
        offset = offsetAt(tz, b);
        t = b;
        continue;
      }
      t = next;
    }
    segments.push({ start, end: Infinity, offset });
  }

  const segmentOf = (ms: number) => segments.find((s) => ms >= s.start && ms < s.end)!;

  return {
    tz,
    offsetAt: (ms) => segmentOf(ms).offset,
    wall: (ms) => ms + segmentOf(ms).offset,
    firstAtOrAfter(wall) {
      let best = Infinity;
      for (const s of segments) {
        const t = Math.max(s.start, wall - s.offset);
        if (t < s.end && t < best) best = t;
      }
      return best;
    },
    instantOf(wall) {
      let best = Infinity;
      for (const s of segments) {
        const t = wall - s.offset;
        if (t >= s.start && t < s.end && t < best) best = t;
      }
      return best !== Infinity ? best : wall - segmentOf(wall - DAY_MS).offset;
    },
    hourStarts(a, b) {
      const out: number[] = [];
      for (const s of segments) {
        const start = Math.max(a, s.start);
        const end = Math.min(b, s.end);
        // Instants t with (t + offset) on a whole hour, i.e. t ≡ -offset (mod 1 h).
        for (let t = ceilTo(start + s.offset, HOUR_MS) - s.offset; t < end; t += HOUR_MS) out.push(t);
      }
      return out;
    },
    offsets(a, b) {
      return segments
        .filter((s) => s.start < b && s.end > a)
        .map((s) => ({ from: Math.max(a, s.start), to: Math.min(b, s.end), offset: s.offset }));
    },
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 with the zone's offset at that instant: 2026-03-01T00:00:00+05:30. */
export function formatLocal(view: ZoneView, ms: number): string {
  const offset = view.offsetAt(ms);
  const d = new Date(ms + offset);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / MINUTE_MS;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
