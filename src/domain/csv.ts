/**
 * CSV as RFC 4180 writes it and spreadsheets read it, with OWASP's formula-injection rule.
 * Pure string work: no streams, no runtime.
 */

/** Excel reads a UTF-8 file as the local code page unless it starts with this mark. */
export const CSV_BOM = '\uFEFF';

/** RFC 4180 ends every record with CRLF, newlines inside quoted fields stay as they are. */
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

// OWASP CSV injection: a cell starting with one of these may be run as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A cell a spreadsheet will show as text: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return gets a `'` in front, whoever wrote the value.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised, then quoted (with quotes doubled) when it holds `"`, `,`, CR or LF. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_EOL;
}
