// The client report page (/r/<token>): every figure comes from the report's own JSON routes
// (/r/<token>/data/…), which the server confines to the report's scope and range. No API key,
// no session: the page only ever asks its own address.
import { lineChart } from '../js/charts.js';
import { h, replace } from '../js/dom.js';
import { fmtDate, fmtDateTime, num, timeZone } from '../js/format.js';
import { heatmapDataTable, heatmapTable } from '../js/heatmap.js';
import { pointLabel } from '../js/stats.js';
import { NETWORK_LABELS, networkLabel } from '../js/utm.js';
import { insightList, lifetimeTable } from '../js/views/insights.js';

const base = location.pathname.replace(/\/+$/, '');
const body = document.getElementById('report-body');
const COMPARE_HOURS = 72;

/** One of the report's figures, in the reader's time zone. */
async function data(name, params = {}) {
  const query = new URLSearchParams({ tz: timeZone, ...params });
  const res = await fetch(`${base}/data/${name}?${query}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error?.message ?? `The report could not be read (${res.status})`);
  return json;
}

const section = (id, title, ...content) =>
  h(
    'section',
    { class: 'card report-section', 'aria-labelledby': id, id: `${id}-section` },
    h('h2', { id }, title),
    ...content,
  );

const stat = (label, value, note) =>
  h(
    'div',
    { class: 'stat' },
    h('p', { class: 'stat-label' }, label),
    h('p', { class: 'stat-value' }, num(value ?? 0)),
    note ? h('p', { class: 'hint' }, note) : null,
  );

function rowLabel(dimension, row) {
  if (row.value === null || row.value === '') return dimension === 'country' ? 'Unknown' : '(none)';
  if (dimension === 'network' || (dimension === 'source' && NETWORK_LABELS[row.value])) return networkLabel(row.value);
  if (dimension === 'link') return row.label || row.value;
  if (dimension === 'device') return String(row.value).charAt(0).toUpperCase() + String(row.value).slice(1);
  return row.label || String(row.value);
}

/** A breakdown as a plain table: it prints as it reads. */
function breakdownTable(dimension, rows, caption) {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'Nothing in this period.');
  return h(
    'table',
    { class: 'table', dataset: { breakdown: dimension } },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, caption),
        h('th', { scope: 'col', class: 'num' }, 'Clicks'),
        h('th', { scope: 'col', class: 'num' }, 'Unique visitors'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, rowLabel(dimension, r)),
          h('td', { class: 'num' }, num(r.clicks)),
          h('td', { class: 'num' }, num(r.uniques)),
        ),
      ),
    ),
  );
}

/** "1 Mar 2026 – 30 Mar 2026": `to` is exclusive, so the last day shown is the one before it. */
function rangeText(range) {
  const last = new Date(Date.parse(range.to) - 1);
  return `${fmtDate(range.from)} – ${fmtDate(last)} · times in ${range.tz}`;
}

function renderStats(stats, summary) {
  document.getElementById('report-range').textContent =
    `${summary.rolling ? 'The last 30 days: ' : ''}${rangeText(stats.range)}`;
  const chart = h('div');
  const out = [
    section(
      'totals-h',
      'Totals',
      h(
        'div',
        { class: 'cards' },
        stat('Clicks', stats.totals.clicks),
        stat('Unique visitors', stats.totals.uniques, 'each person once per post per day'),
        stat('Posts clicked', stats.breakdowns.link.length),
      ),
    ),
    section('series-h', `Clicks over time, by ${stats.range.interval}`, chart),
  ];
  const series = stats.series;
  return {
    nodes: out,
    draw: () =>
      lineChart(chart, {
        labels: series.map((p) => pointLabel(p.t, stats.range.interval, stats.range.tz)),
        series: [
          { label: 'Clicks', data: series.map((p) => p.clicks) },
          { label: 'Unique visitors', data: series.map((p) => p.uniques), dashed: true },
        ],
        summary: `Clicks over time: ${num(stats.totals.clicks)} clicks, ${num(stats.totals.uniques)} unique visitors.`,
        xTitle: stats.range.interval === 'hour' ? 'Hour' : 'Date',
        fill: true,
      }),
  };
}

function renderCompare(compare) {
  const chart = h('div');
  const rows = compare.series;
  const node = section(
    'compare-h',
    `Posts compared from the hour they were posted (first ${COMPARE_HOURS} hours)`,
    rows.length === 0 ? h('p', { class: 'muted' }, 'No posts yet.') : chart,
    rows.length === 0
      ? null
      : h(
          'table',
          { class: 'table', id: 'compare-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Post', 'Network', 'Posted', `Clicks in ${COMPARE_HOURS} h`].map((t, i) =>
                h('th', { scope: 'col', class: i === 3 ? 'num' : null }, t),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            rows.map((s) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, s.label),
                h('td', {}, networkLabel(s.network)),
                h('td', {}, fmtDateTime(s.postedAt)),
                h('td', { class: 'num' }, num(s.points.at(-1)?.cumulative ?? 0)),
              ),
            ),
          ),
        ),
  );
  const longest = rows.reduce((a, s) => (s.points.length > a.length ? s.points : a), []);
  return {
    nodes: [node],
    draw: () =>
      rows.length &&
      lineChart(chart, {
        labels: longest.map((p) => `${p.t} h`),
        series: rows.map((s) => ({ label: s.label, data: longest.map((_, i) => s.points[i]?.cumulative ?? null) })),
        summary: `Running total of clicks per post in the hours after it was posted, ${rows.length} posts.`,
        xTitle: 'Hours since posted',
      }),
  };
}

async function render() {
  const summary = await data('summary');
  const [stats, compare, heatmap, lifetime, insights] = await Promise.all([
    data('stats'),
    data('compare', { hours: String(COMPARE_HOURS) }),
    data('heatmap'),
    data('lifetime'),
    data('insights'),
  ]);
  const s = renderStats(stats, summary);
  const c = renderCompare(compare);
  const empty = heatmap.cells.every((x) => x.clicks === 0);
  replace(
    body,
    s.nodes,
    c.nodes,
    section(
      'networks-h',
      'Networks',
      breakdownTable('network', stats.breakdowns.network, 'Network'),
      h('h3', {}, 'How long a post lives, per network'),
      lifetimeTable(lifetime),
    ),
    section(
      'sources-h',
      'Where the clicks came from',
      h(
        'div',
        { class: 'report-columns' },
        breakdownTable('source', stats.breakdowns.source, 'Source'),
        breakdownTable('country', stats.breakdowns.country, 'Country'),
        breakdownTable('device', stats.breakdowns.device, 'Device'),
        breakdownTable('qr', stats.breakdowns.qr, 'Click or scan'),
      ),
    ),
    section(
      'heat-h',
      'When clicks arrive',
      h('p', { class: 'hint' }, `Weekday and hour in ${timeZone}; darker means more clicks.`),
      empty
        ? h('p', { class: 'muted' }, 'Nothing in this period.')
        : [heatmapTable(heatmap, `Clicks by weekday and hour, ${timeZone}`), heatmapDataTable(heatmap)],
    ),
    section('tips-h', 'Insights', insightList(insights.insights)),
  );
  s.draw();
  c.draw();
  actions(summary);
}

function actions(summary) {
  const box = document.getElementById('report-actions');
  const print = h('button', { type: 'button', class: 'btn', id: 'report-print' }, 'Print or save as PDF');
  print.addEventListener('click', () => window.print());
  const csv = summary.csv
    ? h(
        'a',
        {
          class: 'btn',
          id: 'report-csv',
          href: `${base}/report.csv?${new URLSearchParams({ tz: timeZone })}`,
          download: '',
        },
        'Per-post report (CSV)',
      )
    : null;
  replace(box, print, csv);
}

// Printing: the charts are drawn at about the paper's width, so their text prints at its own size
// (the print stylesheet then fits the bitmap to the page), and back to the screen's after.
const PRINT_CHART_SIZE = [680, 260];
const eachChart = (fn) => Object.values(window.Chart?.instances ?? {}).forEach(fn);
// update('none') redraws at once: the browser prints right after this event, before any timer or frame.
const printSize = (chart) => (chart.resize(...PRINT_CHART_SIZE), chart.update('none'));
addEventListener('beforeprint', () => eachChart(printSize));
addEventListener('afterprint', () => eachChart((chart) => chart.resize()));

render()
  .catch((e) => replace(body, h('p', { class: 'notice notice-error', role: 'alert' }, e.message)))
  .finally(() => {
    document.body.dataset.ready = 'true';
  });
