// The date range, bot and export controls shared by the analytics views.
import { download } from './api.js';
import { h, toast } from './dom.js';
import { localDay, RANGES, timeZone } from './format.js';
import { can } from './access.js';

/** The "Count" choices: whether bot hits count, in words. */
export const BOTS_LABELS = { exclude: 'People only', include: 'People and bots', only: 'Bots only' };

/** Reads range/from/to/bots from the address (#/overview?range=7d…). */
export function readRange(query) {
  return {
    range: ['7d', '30d', '90d', 'custom'].includes(query.get('range')) ? query.get('range') : '30d',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    bots: ['include', 'only'].includes(query.get('bots')) ? query.get('bots') : 'exclude',
  };
}

/**
 * 7 / 30 / 90 days or custom dates, and (with `withBots`) whether bot hits count.
 * Calls onChange(state) after the state object was updated in place.
 */
export function rangeControls(state, onChange, { withBots = true } = {}) {
  const today = localDay(new Date());
  const from = h('input', { type: 'date', id: 'range-from', value: state.from, max: today });
  const to = h('input', { type: 'date', id: 'range-to', value: state.to || today, max: today });
  const custom = h(
    'div',
    { class: 'custom-range row', hidden: state.range !== 'custom' },
    h('div', { class: 'field' }, h('label', { for: 'range-from' }, 'From'), from),
    h('div', { class: 'field' }, h('label', { for: 'range-to' }, 'To'), to),
  );
  const buttons = [...RANGES, { id: 'custom', label: 'Custom' }].map((r) =>
    h('button', { type: 'button', 'aria-pressed': String(state.range === r.id), dataset: { range: r.id } }, r.label),
  );
  const group = h('div', { class: 'segmented', role: 'group', 'aria-labelledby': 'range-label' }, buttons);

  group.addEventListener('click', (e) => {
    const id = e.target.closest('button')?.dataset.range;
    if (!id) return;
    state.range = id;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.range === id));
    custom.hidden = id !== 'custom';
    if (id === 'custom') {
      if (!from.value) {
        const d = new Date();
        d.setDate(d.getDate() - 13);
        from.value = localDay(d);
      }
      state.from = from.value;
      state.to = to.value;
      from.focus();
    }
    onChange(state);
  });
  const dates = () => {
    if (!from.value || !to.value) return;
    if (from.value > to.value) return toast('The start date is after the end date.', 'error');
    state.from = from.value;
    state.to = to.value;
    onChange(state);
  };
  from.addEventListener('change', dates);
  to.addEventListener('change', dates);

  let bots = null;
  if (withBots) {
    bots = h(
      'select',
      { id: 'range-bots' },
      Object.entries(BOTS_LABELS).map(([value, label]) =>
        h('option', { value, selected: state.bots === value }, label),
      ),
    );
    bots.addEventListener('change', () => ((state.bots = bots.value), onChange(state)));
  }

  return h(
    'div',
    { class: 'range-controls' },
    h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'range-label' }, 'Period'), group),
    bots ? h('div', { class: 'field' }, h('label', { for: 'range-bots' }, 'Count'), bots) : null,
    h('p', { class: 'hint tz' }, `Times in ${timeZone}`),
    custom,
  );
}

/** A button that downloads a CSV export for the given params; errors are shown as toasts. */
export function exportButton(label, path, params) {
  if (!can('export')) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: async (e) => {
        const button = e.currentTarget;
        button.disabled = true;
        try {
          await download(path, params());
        } catch (err) {
          toast(`Export failed: ${err.message}`, 'error');
        } finally {
          button.disabled = false;
        }
      },
    },
    label,
  );
}
