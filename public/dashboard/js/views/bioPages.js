// Link-in-bio pages: the list (#/bio), each page with its URL, entries and views.
import { get } from '../api.js';
import { cell, copyButton, emptyState, errorBox, h, loading, replace } from '../dom.js';
import { fmtDate, num } from '../format.js';

/** Every bio page, with its public URL to copy and its views over the last 30 days. */
export async function bioPagesView(ctx) {
  const opts = { signal: ctx.signal };
  const results = h('div', { class: 'results' }, loading('Loading bio pages…'));
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Bio pages'),
        h(
          'p',
          { class: 'sub' },
          'One public page per brand for the "link in bio": every entry is one of your posts, and its clicks count as source "bio".',
        ),
      ),
      h('a', { class: 'btn btn-primary', href: '#/bio/new' }, 'New bio page'),
    ),
    results,
  );
  let pages;
  try {
    ({ bioPages: pages } = await get('/api/bio-pages', {}, opts));
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(
      results,
      errorBox(e, () => window.dispatchEvent(new HashChangeEvent('hashchange'))),
    );
    return;
  }
  if (pages.length === 0) {
    replace(
      results,
      emptyState(
        'No bio pages yet.',
        'Make one for your Instagram or TikTok profile: give it a handle, pick the posts to list, and put its address in your bio.',
        h('a', { class: 'btn btn-primary', href: '#/bio/new' }, 'Create a bio page'),
      ),
    );
    return;
  }
  const body = h('tbody');
  replace(
    results,
    h(
      'table',
      { class: 'table cards-on-phone bio-table' },
      h('caption', { class: 'visually-hidden' }, 'Bio pages'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Page', 'Address', 'Entries', 'Views (30 days)', 'Updated', 'Actions'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      body,
    ),
  );
  for (const page of pages) {
    const views = h('span', {}, '…');
    body.append(
      h(
        'tr',
        { dataset: { handle: page.handle } },
        cell(
          'Page',
          h('a', { class: 'post-title', href: `#/bio/@${encodeURIComponent(page.handle)}` }, page.title),
          h('span', { class: 'sub' }, `@${page.handle}`),
        ),
        cell('Address', h('a', { class: 'mono short-url', href: page.url }, page.url), ' ', copyButton(page.url)),
        cell({ label: 'Entries', class: 'num' }, num(page.links.filter((l) => l.state === 'live').length)),
        cell({ label: 'Views (30 days)', class: 'num' }, views),
        cell('Updated', fmtDate(page.updatedAt)),
        cell(
          { label: 'Actions', class: 'actions' },
          h(
            'a',
            {
              class: 'btn btn-small',
              href: `#/bio/@${encodeURIComponent(page.handle)}`,
              'aria-label': `Edit ${page.title}`,
            },
            'Edit',
          ),
        ),
      ),
    );
    get(`/api/bio-pages/${encodeURIComponent(page.handle)}/stats`, {}, opts).then(
      (s) => (views.textContent = num(s.views.people)),
      () => (views.textContent = '—'),
    );
  }
}
