// One analytics panel (cards, clicks over time, breakdowns, export) used by the overview,
// a campaign's page and a link's page, each with its own fixed filters.
import { get } from './api.js';
import { lineChart } from './charts.js';
import { exportButton, rangeControls, readRange } from './controls.js';
import { emptyState, errorBox, h, loading, replace } from './dom.js';
import { num, rangeLabel, rangeParams } from './format.js';
import { NETWORK_LABELS, networkLabel } from './utm.js';

const BREAKDOWN_TITLES = {
  source: 'Sources',
  referrer: 'Referrers',
  country: 'Countries',
  city: 'Cities',
  device: 'Devices',
  os: 'Operating systems',
  browser: 'Browsers',
  qr: 'Link clicks and QR scans',
  network: 'Networks',
  campaign: 'Campaigns',
  link: 'Top posts',
};

let regionNames = null;
try {
  regionNames = new Intl.DisplayNames(undefined, { type: 'region' });
} catch {
  // older browsers: show the country code
}

/** A breakdown row's words, and where it leads (a link's or campaign's page). */
function describe(dimension, row) {
  const { value } = row;
  if (value === null || value === '') {
    return {
      text:
        dimension === 'country' || dimension === 'city'
          ? 'Unknown'
          : dimension === 'referrer'
            ? 'No referrer'
            : '(none)',
    };
  }
  // Sources are network ids when a network sent the click (linkedin, x…), else words like "direct".
  if (dimension === 'network' || (dimension === 'source' && NETWORK_LABELS[value]))
    return { text: networkLabel(value) };
  if (dimension === 'country') {
    let name = value;
    try {
      name = regionNames?.of(String(value).toUpperCase()) ?? value;
    } catch {
      // not a region code
    }
    return { text: name === value ? value : `${name} (${value})` };
  }
  if (dimension === 'link') return { text: row.label || value, href: `#/link/${encodeURIComponent(value)}` };
  if (dimension === 'campaign') return { text: value, href: `#/campaigns/${encodeURIComponent(value)}` };
  if (dimension === 'device') return { text: String(value).charAt(0).toUpperCase() + String(value).slice(1) };
  return { text: row.label || String(value) };
}

function breakdown(dimension, rows) {
  const max = Math.max(1, ...rows.map((r) => r.clicks));
  const id = `bd-${dimension}`;
  return h(
    'section',
    { class: 'card breakdown', 'aria-labelledby': id },
    h('h2', { id }, BREAKDOWN_TITLES[dimension] ?? dimension),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'Nothing in this period.')
      : h(
          'ol',
          {},
          rows.map((r) => {
            const d = describe(dimension, r);
            const bar = h('span');
            bar.style.width = `${Math.round((r.clicks / max) * 100)}%`; // CSSOM, allowed by the CSP
            return h(
              'li',
              {},
              h('span', { class: 'label' }, d.href ? h('a', { href: d.href }, d.text) : d.text),
              h('span', { class: 'value', title: `${num(r.uniques)} unique visitors` }, num(r.clicks)),
              h('span', { class: 'bar', 'aria-hidden': 'true' }, bar),
            );
          }),
        ),
  );
}

/** Labels for series points: hour, day, week or month in the range's time zone. */
export function pointLabel(t, interval, tz) {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const opts = { timeZone: tz };
  if (interval === 'hour') Object.assign(opts, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  else if (interval === 'month') Object.assign(opts, { month: 'short', year: 'numeric' });
  else Object.assign(opts, { month: 'short', day: 'numeric' });
  const text = new Intl.DateTimeFormat(undefined, opts).format(d);
  return interval === 'week' ? `Week of ${text}` : text;
}

/**
 * Renders the panel into `container`. fixed: filters the page imposes ({campaign} or
 * {slug}); dimensions: which breakdowns to show; onFilters: called after the reader changes
 * the range or bots mode. Keeps range and bots in the address. Returns {state, reload}.
 */
export function statsPanel(ctx, container, { fixed = {}, dimensions, emptyHint, onFilters = () => {} }) {
  const state = readRange(ctx.query);
  const params = () => ({ ...fixed, ...rangeParams(state), bots: state.bots });
  const body = h('div', { class: 'stats-body' });
  let destroyChart = () => {};
  ctx.onCleanup(() => destroyChart());

  const toolbar = h(
    'div',
    { class: 'toolbar' },
    rangeControls(state, () => {
      ctx.setQuery({
        ...Object.fromEntries(ctx.query),
        range: state.range,
        from: state.range === 'custom' ? state.from : '',
        to: state.range === 'custom' ? state.to : '',
        bots: state.bots === 'exclude' ? '' : state.bots,
      });
      load();
      onFilters(state);
    }),
    h('div', { class: 'spacer' }),
    h(
      'div',
      { class: 'exports' },
      exportButton('Download clicks (CSV)', '/api/clicks.csv', params),
      fixed.slug ? null : exportButton('Per-post report (CSV)', '/api/stats.csv', params),
    ),
  );
  container.append(toolbar, body);

  let generation = 0;
  async function load() {
    const mine = ++generation;
    replace(body, loading('Loading statistics…'));
    let stats;
    try {
      stats = await get('/api/stats', params(), { signal: ctx.signal });
    } catch (e) {
      if (e.name === 'AbortError' || mine !== generation) return;
      replace(body, errorBox(e, load));
      return;
    }
    if (mine !== generation) return;
    render(stats);
  }

  function render(stats) {
    const { totals, series } = stats;
    const { interval, tz } = stats.range;
    const chartBox = h('div');
    const botsLabel = state.bots === 'exclude' ? 'Bot hits filtered out' : 'Bot hits';
    replace(
      body,
      h(
        'div',
        { class: 'cards' },
        stat(state.bots === 'only' ? 'Bot clicks' : 'Clicks', totals.clicks),
        // The counters count a person once per post per day; say so where a campaign sums posts.
        stat('Unique visitors', totals.uniques, 'each person once per post per day'),
        stat(botsLabel, totals.bots),
      ),
      totals.clicks === 0 && totals.bots === 0
        ? emptyState(
            `No clicks in this period (${rangeLabel(state)}).`,
            emptyHint ?? 'Share one of your short links; clicks show up here within seconds.',
          )
        : null,
      h(
        'section',
        { class: 'card chart-card', 'aria-labelledby': 'chart-h' },
        h('h2', { id: 'chart-h' }, `Clicks over time, by ${interval}`),
        chartBox,
      ),
      h(
        'div',
        { class: 'breakdowns' },
        dimensions.map((d) => breakdown(d, stats.breakdowns[d])),
      ),
    );
    destroyChart();
    destroyChart = lineChart(chartBox, {
      labels: series.map((p) => pointLabel(p.t, interval, tz)),
      series: [
        { label: 'Clicks', data: series.map((p) => p.clicks) },
        { label: 'Unique visitors', data: series.map((p) => p.uniques), dashed: true },
      ],
      summary: `Clicks over time, ${rangeLabel(state)}: ${num(totals.clicks)} clicks, ${num(totals.uniques)} unique visitors.`,
      xTitle: interval === 'hour' ? 'Hour' : 'Date',
      fill: true,
    });
  }

  load();
  return { state, reload: load };
}

const stat = (label, value, note) =>
  h(
    'div',
    { class: 'stat' },
    h('p', { class: 'stat-label' }, label),
    h('p', { class: 'stat-value' }, num(value)),
    note ? h('p', { class: 'hint' }, note) : null,
  );
