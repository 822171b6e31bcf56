// CSV made in the browser from what a page shows, by the rules of src/domain/csv.ts (the static
// test holds the two to the same output): RFC 4180 quoting, OWASP's formula rule, a BOM for Excel.
import { h } from './dom.js';

const BOM = '\uFEFF';
// A cell starting with one of these may be run as a formula by a spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: a leading formula character gets a `'`, then quotes (doubled inside) when needed. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included. */
export const csvRecord = (values) => `${values.map(csvCell).join(',')}\r\n`;

/** Lowercase ASCII letters, digits and dashes for a file name (as the server names its exports). */
export function filenamePart(value) {
  return String(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Saves rows (the header first) as `filename`, through a Blob: nothing goes to the server. */
export function saveCsv(filename, rows) {
  const url = URL.createObjectURL(new Blob([BOM, ...rows.map(csvRecord)], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser may still be reading the Blob to disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
