// Building DOM without innerHTML: every piece of user or server text becomes a text node.

/**
 * h('a', { href: '#/links', class: 'btn', onclick: fn }, 'Links', child, [more])
 * Props: `class`, `text`, `on<event>` handlers, `dataset`, booleans (`hidden`, `disabled`…)
 * and plain attributes. Never `style` or `innerHTML`: the CSP and our rules forbid both.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in el) el.value = String(value);
    else if (name === 'checked' || name === 'selected') el[name] = Boolean(value);
    else if (name === 'style' || name === 'innerHTML') throw new Error(`h(): ${name} is not allowed`);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends strings (as text), nodes and nested arrays; skips null, undefined and false. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A visible, announced error box; `retry` adds a button. */
export function errorBox(error, retry) {
  const message = error?.message ?? String(error);
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('p', {}, message),
    retry ? h('button', { type: 'button', class: 'btn', onclick: retry }, 'Try again') : null,
  );
}

/** An empty state that says what to do next. */
export function emptyState(title, body, ...actions) {
  return h(
    'div',
    { class: 'empty' },
    h('p', { class: 'empty-title' }, title),
    body ? h('p', {}, body) : null,
    ...actions,
  );
}

export const loading = (what = 'Loading…') => h('p', { class: 'loading', role: 'status' }, what);

/** A labelled form field: label, control, optional hint and an error slot tied by aria-describedby. */
export function field(id, labelText, control, hint) {
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', hint ? `${hintId} ${errorId}` : errorId);
  return h(
    'div',
    { class: 'field', dataset: { field: id } },
    h('label', { for: id }, labelText),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true }),
  );
}

/** Shows (or clears, with null) the error under a field made by field(). */
export function setFieldError(form, id, message) {
  const control = form.querySelector(`#${CSS.escape(id)}`);
  const slot = form.querySelector(`#${CSS.escape(id)}-error`);
  if (!control || !slot) return false;
  slot.textContent = message ?? '';
  slot.hidden = !message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  return true;
}

/** A short-lived status message, announced politely. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toast');
  if (!region) return;
  const item = h('p', { class: `toast toast-${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), 5000);
}

/** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain http on a LAN). */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('Copying is blocked by this browser; select the address and copy it by hand.');
}

/** A "Copy" button for a short URL, confirming with a toast. */
export function copyButton(text, label = 'Copy') {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      'aria-label': `Copy ${text}`,
      onclick: async (e) => {
        const button = e.currentTarget;
        try {
          await copyText(text);
          button.textContent = 'Copied';
          toast(`Copied ${text}`);
          setTimeout(() => (button.textContent = label), 1500);
        } catch (err) {
          toast(err.message, 'error');
        }
      },
    },
    label,
  );
}

/** A table cell labelled for the phone layout, where rows become cards: cell('Clicks', 12). */
export function cell(label, ...content) {
  const opts = typeof label === 'string' ? { label } : label;
  return h('td', { 'data-label': opts.label, class: opts.class }, h('div', { class: 'cell' }, ...content));
}
