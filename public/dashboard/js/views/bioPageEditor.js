// One bio page (#/bio/new, #/bio/HANDLE): its fields, its entries in order, a live preview,
// its address to copy, and its views and clicks from the page.
import { api, get } from '../api.js';
import { copyButton, field, h, loading, setFieldError, toast } from '../dom.js';
import { num } from '../format.js';
import { slugProblem } from '../utm.js';
import { bioPreview } from './bioPreview.js';
import { bioEntryList, linkPicker } from './bioEntries.js';

/** Which field an API error belongs to. */
const FIELD_FOR_CODE = {
  handle_taken: 'handle',
  handle_reserved: 'handle',
  invalid_handle: 'handle',
  unknown_link: 'entries',
  duplicate_link: 'entries',
};

export async function bioPageEditorView(ctx) {
  const handle = ctx.params[0] ?? null;
  const opts = { signal: ctx.signal };
  let page = null;
  if (handle !== null) {
    const wait = loading('Loading the page…');
    ctx.main.append(wait);
    page = await get(`/api/bio-pages/${encodeURIComponent(handle)}`, {}, opts);
    wait.remove();
  }
  const c = {
    handle: h('input', {
      type: 'text',
      maxlength: 64,
      value: page?.handle ?? '',
      placeholder: 'acme',
      autocomplete: 'off',
      spellcheck: 'false',
      readonly: page ? true : null,
      class: 'mono',
      required: true,
    }),
    title: h('input', {
      type: 'text',
      maxlength: 100,
      value: page?.title ?? '',
      placeholder: 'Acme Outdoor',
      required: true,
    }),
    text: h('textarea', { maxlength: 500, rows: 3, placeholder: 'A line or two about you' }),
    avatarUrl: h('input', {
      type: 'url',
      maxlength: 2048,
      value: page?.avatarUrl ?? '',
      placeholder: 'https://…/avatar.png',
      inputmode: 'url',
    }),
  };
  c.text.value = page?.text ?? '';
  const entries = bioEntryList(page?.links ?? [], renderPreview);
  const preview = h('div', { class: 'bio-preview-frame', 'aria-live': 'polite' });
  const status = h('div', { class: 'form-status', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, page ? 'Save changes' : 'Create page');

  const form = h(
    'form',
    { class: 'link-form', novalidate: true, 'aria-labelledby': 'bio-title-h' },
    h(
      'div',
      { class: 'form-main stack' },
      h(
        'div',
        { class: 'card stack' },
        field(
          'bio-handle',
          'Handle',
          c.handle,
          page
            ? 'The address cannot change once it is in a bio.'
            : 'The page\'s address: /@handle. 1–64 letters, digits, "_" or "-".',
        ),
        field('bio-title', 'Title', c.title, 'Shown at the top of the page, and as its name in browser tabs.'),
        field('bio-text', 'Text', c.text, 'Optional, up to 500 characters.'),
        field('bio-avatarUrl', 'Avatar image URL', c.avatarUrl, 'Optional: an https address of a square image.'),
      ),
      h(
        'section',
        { class: 'card stack', 'aria-labelledby': 'bio-entries-h' },
        h('h2', { id: 'bio-entries-h' }, 'Entries'),
        h(
          'p',
          { class: 'hint' },
          'Each entry is one of your short links, shown by its title. Disabled or expired links drop out of the page by themselves.',
        ),
        entries.element,
        h('p', { class: 'field-error', id: 'bio-entries-error', role: 'alert', hidden: true }),
        linkPicker(
          (link) => entries.add(link),
          (slug) => entries.has(slug),
          opts,
        ),
      ),
    ),
    h(
      'div',
      { class: 'side' },
      h(
        'aside',
        { class: 'card', 'aria-labelledby': 'bio-preview-h' },
        h('h2', { id: 'bio-preview-h' }, 'Preview'),
        page
          ? h(
              'p',
              { class: 'page-url' },
              h('a', { class: 'mono short-url', href: page.url }, page.url),
              ' ',
              copyButton(page.url, 'Copy page URL'),
            )
          : null,
        preview,
      ),
      h(
        'div',
        { class: 'form-actions' },
        status,
        submit,
        h('a', { class: 'btn', href: '#/bio' }, 'Cancel'),
        page ? h('button', { type: 'button', class: 'btn btn-danger', onclick: remove }, 'Delete page') : null,
      ),
    ),
  );
  const stats = page
    ? h(
        'section',
        { class: 'section', 'aria-labelledby': 'bio-stats-h' },
        h('h2', { id: 'bio-stats-h' }, 'Last 30 days'),
        loading('Loading views and clicks…'),
      )
    : null;
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { id: 'bio-title-h' }, page ? `Bio page “${page.title}”` : 'New bio page'),
    ),
    form,
    ...(stats ? [stats] : []),
  );

  function renderPreview() {
    preview.replaceChildren(
      bioPreview({
        title: c.title.value.trim(),
        text: c.text.value.trim(),
        avatarUrl: c.avatarUrl.value.trim(),
        entries: entries.items(),
      }),
    );
  }
  form.addEventListener('input', renderPreview);
  renderPreview();
  if (page) loadStats();

  async function loadStats() {
    let s;
    try {
      s = await get(`/api/bio-pages/${encodeURIComponent(page.handle)}/stats`, { days: 30 }, opts);
    } catch (e) {
      if (e.name !== 'AbortError')
        stats.replaceChildren(stats.firstChild, h('p', { class: 'notice notice-error' }, e.message));
      return;
    }
    const labels = new Map(page.links.map((l) => [l.slug, l.label]));
    const clicks = s.entries.reduce((n, e) => n + e.clicks, 0);
    stats.replaceChildren(
      stats.firstChild,
      h(
        'div',
        { class: 'cards' },
        [
          ['Page views', s.views.people],
          ['Clicks from the page', clicks],
          ['Bot views', s.views.bots],
        ].map(([label, value]) =>
          h(
            'div',
            { class: 'stat' },
            h('p', { class: 'stat-label' }, label),
            h('p', { class: 'stat-value' }, num(value)),
          ),
        ),
      ),
      h(
        'table',
        { class: 'table cards-on-phone bio-stats' },
        h('caption', { class: 'visually-hidden' }, 'Clicks per entry from the page'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Entry', 'Clicks from the page', 'Bot clicks'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          s.entries.map((e) =>
            h(
              'tr',
              {},
              h(
                'td',
                { 'data-label': 'Entry' },
                h('a', { href: `#/link/${encodeURIComponent(e.slug)}` }, labels.get(e.slug) ?? e.slug),
              ),
              h('td', { 'data-label': 'Clicks from the page', class: 'num' }, num(e.clicks)),
              h('td', { 'data-label': 'Bot clicks', class: 'num' }, num(e.bots)),
            ),
          ),
        ),
      ),
    );
  }

  function clearErrors() {
    status.replaceChildren();
    for (const id of ['handle', 'title', 'text', 'avatarUrl', 'entries']) setFieldError(form, `bio-${id}`, null);
    showEntriesError(null);
  }

  function showEntriesError(message) {
    const slot = form.querySelector('#bio-entries-error');
    slot.textContent = message ?? '';
    slot.hidden = !message;
  }

  function precheck() {
    const problems = [];
    const hd = c.handle.value.trim();
    if (!page && !hd) problems.push(['handle', 'Enter a handle.']);
    else if (!page && slugProblem(hd)) problems.push(['handle', slugProblem(hd)]);
    if (!c.title.value.trim()) problems.push(['title', 'Enter a title.']);
    const avatar = c.avatarUrl.value.trim();
    if (avatar && !/^https:\/\/[^\s/]+/i.test(avatar))
      problems.push(['avatarUrl', 'Use an https:// address, or leave it empty.']);
    for (const [id, message] of problems) setFieldError(form, `bio-${id}`, message);
    if (problems.length) form.querySelector(`#bio-${problems[0][0]}`).focus();
    return problems.length === 0;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    if (!precheck()) return;
    const body = {
      title: c.title.value.trim(),
      text: c.text.value.trim() || null,
      avatarUrl: c.avatarUrl.value.trim() || null,
      links: entries.items().map((x) => x.slug),
    };
    submit.disabled = true;
    try {
      const saved = page
        ? await api('PATCH', `/api/bio-pages/${encodeURIComponent(page.handle)}`, body, opts)
        : await api('POST', '/api/bio-pages', { handle: c.handle.value.trim(), ...body }, opts);
      toast(page ? `Saved ${saved.url}` : `Created ${saved.url}`);
      if (page) window.dispatchEvent(new HashChangeEvent('hashchange'));
      else location.hash = `#/bio/@${encodeURIComponent(saved.handle)}`;
    } catch (err) {
      if (err.name === 'AbortError') return;
      const target = FIELD_FOR_CODE[err.code] ?? err.details?.issues?.[0]?.path?.split('.')[0];
      const message = err.code === 'invalid_input' ? err.message.replace(/^[\w.]+: /, '') : err.message;
      if (target === 'entries' || target === 'links') showEntriesError(message);
      else if (target && setFieldError(form, `bio-${target}`, message)) form.querySelector(`#bio-${target}`).focus();
      else status.replaceChildren(h('p', { class: 'notice notice-error' }, err.message));
    } finally {
      submit.disabled = false;
    }
  });

  async function remove() {
    if (!confirm(`Delete the bio page ${page.url}? Its views are deleted too; the links and their clicks stay.`))
      return;
    try {
      await api('DELETE', `/api/bio-pages/${encodeURIComponent(page.handle)}`, undefined, opts);
      toast(`Deleted ${page.url}`);
      location.hash = '#/bio';
    } catch (err) {
      status.replaceChildren(h('p', { class: 'notice notice-error' }, err.message));
    }
  }
}
