// "Share report": make a read-only client report link for what the page shows (a campaign, or
// the posts ticked on Compare), copy it, and list or revoke the report links of that scope.
import { api, get } from '../api.js';
import { copyButton, errorBox, field, h, loading, replace, setFieldError, toast } from '../dom.js';
import { fmtDate, fmtDateTime } from '../format.js';

/** Whether a report covers exactly this scope. */
const sameScope = (report, scope) =>
  scope.campaign
    ? report.campaign === scope.campaign
    : Array.isArray(report.slugs) &&
      report.slugs.length === scope.slugs.length &&
      scope.slugs.every((s) => report.slugs.includes(s));

const scopeWords = (scope) =>
  scope.campaign
    ? `the campaign “${scope.campaign}”`
    : `${scope.slugs.length} chosen post${scope.slugs.length === 1 ? '' : 's'}`;

/** A date input's day as the API reads it (local midnight in the browser's zone, sent as an instant). */
const dayStart = (value) => new Date(`${value}T00:00:00`).toISOString();
const dayAfter = (value) => {
  const d = new Date(`${value}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
};

/**
 * The panel, closed until asked for. getScope() says what the page shows now:
 * { campaign } or { slugs }, or null when there is nothing to share yet.
 */
export function shareReportPanel(ctx, getScope, { defaultTitle = () => 'Report' } = {}) {
  const body = h('div', { class: 'share-body' });
  const panel = h(
    'details',
    { class: 'card share-report', id: 'share-report' },
    h('summary', { class: 'btn' }, 'Share report'),
    body,
  );
  panel.addEventListener('toggle', () => {
    if (panel.open) render();
  });

  function render() {
    const scope = getScope();
    if (!scope) {
      replace(
        body,
        h('p', { class: 'hint' }, 'Pick a campaign or tick posts first: the report covers what you compare.'),
      );
      return;
    }
    const title = h('input', { type: 'text', maxlength: 200, required: true, value: defaultTitle(scope) });
    const range = h(
      'select',
      {},
      h('option', { value: 'rolling' }, 'The last 30 days, whenever it is opened'),
      h('option', { value: 'fixed' }, 'Fixed dates'),
    );
    const from = h('input', { type: 'date' });
    const to = h('input', { type: 'date' });
    const dates = h(
      'div',
      { class: 'row', hidden: true },
      field('share-from', 'First day', from),
      field('share-to', 'Last day', to),
    );
    range.addEventListener('change', () => (dates.hidden = range.value !== 'fixed'));
    const expires = h('input', { type: 'date' });
    const password = h('input', { type: 'password', autocomplete: 'new-password', maxlength: 200 });
    const csv = h('input', { type: 'checkbox', id: 'share-csv' });
    const result = h('div', { class: 'share-result', 'aria-live': 'polite' });
    const list = h('div', {}, loading('Loading report links…'));
    const form = h(
      'form',
      { class: 'share-form', novalidate: true },
      h(
        'p',
        { class: 'hint' },
        `A read-only page of ${scopeWords(scope)}: totals, curves, networks, heatmap and insights. No API key needed to open it; nothing of your other campaigns is shown.`,
      ),
      field('share-title', 'Title', title),
      field('share-range', 'Range', range),
      dates,
      field('share-expires', 'Expires (optional)', expires, 'The link stops working at the start of this day.'),
      field(
        'share-password',
        'Password (optional)',
        password,
        'Asked once; the browser then remembers it for this report.',
      ),
      h('label', { class: 'check', for: 'share-csv' }, csv, ' Allow downloading the per-post report (CSV)'),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create link')),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const id of ['share-title', 'share-from', 'share-to', 'share-expires', 'share-password'])
        setFieldError(form, id, null);
      const payload = { title: title.value.trim(), ...scope, allowCsv: csv.checked };
      if (range.value === 'fixed') {
        if (!from.value) return void setFieldError(form, 'share-from', 'Choose the first day.');
        if (!to.value) return void setFieldError(form, 'share-to', 'Choose the last day.');
        Object.assign(payload, { from: dayStart(from.value), to: dayAfter(to.value) });
      }
      if (expires.value) payload.expiresAt = dayStart(expires.value);
      if (password.value) payload.password = password.value;
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const made = await api('POST', '/api/reports', payload);
        password.value = '';
        replace(
          result,
          h(
            'div',
            { class: 'notice notice-info' },
            h('p', {}, 'Report link made. Copy it now: it is shown only this once.'),
            h(
              'div',
              { class: 'share-url-row' },
              h('input', {
                type: 'text',
                readonly: true,
                value: made.url,
                id: 'share-url',
                'aria-label': 'Report link',
              }),
              copyButton(made.url, 'Copy link'),
            ),
          ),
        );
        await loadList();
      } catch (err) {
        const where = {
          title: 'share-title',
          from: 'share-from',
          to: 'share-to',
          expiresAt: 'share-expires',
          password: 'share-password',
        }[String(err.message).split(':')[0]];
        if (!(where && setFieldError(form, where, err.message))) replace(result, errorBox(err));
      } finally {
        button.disabled = false;
      }
    });
    replace(body, form, result, h('h3', {}, 'Report links of this ', scope.campaign ? 'campaign' : 'selection'), list);

    async function loadList() {
      try {
        const { reports } = await get('/api/reports', {}, { signal: ctx.signal });
        const mine = reports.filter((r) => sameScope(r, scope));
        replace(
          list,
          mine.length === 0
            ? h('p', { class: 'muted' }, 'None yet.')
            : h('ul', { class: 'plain-list share-list' }, mine.map(reportItem)),
        );
      } catch (err) {
        if (err.name !== 'AbortError') replace(list, errorBox(err, loadList));
      }
    }

    function reportItem(r) {
      const facts = [
        r.from ? `${fmtDate(r.from)} – ${fmtDate(new Date(Date.parse(r.to) - 1))}` : 'last 30 days',
        r.expiresAt ? `expires ${fmtDateTime(r.expiresAt)}` : 'no expiry',
        r.password ? 'password' : null,
        r.allowCsv ? 'CSV' : null,
        `made ${fmtDate(r.createdAt)}`,
      ]
        .filter(Boolean)
        .join(' · ');
      const revoke = h('button', { type: 'button', class: 'btn btn-small btn-danger' }, 'Revoke');
      const item = h(
        'li',
        { dataset: { report: String(r.id) } },
        h('strong', {}, r.title),
        ' ',
        h('span', { class: `badge badge-${r.state === 'live' ? 'live' : 'expired'}` }, r.state),
        ' ',
        h('span', { class: 'muted' }, facts),
        ' ',
        revoke,
      );
      revoke.addEventListener('click', async () => {
        // Two steps: the client's link dies with the second.
        if (revoke.dataset.armed !== 'true') {
          revoke.dataset.armed = 'true';
          revoke.textContent = 'Revoke: sure?';
          return;
        }
        revoke.disabled = true;
        try {
          await api('DELETE', `/api/reports/${r.id}`);
          toast(`Revoked “${r.title}”: its link now answers “not found”.`);
          await loadList();
        } catch (err) {
          revoke.disabled = false;
          toast(err.message, 'error');
        }
      });
      return item;
    }
    loadList();
  }

  return { element: panel, refresh: () => panel.open && render() };
}
