import { can, ifCan } from '../access.js';
import { api, get } from '../api.js';
import { campaignNames } from '../campaignLists.js';
import { cell, copyButton, emptyState, errorBox, h, loading, replace, toast } from '../dom.js';
import { fmtDate, num, linkName, statusWords } from '../format.js';
import { NETWORKS, networkLabel } from '../utm.js';

const PAGE = 50;

/** Links: search, filter by campaign or network, copy, edit, disable; newest first. */
export async function linksView(ctx) {
  const state = {
    q: ctx.query.get('q') ?? '',
    campaign: ctx.query.get('campaign') ?? '',
    network: ctx.query.get('network') ?? '',
    highlight: ctx.query.get('highlight') ?? '',
  };
  const opts = { signal: ctx.signal };

  const search = h('input', {
    type: 'search',
    id: 'links-q',
    value: state.q,
    placeholder: 'Title, slug, URL or campaign',
  });
  const campaign = h('select', { id: 'links-campaign' }, h('option', { value: '' }, 'All campaigns'));
  const network = h(
    'select',
    { id: 'links-network' },
    h('option', { value: '' }, 'All networks'),
    NETWORKS.map((n) => h('option', { value: n, selected: n === state.network }, networkLabel(n))),
  );
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter links', onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'links-q' }, 'Search'), search),
    h('div', { class: 'field' }, h('label', { for: 'links-campaign' }, 'Campaign'), campaign),
    h('div', { class: 'field' }, h('label', { for: 'links-network' }, 'Network'), network),
  );
  const summary = h('p', { class: 'muted', role: 'status' });
  const results = h('div', { class: 'results' }, loading('Loading links…'));
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Links'),
      h(
        'div',
        { class: 'actions' },
        ifCan('links:write', h('a', { class: 'btn', href: '#/links/import' }, 'Import CSV')),
        ifCan('links:write', h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'New link')),
      ),
    ),
    filters,
    summary,
    results,
  );

  campaignNames(opts).then(
    (names) => {
      if (state.campaign && !names.includes(state.campaign)) names.unshift(state.campaign);
      campaign.append(...names.map((n) => h('option', { value: n, selected: n === state.campaign }, n)));
    },
    () => {}, // the filter still works by typing a campaign in the address; the list shows errors
  );

  let cursor = null;
  let shown = 0;
  let generation = 0;

  async function load(reset) {
    const mine = reset ? ++generation : generation;
    if (reset) {
      cursor = null;
      shown = 0;
      replace(results, loading('Loading links…'));
    }
    const filtersOn = Boolean(state.q || state.campaign || state.network);
    let page;
    try {
      page = await get(
        '/api/links',
        { q: state.q, campaign: state.campaign, network: state.network, limit: PAGE, cursor },
        opts,
      );
    } catch (e) {
      if (e.name === 'AbortError' || mine !== generation) return;
      replace(
        results,
        errorBox(e, () => load(true)),
      );
      return;
    }
    if (mine !== generation) return; // a newer search already answered
    if (reset) results.replaceChildren();
    results.querySelector('.more')?.remove();
    shown += page.links.length;
    cursor = page.nextCursor;
    summary.textContent = shown === 0 ? '' : `${num(shown)}${cursor ? '+' : ''} link${shown === 1 ? '' : 's'}`;
    if (shown === 0) {
      results.append(
        filtersOn
          ? emptyState(
              'No links match these filters.',
              'Try another word, or clear the filters.',
              h('button', { type: 'button', class: 'btn', onclick: clearFilters }, 'Clear filters'),
            )
          : emptyState(
              'No links yet.',
              'Create your first one: paste the address of what you are posting, pick the network and campaign, and linkpost adds the UTM tags for you.',
              h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'Create a link'),
            ),
      );
      return;
    }
    let table = results.querySelector('tbody');
    if (!table) {
      table = h('tbody');
      results.append(
        h(
          'table',
          { class: 'table links-table' },
          h('caption', { class: 'visually-hidden' }, 'Links, newest first'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Post', 'Short URL', 'Campaign', 'Network', 'Posted', 'Clicks', 'Status', 'Actions'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          table,
        ),
      );
    }
    table.append(...page.links.map((l) => linkRow(l, state.highlight === l.slug)));
    if (cursor)
      results.append(
        h(
          'p',
          { class: 'more' },
          h('button', { type: 'button', class: 'btn', onclick: () => load(false) }, 'Show more links'),
        ),
      );
    results.querySelector('.row-new')?.scrollIntoView({ block: 'center' });
  }

  function linkRow(link, isNew) {
    const status = statusWords(link);
    const toggle = h(
      'button',
      { type: 'button', class: 'btn btn-small', onclick: () => setDisabled(link, !link.disabled, row) },
      link.disabled ? 'Enable' : 'Disable',
    );
    const row = h(
      'tr',
      { class: isNew ? 'row-new' : null, dataset: { slug: link.slug } },
      cell(
        'Post',
        // The link's page is its stats: without analytics:read the name is plain text.
        h(
          can('analytics:read') ? 'a' : 'span',
          {
            href: can('analytics:read') ? `#/link/${encodeURIComponent(link.slug)}` : null,
            class: ['post-title', link.title ? null : 'muted'],
          },
          linkName(link),
        ),
        h('span', { class: 'sub' }, hostOf(link.url)),
      ),
      cell('Short URL', h('span', { class: 'mono short-url' }, link.shortUrl), ' ', copyButton(link.shortUrl)),
      cell(
        'Campaign',
        link.campaign
          ? h('a', { href: `#/campaigns/${encodeURIComponent(link.campaign)}` }, link.campaign)
          : h('span', { class: 'muted' }, '—'),
      ),
      cell('Network', networkLabel(link.network)),
      cell('Posted', fmtDate(link.postedAt ?? link.createdAt)),
      cell({ label: 'Clicks', class: 'num' }, num(link.clicks)),
      cell('Status', h('span', { class: `badge badge-${status.id}` }, status.label)),
      cell(
        { label: 'Actions', class: 'actions' },
        ifCan(
          'links:write',
          h(
            'a',
            {
              class: 'btn btn-small',
              href: `#/links/${encodeURIComponent(link.slug)}/edit`,
              'aria-label': `Edit ${linkName(link)}`,
            },
            'Edit',
          ),
        ),
        h(
          'a',
          {
            class: 'btn btn-small',
            href: `/api/links/${encodeURIComponent(link.slug)}/qr.svg?size=1024`,
            download: `${link.slug}-qr.svg`,
            'aria-label': `Download the QR code of ${linkName(link)}`,
          },
          'QR',
        ),
        ifCan('links:write', toggle),
      ),
    );
    return row;
  }

  async function setDisabled(link, disabled, row) {
    try {
      const updated = await api('PATCH', `/api/links/${encodeURIComponent(link.slug)}`, { disabled });
      row.replaceWith(linkRow(updated, false));
      toast(
        disabled
          ? `Disabled ${updated.shortUrl}: it now answers "no longer active".`
          : `Enabled ${updated.shortUrl} again.`,
      );
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function clearFilters() {
    state.q = state.campaign = state.network = '';
    search.value = campaign.value = network.value = '';
    changed();
  }

  function changed() {
    state.highlight = '';
    ctx.setQuery({ q: state.q, campaign: state.campaign, network: state.network });
    load(true);
  }

  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.q = search.value.trim();
      changed();
    }, 250);
  });
  ctx.onCleanup(() => clearTimeout(debounce));
  campaign.addEventListener('change', () => ((state.campaign = campaign.value), changed()));
  network.addEventListener('change', () => ((state.network = network.value), changed()));

  await load(true);
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
