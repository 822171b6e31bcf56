import { describe, expect, it } from 'vitest';
import { dayIn, EXPORT_PAGE_SIZE, exportClicks } from '../../src/services/exportClicks.js';
import { endlessReader } from '../http/exportFixtures.js';

/** What the export reads of a ClickReader. */
type ExportReader = Parameters<typeof exportClicks>[0]['clickExport'];

const utc = (iso: string) => Date.parse(iso);

describe('from/to in a time zone, read as /api/stats reads them', () => {
  const { reader } = endlessReader();
  const fromOf = (from: string, tz: string) =>
    exportClicks({ clickExport: reader, clock: () => 0, publicUrl: 'https://go.example' }, { from, tz }).filter.from;

  it.each([
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z'],
    ['2026-03-10', 'Europe/Paris', '2026-03-09T23:00:00.000Z'],
    ['2026-07-10', 'Europe/Paris', '2026-07-09T22:00:00.000Z'],
    ['2026-03-10', 'Asia/Kolkata', '2026-03-09T18:30:00.000Z'],
    ['2026-03-10T09:30', 'America/New_York', '2026-03-10T13:30:00.000Z'],
    ['2026-03-10T09:30:15.250', 'UTC', '2026-03-10T09:30:15.250Z'],
    ['2026-03-10T09:30:00+02:00', 'Asia/Tokyo', '2026-03-10T07:30:00.000Z'],
  ])('%s in %s starts at %s', (value, tz, expected) => {
    expect(new Date(fromOf(value, tz)!).toISOString()).toBe(expected);
  });

  it.each([
    ['from=2026-02-30', { from: '2026-02-30' }],
    ['from=10/03/2026', { from: '10/03/2026' }],
    ['tz=Mars/Olympus_Mons', { tz: 'Mars/Olympus_Mons' }],
    ['to before from', { from: '2026-03-10', to: '2026-03-01' }],
  ])('refuses %s', (_, input) => {
    expect(() => exportClicks({ clickExport: reader, clock: () => 0, publicUrl: '' }, input)).toThrow(
      /^(from|to|tz): /,
    );
  });

  it('names the day of an instant in a zone', () => {
    expect(dayIn(utc('2026-03-10T23:30:00Z'), 'UTC')).toBe('2026-03-10');
    expect(dayIn(utc('2026-03-10T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-11');
    expect(dayIn(utc('2026-03-10T02:00:00Z'), 'America/Chicago')).toBe('2026-03-09');
  });
});

describe('exportClicks', () => {
  const deps = (reader: ExportReader) => ({
    clickExport: reader,
    clock: () => utc('2026-03-10T23:30:00Z'),
    publicUrl: 'https://go.example',
  });

  it('reads nothing until the first chunk is asked for, and stops after the page that came up short', async () => {
    const pages: number[] = [];
    const reader: ExportReader = {
      async page(_f, afterId, limit) {
        pages.push(afterId);
        const n = afterId === 0 ? limit : 3;
        return endlessReader().reader.page(_f, afterId, n);
      },
      count: async () => 0,
    };
    const { chunks } = exportClicks(deps(reader), {});
    expect(pages).toEqual([]);
    const got = [];
    for await (const c of chunks) got.push(c.rows);
    expect(got).toEqual([0, EXPORT_PAGE_SIZE, 3]);
    expect(pages).toEqual([0, EXPORT_PAGE_SIZE]);
  });

  it('stops reading pages when the consumer returns early', async () => {
    const { reader, state } = endlessReader();
    const { chunks } = exportClicks(deps(reader), {});
    let n = 0;
    for await (const _ of chunks) if (++n === 3) break;
    expect(state.pages).toBe(2);
  });

  it('names the file after the filter and the export day in the chosen zone, in safe characters', () => {
    const { reader } = endlessReader();
    expect(exportClicks(deps(reader), { tz: 'Asia/Tokyo' }).filename).toBe('linkpost-clicks-all-2026-03-11.csv');
    expect(exportClicks(deps(reader), { slug: 'Launch_2026', bots: 'only' }).filename).toBe(
      'linkpost-clicks-launch-2026-bots-2026-03-10.csv',
    );
    const hostile = exportClicks(deps(reader), { campaign: '"; rm -rf / ;\r\nX-Evil: 1 ../../etc' }).filename;
    expect(hostile).toBe('linkpost-clicks-rm-rf-x-evil-1-etc-2026-03-10.csv');
    expect(hostile).toMatch(/^[a-z0-9.-]+$/);
  });

  it('passes the parsed filter to the reader, with the zone applied to dates', () => {
    const { reader } = endlessReader();
    const { filter } = exportClicks(deps(reader), {
      campaign: 'Q1',
      network: 'Twitter',
      from: '2026-03-01',
      to: '2026-04-01',
      tz: 'Europe/Paris',
    });
    expect(filter).toEqual({
      slug: undefined,
      campaign: 'Q1',
      network: 'x',
      bots: 'include',
      from: utc('2026-02-28T23:00:00Z'),
      to: utc('2026-03-31T22:00:00Z'),
    });
  });
});
