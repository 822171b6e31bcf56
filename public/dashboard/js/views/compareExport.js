// The Compare table as a CSV file, built from the rows on screen (the API has no compare CSV).
import { ifCan } from '../access.js';
import { filenamePart, saveCsv } from '../csv.js';
import { h } from '../dom.js';
import { localDay } from '../format.js';

/**
 * Header and one record per table row. rows: [{s, name, totals: {24, 72, 168}}] as compare.js
 * draws them; best: the highest total in the chosen window (0 marks nothing).
 */
export function compareRecords(rows, { by, hours }, windows, best) {
  const post = by === 'link';
  return [
    [
      post ? 'post' : 'network',
      ...(post ? ['slug', 'network', 'posted_at'] : ['posts', 'first_posted_at']),
      ...windows.map((w) => `clicks_first_${w.hours}h`),
      `best_in_first_${hours}h`,
    ],
    ...rows.map((r) => [
      r.name,
      ...(post ? [r.s.key, r.s.network, r.s.postedAt] : [r.s.posts, r.s.postedAt]),
      ...windows.map((w) => r.totals[w.hours]),
      best > 0 && r.totals[hours] === best,
    ]),
  ];
}

/** `linkpost-compare-<campaign>-<posts|networks>-<today>.csv`. */
export function compareFilename({ by, campaign }) {
  const parts = [campaign && filenamePart(campaign), by === 'network' ? 'networks' : 'posts'].filter(Boolean);
  return `linkpost-compare-${parts.join('-')}-${localDay(new Date())}.csv`;
}

/** The "Download table (CSV)" button; `records` is read at click time, so it follows the window chosen. */
export const compareCsvButton = (state, records) =>
  h(
    'div',
    { class: 'exports' },
    ifCan(
      'export',
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => saveCsv(compareFilename(state), records()) },
        'Download table (CSV)',
      ),
    ),
  );
