// Chart.js (public/dashboard/vendor, loaded before the modules) behind two small helpers.
// Every chart has a text alternative: an aria-label and a data table under "Show as table".
import { h } from './dom.js';
import { num } from './format.js';

export const PALETTE = [
  '#1d4ed8',
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#dc2626',
  '#4b5563',
  '#65a30d',
  '#c026d3',
];

const reduceMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * A line chart in `box`; returns a destroy function. series: [{label, data:number[]}],
 * one value per label. Without Chart.js the table alone stays, with a note.
 */
export function lineChart(box, { labels, series, summary, xTitle, yTitle = 'Clicks', fill = false }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': summary });
  const table = h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, 'Show as table'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, xTitle ?? 'Time'),
            series.map((s) => h('th', { scope: 'col', class: 'num' }, s.label)),
          ),
        ),
        h(
          'tbody',
          {},
          labels.map((label, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, label),
              series.map((s) => h('td', { class: 'num' }, s.data[i] === null ? '—' : num(s.data[i] ?? 0))),
            ),
          ),
        ),
      ),
    ),
  );
  box.replaceChildren(h('div', { class: 'chart-box' }, canvas), table);
  const Chart = window.Chart;
  if (!Chart) {
    box.prepend(
      h('p', { class: 'notice notice-error' }, 'The chart library did not load; the numbers are in the table below.'),
    );
    table.open = true;
    return () => {};
  }
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.data,
        borderColor: s.color ?? PALETTE[i % PALETTE.length],
        backgroundColor: `${s.color ?? PALETTE[i % PALETTE.length]}22`,
        borderDash: s.dashed ? [6, 4] : undefined,
        fill: fill && i === 0,
        tension: 0.25,
        cubicInterpolationMode: 'monotone', // no curve overshooting the data (a running total never dips)
        pointRadius: labels.length > 60 ? 0 : 2,
        borderWidth: 2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion() ? false : { duration: 300 },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      scales: {
        x: {
          title: { display: Boolean(xTitle), text: xTitle },
          ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 },
        },
        y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { precision: 0 } },
      },
    },
  });
  return () => chart.destroy();
}
