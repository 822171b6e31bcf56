// Numbers, dates and ranges in the reader's own locale and time zone.

/**
 * Chrome's ICU reports some zones by CLDR's old IDs (Asia/Calcutta for Asia/Kolkata); readers
 * know the current IANA names, and the server keeps whichever name it is sent.
 */
const CURRENT_ZONE_NAMES = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
};
const resolvedZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
export const timeZone = CURRENT_ZONE_NAMES[resolvedZone] ?? resolvedZone;

const integer = new Intl.NumberFormat();
export const num = (n) => (typeof n === 'number' && Number.isFinite(n) ? integer.format(n) : '—');

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const toDate = (v) => (v === null || v === undefined || v === '' ? null : new Date(v));
const valid = (d) => d && !Number.isNaN(d.getTime());

export const fmtDateTime = (v) => (valid(toDate(v)) ? dateTime.format(toDate(v)) : '—');
export const fmtDate = (v) => (valid(toDate(v)) ? dateOnly.format(toDate(v)) : '—');
export const fmtTime = (v) => (valid(toDate(v)) ? timeOnly.format(toDate(v)) : '—');

/** A datetime-local input's value ("2026-03-10T09:00") for an ISO instant, in local time. */
export function toLocalInput(iso) {
  const d = toDate(iso);
  if (!valid(d)) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local value read in local time, or null when empty. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return valid(d) ? d.toISOString() : null;
}

/** "2026-03-10" for a Date, in local time (what <input type=date> shows). */
export function localDay(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const RANGES = [
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
];

/**
 * A range choice → the API's from/to (ISO instants) and tz. Preset ranges end now and start at
 * local midnight N-1 days ago; a custom range covers whole local days, `to` included.
 */
export function rangeParams({ range = '30d', from, to } = {}, now = new Date()) {
  if (range === 'custom' && from && to) {
    const start = new Date(`${from}T00:00:00`);
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    end.setMilliseconds(-1);
    if (valid(start) && valid(end) && start <= end) {
      return { from: start.toISOString(), to: end.toISOString(), tz: timeZone };
    }
  }
  const days = (RANGES.find((r) => r.id === range) ?? RANGES[1]).days;
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (days - 1));
  return { from: start.toISOString(), to: now.toISOString(), tz: timeZone };
}

/** Human words for a range choice. */
export function rangeLabel({ range = '30d', from, to } = {}) {
  if (range === 'custom' && from && to) return `${fmtDate(`${from}T00:00:00`)} – ${fmtDate(`${to}T00:00:00`)}`;
  return `Last ${(RANGES.find((r) => r.id === range) ?? RANGES[1]).label}`;
}

/** Place of a click in words: "Lyon, FR", "FR" or "unknown". */
export const place = (c) => [c.city, c.country].filter(Boolean).join(', ') || 'unknown';

const STATUS_LABELS = { live: 'Live', disabled: 'Disabled', expired: 'Expired', exhausted: 'Limit reached' };

/** The status the API gives a link (live, disabled, expired, exhausted), with its words. */
export const statusWords = (link) => ({ id: link.status, label: STATUS_LABELS[link.status] });

/** A post's name for people: its title, else its slug. */
export const linkName = (link) => link.title || link.slug;
