import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/cli/import.js';

const rows = (text: string) => readImportFile(text).map((r) => [r.line, r.values.url ?? null, r.problem ?? null]);

describe('reading an import file', () => {
  it('numbers rows by the line they start on, a CRLF inside a quoted cell being one line break', () => {
    const text = [
      '\ufeffurl,title', // 1
      'https://a.example,"two', // 2
      'lines"', // 3
      '', // 4: blank
      'https://c.example,z', // 5
      'https://d.example,"é, then a blank line', // 6
      '', // 7
      'inside"', // 8
      'https://e.example,y', // 9
    ].join('\r\n');
    expect(rows(text)).toEqual([
      [2, 'https://a.example', null],
      [5, 'https://c.example', null],
      [6, 'https://d.example', null],
      [9, 'https://e.example', null],
    ]);
  });

  it('numbers LF files the same way', () => {
    expect(rows('url,title\n"https://a.example",x\n\n\n"https://b.example","a\nb"\nhttps://c.example,y\n')).toEqual([
      [2, 'https://a.example', null],
      [5, 'https://b.example', null],
      [7, 'https://c.example', null],
    ]);
  });

  it('skips rows a spreadsheet left empty (only commas or spaces) and reports short rows by their line', () => {
    expect(rows('url,title\r\n,\r\n  ,  \r\nhttps://a.example\r\nhttps://b.example,ok\r\n')).toEqual([
      [4, null, 'expected 2 fields, found 1'],
      [5, 'https://b.example', null],
    ]);
  });

  it("names the header's own line when blank lines come before it", () => {
    expect(() => readImportFile('\r\n\r\nurl,colour\r\nhttps://a.example,red\r\n')).toThrow(
      'unknown column "colour" in the header (line 3)',
    );
  });
});
