// Settings (#/settings, admin only): the API keys. List, create (the key shown once), revoke.
import { api, get } from '../api.js';
import { cell, copyText, emptyState, errorBox, field, h, loading, replace, setFieldError, toast } from '../dom.js';
import { fmtDateTime } from '../format.js';

const SCOPES = [
  ['links:read', 'Read links'],
  ['links:write', 'Create, edit and delete links'],
  ['analytics:read', 'Read stats, campaigns and insights'],
  ['export', 'Download CSV exports'],
  ['admin', 'Everything, and manage keys and bio pages'],
];

/** The settings page: a form to create a key and the table of keys. */
export async function settingsView(ctx) {
  const opts = { signal: ctx.signal };
  const created = h('div', { 'aria-live': 'polite' });
  const results = h('div', { class: 'results' }, loading('Loading keys…'));
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Settings'),
        h(
          'p',
          { class: 'sub' },
          'API keys for clients, colleagues and tools. A key sees only what its scopes allow, and only its campaigns when it has some.',
        ),
      ),
    ),
    keyForm(ctx, created, reload),
    created,
    h('h2', {}, 'API keys'),
    results,
  );
  await reload();

  async function reload() {
    let keys;
    try {
      ({ keys } = await get('/api/keys', {}, opts));
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(results, errorBox(e, reload));
      return;
    }
    if (keys.length === 0) {
      replace(
        results,
        emptyState(
          'No stored keys yet.',
          'Only ADMIN_API_KEY signs in. Create a key above for each client or colleague.',
        ),
      );
      return;
    }
    const body = h('tbody');
    replace(
      results,
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'table cards-on-phone keys-table' },
          h('caption', { class: 'visually-hidden' }, 'API keys'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Name', 'Scopes', 'Campaigns', 'Created', 'Last used', 'Actions'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          body,
        ),
      ),
    );
    for (const key of keys) body.append(keyRow(key));
  }

  function keyRow(key) {
    const revoked = key.revokedAt !== null;
    const actions = cell({ label: 'Actions', class: 'actions' });
    const row = h(
      'tr',
      { dataset: { key: String(key.id) }, class: revoked ? 'muted' : null },
      cell('Name', h('span', { class: 'post-title' }, key.name), h('span', { class: 'sub mono' }, `${key.prefix}…`)),
      cell('Scopes', key.scopes.join(', ')),
      cell('Campaigns', key.campaigns ? key.campaigns.join(', ') : h('span', { class: 'muted' }, 'All')),
      cell('Created', fmtDateTime(key.createdAt)),
      cell('Last used', key.lastUsedAt ? fmtDateTime(key.lastUsedAt) : h('span', { class: 'muted' }, 'Never')),
      actions,
    );
    const slot = actions.firstChild;
    const ask = () => {
      const yes = h(
        'button',
        { type: 'button', class: 'btn btn-small btn-danger', onclick: () => revoke(key) },
        `Yes, revoke “${key.name}”`,
      );
      replace(
        slot,
        h('span', { class: 'sub' }, 'Tools using it stop working and its sessions end. '),
        yes,
        ' ',
        h('button', { type: 'button', class: 'btn btn-small', onclick: idle }, 'Cancel'),
      );
      yes.focus();
    };
    function idle() {
      replace(
        slot,
        revoked
          ? h('span', { class: 'badge' }, `Revoked ${fmtDateTime(key.revokedAt)}`)
          : h(
              'button',
              { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': `Revoke ${key.name}`, onclick: ask },
              'Revoke',
            ),
      );
    }
    idle();
    return row;
  }

  async function revoke(key) {
    try {
      await api('DELETE', `/api/keys/${key.id}`);
      toast(`Revoked “${key.name}”`);
      await reload();
    } catch (e) {
      toast(e.message, 'error');
    }
  }
}

/** The create form; a new key is shown once in `created`, with a copy button. */
function keyForm(ctx, created, reload) {
  const name = h('input', {
    type: 'text',
    maxlength: 100,
    required: true,
    placeholder: 'Client: Acme',
    autocomplete: 'off',
  });
  const boxes = SCOPES.map(([scope, label]) => {
    const box = h('input', {
      type: 'checkbox',
      id: `key-scope-${scope.replace(':', '-')}`,
      value: scope,
      checked: scope === 'links:read' || scope === 'analytics:read',
    });
    return h(
      'div',
      { class: 'check' },
      box,
      ' ',
      h('label', { for: box.id }, h('span', { class: 'mono' }, scope), ` — ${label}`),
    );
  });
  const campaigns = h('textarea', { rows: 3, placeholder: 'One campaign per line; empty for every campaign' });
  const form = h(
    'form',
    { class: 'card key-form', novalidate: true },
    h('h2', {}, 'New key'),
    field('key-name', 'Name', name, 'Who or what uses it, to tell keys apart.'),
    h(
      'fieldset',
      { 'aria-describedby': 'key-scopes-error' },
      h('legend', {}, 'Scopes'),
      boxes,
      h('p', { class: 'field-error', id: 'key-scopes-error', role: 'alert', hidden: true }),
    ),
    field(
      'key-campaigns',
      'Only these campaigns',
      campaigns,
      'The key then sees and changes only these campaigns’ links, stats and exports.',
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create key')),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const id of ['key-name', 'key-campaigns']) setFieldError(form, id, null);
    const errorSlot = form.querySelector('#key-scopes-error');
    errorSlot.hidden = true;
    const scopes = boxes
      .map((b) => b.querySelector('input'))
      .filter((b) => b.checked)
      .map((b) => b.value);
    const list = campaigns.value
      .split('\n')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!name.value.trim()) return void (setFieldError(form, 'key-name', 'Give the key a name'), name.focus());
    if (scopes.length === 0) {
      errorSlot.textContent = 'Choose at least one scope';
      errorSlot.hidden = false;
      return;
    }
    try {
      const key = await api('POST', '/api/keys', {
        name: name.value.trim(),
        scopes,
        ...(list.length ? { campaigns: list } : {}),
      });
      form.reset();
      for (const box of boxes.map((b) => b.querySelector('input')))
        box.checked = box.value === 'links:read' || box.value === 'analytics:read';
      showCreated(created, key);
      await reload();
    } catch (err) {
      const target = /campaign/.test(err.message) ? 'key-campaigns' : /scope/.test(err.message) ? null : 'key-name';
      if (target) setFieldError(form, target, err.message);
      else {
        errorSlot.textContent = err.message;
        errorSlot.hidden = false;
      }
    }
  });
  return form;
}

/** The new key, once: it is not stored, so this is the only time anyone can copy it. */
function showCreated(slot, key) {
  const value = h('code', { class: 'mono new-key', id: 'new-key' }, key.key);
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      onclick: async () => {
        try {
          await copyText(key.key);
          copy.textContent = 'Copied';
          toast(`Copied the key “${key.name}”`);
        } catch (err) {
          toast(err.message, 'error');
        }
      },
    },
    'Copy key',
  );
  replace(
    slot,
    h(
      'div',
      { class: 'notice notice-info', role: 'status' },
      h('p', {}, h('strong', {}, `Key “${key.name}” created. `), 'Copy it now: it is shown only this once.'),
      h('p', {}, value, ' ', copy),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => replace(slot) }, 'Done'),
    ),
  );
  copy.focus();
}
