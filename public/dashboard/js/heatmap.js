// The weekday × hour heatmap: a real table (headers for every row and column), coloured in
// five steps whose text keeps at least 4.5:1 contrast, plus a plain data table behind it.
import { h } from './dom.js';
import { num } from './format.js';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hh = (hour) => `${String(hour).padStart(2, '0')}:00`;

/** What a cell shows: clicks as they came, or first-24h clicks per post published then. */
export function cellValue(metric, c) {
  if (metric === 'first24h') return c.posts > 0 ? c.clicks / c.posts : null;
  return c.clicks;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Steps 1–5 of the largest value (0 for nothing), so the darkest cell is the busiest hour. */
const level = (value, max) =>
  value === null || value <= 0 || max <= 0 ? 0 : Math.max(1, Math.ceil((5 * value) / max));

/** Words for one cell, for screen readers and the tooltip. */
function describeCell(metric, c) {
  const when = `${WEEKDAYS[c.weekday]} ${hh(c.hour)}–${hh((c.hour + 1) % 24)}`;
  if (metric === 'first24h') {
    return c.posts === 0
      ? `${when}: no posts published`
      : `${when}: ${num(c.posts)} post${c.posts === 1 ? '' : 's'} published, ${oneDecimal.format(c.clicks / c.posts)} first-24h clicks per post (${num(c.clicks)} in all)`;
  }
  return `${when}: ${num(c.clicks)} click${c.clicks === 1 ? '' : 's'}, ${num(c.uniques)} unique, on ${num(c.posts)} post${c.posts === 1 ? '' : 's'}`;
}

/** The heatmap table for a /api/stats/heatmap answer. */
export function heatmapTable(body, caption) {
  const metric = body.metric;
  const values = body.cells.map((c) => cellValue(metric, c));
  const max = Math.max(0, ...values.filter((v) => v !== null));
  const rows = WEEKDAYS.map((day, weekday) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('abbr', { title: day }, day.slice(0, 3))),
      body.cells
        .filter((c) => c.weekday === weekday)
        .map((c) => {
          const value = cellValue(metric, c);
          const words = describeCell(metric, c);
          return h(
            'td',
            { class: `heat heat-${level(value, max)}`, title: words },
            h('span', { 'aria-hidden': 'true' }, value === null || value === 0 ? '' : compact.format(value)),
            h('span', { class: 'visually-hidden' }, words),
          );
        }),
    ),
  );
  return h(
    'div',
    { class: 'heatmap-scroll' },
    h(
      'table',
      { class: 'heatmap' },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td', {}),
          Array.from({ length: 24 }, (_, hour) =>
            h(
              'th',
              { scope: 'col', title: hh(hour) },
              h('span', { 'aria-hidden': 'true' }, String(hour).padStart(2, '0')),
              h('span', { class: 'visually-hidden' }, hh(hour)),
            ),
          ),
        ),
      ),
      h('tbody', {}, rows),
    ),
    legend(metric, max),
  );
}

/** One swatch per step in use, with the values it stands for ("13–25"); steps no value can reach are left out. */
function legend(metric, max) {
  const steps = [h('li', {}, h('span', { class: 'swatch heat-0', 'aria-hidden': 'true' }), 'none')];
  for (let l = 1; l <= 5; l++) {
    const hi = (l * max) / 5;
    const lo = ((l - 1) * max) / 5;
    let label;
    if (metric === 'first24h') label = `${oneDecimal.format(lo)}–${oneDecimal.format(hi)}`;
    else {
      const [a, b] = [Math.floor(lo) + 1, Math.floor(hi)];
      if (a > b) continue;
      label = a === b ? num(a) : `${num(a)}–${num(b)}`;
    }
    steps.push(h('li', {}, h('span', { class: `swatch heat-${l}`, 'aria-hidden': 'true' }), label));
  }
  return h(
    'ul',
    {
      class: 'heat-legend',
      'aria-label': metric === 'first24h' ? 'Colour scale, first-24h clicks per post' : 'Colour scale, clicks',
    },
    steps,
  );
}

/** Every cell with something in it as rows, busiest first: the numbers behind the colours. */
export function heatmapDataTable(body) {
  const metric = body.metric;
  const filled = body.cells
    .filter((c) => c.clicks > 0 || c.posts > 0)
    .sort(
      (a, b) => (cellValue(metric, b) ?? 0) - (cellValue(metric, a) ?? 0) || a.weekday - b.weekday || a.hour - b.hour,
    );
  const head =
    metric === 'first24h'
      ? ['Published', 'Posts', 'First-24h clicks', 'Per post']
      : ['When', 'Clicks', 'Unique visitors', 'Posts clicked'];
  return h(
    'details',
    { class: 'heat-data' },
    h(
      'summary',
      {},
      `The numbers behind the heatmap (${filled.length} hour${filled.length === 1 ? '' : 's'} with data)`,
    ),
    filled.length === 0
      ? h('p', { class: 'muted' }, 'Nothing in this period.')
      : h(
          'table',
          { class: 'table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              head.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            filled.map((c) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, `${WEEKDAYS[c.weekday]} ${hh(c.hour)}`),
                metric === 'first24h'
                  ? [
                      h('td', { class: 'num' }, num(c.posts)),
                      h('td', { class: 'num' }, num(c.clicks)),
                      h('td', { class: 'num' }, oneDecimal.format(c.clicks / c.posts)),
                    ]
                  : [
                      h('td', { class: 'num' }, num(c.clicks)),
                      h('td', { class: 'num' }, num(c.uniques)),
                      h('td', { class: 'num' }, num(c.posts)),
                    ],
              ),
            ),
          ),
        ),
  );
}
