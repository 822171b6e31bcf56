// Webhooks (#/webhooks): register a receiver (its secret shown once), see deliveries, redeliver.
import { api, get } from '../api.js';
import { cell, copyButton, emptyState, errorBox, field, h, loading, replace, toast } from '../dom.js';
import { fmtDateTime } from '../format.js';

const EVENTS = [
  ['link.created', 'Link created'],
  ['link.updated', 'Link edited'],
  ['link.deleted', 'Link deleted'],
  ['clicks.recorded', 'Clicks (batched)'],
  ['report.daily', 'Daily report'],
];
const STATUS = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };

export async function webhooksView(ctx) {
  const opts = { signal: ctx.signal };
  const secretSlot = h('div');
  const list = h('div', { class: 'results' }, loading('Loading webhooks…'));
  const form = createForm(async (hook) => {
    // The only time the secret exists outside the server: shown here, never again.
    replace(
      secretSlot,
      h(
        'div',
        { class: 'notice', role: 'status' },
        h(
          'p',
          {},
          'Signing secret for ',
          h('span', { class: 'mono' }, hook.url),
          ' — copy it now, it is not shown again:',
        ),
        h('p', {}, h('code', { class: 'mono webhook-secret' }, hook.secret), ' ', copyButton(hook.secret)),
      ),
    );
    await render();
  });
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Webhooks'),
        h(
          'p',
          { class: 'sub' },
          'Signed POSTs (Standard Webhooks) to your receiver when links change, clicks arrive, or a day ends.',
        ),
      ),
    ),
    form,
    secretSlot,
    list,
  );

  async function render() {
    let hooks;
    try {
      ({ webhooks: hooks } = await get('/api/webhooks', {}, opts));
    } catch (e) {
      if (e.name !== 'AbortError') replace(list, errorBox(e, render));
      return;
    }
    if (hooks.length === 0) {
      replace(
        list,
        emptyState('No webhooks yet.', 'Add a receiver above: linkpost signs every delivery and retries for 24 hours.'),
      );
      return;
    }
    replace(list, ...hooks.map((hook) => hookSection(hook, opts)));
  }
  await render();
}

function createForm(onCreated) {
  const url = h('input', { type: 'url', required: true, placeholder: 'https://hooks.example.com/linkpost' });
  const campaigns = h('input', { type: 'text', placeholder: 'spring-launch, summer' });
  const tz = h('input', { type: 'text', value: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
  const boxes = EVENTS.map(([value, label]) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'events', value, checked: value === 'link.created' }),
      ' ',
      label,
    ),
  );
  const problem = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'card webhook-form', 'aria-label': 'New webhook' },
    field('webhook-url', 'Receiver URL', url),
    h('fieldset', {}, h('legend', {}, 'Events'), ...boxes),
    field('webhook-campaigns', 'Campaigns', campaigns, 'Optional, comma-separated; empty means every campaign.'),
    field('webhook-tz', 'Time zone', tz, 'For the daily report’s day.'),
    problem,
    h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add webhook'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const events = boxes
      .map((b) => b.querySelector('input'))
      .filter((i) => i.checked)
      .map((i) => i.value);
    const names = campaigns.value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      const hook = await api('POST', '/api/webhooks', {
        url: url.value.trim(),
        events,
        ...(names.length ? { campaigns: names } : {}),
        tz: tz.value.trim() || 'UTC',
      });
      problem.hidden = true;
      url.value = '';
      await onCreated(hook);
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    }
  });
  return form;
}

function hookSection(hook, opts) {
  const body = h('tbody');
  const section = h(
    'section',
    { class: 'card webhook', dataset: { id: String(hook.id) } },
    h('h2', {}, h('span', { class: 'mono' }, hook.url)),
    h(
      'p',
      { class: 'sub' },
      `${hook.events.join(', ')} · ${hook.campaigns ? hook.campaigns.join(', ') : 'every campaign'} · ${hook.tz}`,
    ),
    h(
      'table',
      { class: 'table cards-on-phone' },
      h('caption', {}, 'Deliveries'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Event', 'Status', 'Attempts', 'Last answer', 'Next try', 'Actions'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => load() }, 'Refresh deliveries'),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-small btn-quiet',
        onclick: async () => {
          await api('DELETE', `/api/webhooks/${hook.id}`);
          section.remove();
          toast('Webhook deleted');
        },
      },
      'Delete webhook',
    ),
  );
  async function load() {
    try {
      const { deliveries } = await get(`/api/webhooks/${hook.id}/deliveries`, {}, opts);
      replace(
        body,
        deliveries.length ? deliveries.map(row) : h('tr', {}, h('td', { colspan: '6' }, 'No deliveries yet.')),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(body, h('tr', {}, h('td', { colspan: '6' }, e.message)));
    }
  }
  const row = (d) =>
    h(
      'tr',
      { dataset: { delivery: String(d.id) } },
      cell('Event', d.type, h('span', { class: 'sub mono' }, ` ${d.messageId}`)),
      cell('Status', h('span', { class: `status status-${d.status}` }, STATUS[d.status] ?? d.status)),
      cell({ label: 'Attempts', class: 'num' }, String(d.attempts)),
      cell('Last answer', d.lastError ?? (d.lastStatus === null ? '—' : `HTTP ${d.lastStatus}`)),
      cell('Next try', d.nextAttemptAt ? fmtDateTime(d.nextAttemptAt) : '—'),
      cell(
        { label: 'Actions', class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-small',
            'aria-label': `Redeliver ${d.messageId}`,
            onclick: async () => {
              await api('POST', `/api/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
              toast(`Redelivery of ${d.messageId} queued`);
              await load();
            },
          },
          'Redeliver',
        ),
      ),
    );
  void load();
  return section;
}
