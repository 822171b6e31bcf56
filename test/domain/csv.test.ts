import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRecord, neutraliseFormula } from '../../src/domain/csv.js';

const readBack = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

describe('CSV cells and records', () => {
  it('leaves plain text alone and writes null as an empty cell', () => {
    expect(csvRecord(['a', 'b c', null, undefined, 42, true])).toBe('a,b c,,,42,true\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it.each(['=1+1', '+33 6 12', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","click")'])(
    'prefixes a quote to %j so no spreadsheet runs it',
    (value) => {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
      expect(readBack(csvRecord([value]))[0]![0]).toBe(`'${value}`);
    },
  );

  it('neutralises numbers and booleans the same way as text', () => {
    expect(csvCell(-5)).toBe("'-5");
  });

  it('does not touch a formula character that is not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(' =1')).toBe(' =1');
  });

  it('reads back exactly, through a real CSV parser, rows of hostile and multi-line cells', () => {
    const rows = [
      ['title', 'note'],
      ['Launch "big" day,\r\nsecond line\nthird line', 'ok'],
      ["=cmd|' /C calc'!A0", '@mention, "quoted"'],
      ['', 'ünïcødé — 東京 🚀'],
      ['\t tab first', '-1,5'],
    ];
    const text = CSV_BOM + rows.map(csvRecord).join('');
    expect(readBack(text)).toEqual(rows.map((r) => r.map(neutraliseFormula)));
  });
});
