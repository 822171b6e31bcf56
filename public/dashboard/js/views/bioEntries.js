// The editor's entries: an ordered list to move and remove, and a search to add links.
import { get } from '../api.js';
import { h } from '../dom.js';

const STATE_LABELS = { disabled: 'Disabled', expired: 'Expired', exhausted: 'Limit reached' };

/** A link from /api/links as an entry: the label the page shows (see entryLabel in src/domain/bioPage.ts). */
function entryOf(link) {
  let label = link.title?.trim();
  if (!label) {
    try {
      const u = new URL(link.url);
      label = `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname}`;
    } catch {
      label = link.url;
    }
  }
  return { slug: link.slug, label: label.length > 120 ? `${label.slice(0, 119)}…` : label, state: link.status };
}

/** The ordered entries; every change redraws the list and calls onChange. */
export function bioEntryList(initial, onChange) {
  let items = initial.map((l) => ({ slug: l.slug, label: l.label, state: l.state }));
  const list = h('ol', { class: 'bio-entries', 'aria-label': 'Entries, in page order' });
  const empty = h('p', { class: 'hint' }, 'No entries yet: add links below.');

  function move(index, by, focusClass) {
    const [item] = items.splice(index, 1);
    items.splice(index + by, 0, item);
    draw();
    // Keep the keyboard where it was: on the same button of the moved entry, or its other one at an end.
    const row = list.children[index + by];
    (row.querySelector(`.${focusClass}:not(:disabled)`) ?? row.querySelector('button:not(:disabled)'))?.focus();
  }

  function remove(index) {
    const [item] = items.splice(index, 1);
    draw();
    const next = list.children[Math.min(index, items.length - 1)];
    (next?.querySelector('.entry-remove') ?? list.closest('section')?.querySelector('#bio-add-q'))?.focus();
    return item;
  }

  function draw() {
    list.replaceChildren(
      ...items.map((item, i) =>
        h(
          'li',
          { dataset: { slug: item.slug } },
          h(
            'span',
            { class: 'entry-label' },
            h('span', { class: 'post-title' }, item.label),
            h('span', { class: 'sub mono' }, `/${item.slug}`),
            item.state !== 'live'
              ? h(
                  'span',
                  { class: `badge badge-${item.state}` },
                  `${STATE_LABELS[item.state] ?? item.state}: not shown`,
                )
              : null,
          ),
          h(
            'span',
            { class: 'entry-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small entry-up',
                disabled: i === 0,
                'aria-label': `Move “${item.label}” up`,
                onclick: () => move(i, -1, 'entry-up'),
              },
              'Up',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small entry-down',
                disabled: i === items.length - 1,
                'aria-label': `Move “${item.label}” down`,
                onclick: () => move(i, 1, 'entry-down'),
              },
              'Down',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-small btn-danger entry-remove',
                'aria-label': `Remove “${item.label}”`,
                onclick: () => remove(i),
              },
              'Remove',
            ),
          ),
        ),
      ),
    );
    empty.hidden = items.length > 0;
    onChange();
  }

  const element = h('div', {}, list, empty);
  queueMicrotask(draw);
  return {
    element,
    items: () => items,
    has: (slug) => items.some((i) => i.slug === slug),
    add(link) {
      if (items.some((i) => i.slug === link.slug)) return;
      items.push(entryOf(link));
      draw();
    },
  };
}

/** Search your links and add one as the last entry. */
export function linkPicker(onAdd, isAdded, opts) {
  const search = h('input', {
    type: 'search',
    id: 'bio-add-q',
    placeholder: 'Title, slug, URL or campaign',
    autocomplete: 'off',
  });
  const results = h('ul', { class: 'bio-pick', 'aria-label': 'Links to add' });
  const note = h('p', { class: 'hint', role: 'status' });
  let generation = 0;

  async function load() {
    const mine = ++generation;
    let page;
    try {
      // A few at a time, newest first: a search narrows them (no scrolling box to clip focus rings).
      page = await get('/api/links', { q: search.value.trim(), limit: 8 }, opts);
    } catch (e) {
      if (e.name !== 'AbortError' && mine === generation) note.textContent = e.message;
      return;
    }
    if (mine !== generation) return;
    note.textContent = page.links.length ? '' : 'No links match.';
    results.replaceChildren(
      ...page.links.map((link) => {
        const entry = entryOf(link);
        return h(
          'li',
          {},
          h(
            'span',
            { class: 'entry-label' },
            h('span', {}, entry.label),
            h('span', { class: 'sub mono' }, `/${link.slug}`),
          ),
          isAdded(link.slug)
            ? h('span', { class: 'hint' }, 'Added')
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-small',
                  'aria-label': `Add “${entry.label}”`,
                  onclick: (e) => {
                    onAdd(link);
                    e.currentTarget.replaceWith(h('span', { class: 'hint' }, 'Added'));
                    search.focus();
                  },
                },
                'Add',
              ),
        );
      }),
    );
  }

  let debounce;
  search.addEventListener('input', (e) => {
    e.stopPropagation(); // typing a search is not an edit of the page
    clearTimeout(debounce);
    debounce = setTimeout(load, 250);
  });
  load();
  return h(
    'div',
    { class: 'bio-add' },
    h('div', { class: 'field' }, h('label', { for: 'bio-add-q' }, 'Add a link'), search),
    note,
    results,
  );
}
