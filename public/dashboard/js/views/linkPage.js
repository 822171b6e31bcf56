import { ifCan } from '../access.js';
import { api, get } from '../api.js';
import { BOTS_LABELS } from '../controls.js';
import { cell, copyButton, emptyState, errorBox, h, replace, toast } from '../dom.js';
import { fmtDateTime, fmtTime, num, place, rangeLabel, rangeParams, linkName, statusWords } from '../format.js';
import { statsPanel } from '../stats.js';
import { networkLabel } from '../utm.js';
import { qrPanel } from './qrPanel.js';

const FEED_SIZE = 25;
const POLL_MS = 4000;

/** A link's page: what it is, its chart and breakdowns, and its clicks as they arrive. */
export async function linkPageView(ctx) {
  const slug = ctx.params[0];
  const path = `/api/links/${encodeURIComponent(slug)}`;
  let link = await get(path, {}, { signal: ctx.signal });

  const head = h('section', { class: 'card link-head', 'aria-labelledby': 'link-h' });
  const panel = h('div', { class: 'section' });
  const feed = h('div');
  const feedStatus = h('p', { class: 'hint', role: 'status' });
  const feedScope = h('p', { class: 'hint' });
  ctx.main.append(
    head,
    panel,
    qrPanel(link, { signal: ctx.signal }),
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'feed-h' },
      h('div', { class: 'feed-head' }, h('h2', { id: 'feed-h' }, 'Recent clicks'), feedStatus),
      feedScope,
      feed,
    ),
  );

  let clicks = null;
  function renderHead() {
    const status = statusWords(link);
    clicks = h('strong', { class: 'link-clicks', 'aria-live': 'polite' }, num(link.clicks));
    replace(
      head,
      h(
        'div',
        { class: 'page-head' },
        h(
          'div',
          {},
          h('p', { class: 'sub' }, h('a', { href: '#/links' }, 'Links'), ' ›'),
          h('h1', { id: 'link-h' }, linkName(link)),
        ),
        h(
          'div',
          { class: 'actions' },
          ifCan('links:write', h('a', { class: 'btn', href: `#/links/${encodeURIComponent(link.slug)}/edit` }, 'Edit')),
          ifCan(
            'links:write',
            h('button', { type: 'button', class: 'btn', onclick: toggle }, link.disabled ? 'Enable' : 'Disable'),
          ),
          ifCan(
            'analytics:read',
            h('a', { class: 'btn', href: `#/compare?slug=${encodeURIComponent(link.slug)}` }, 'Compare'),
          ),
        ),
      ),
      h('p', {}, h('span', { class: 'mono short-url' }, link.shortUrl), ' ', copyButton(link.shortUrl)),
      h(
        'dl',
        {},
        h('dt', {}, 'Status'),
        h('dd', {}, h('span', { class: `badge badge-${status.id}` }, status.label)),
        h('dt', {}, 'Clicks (people)'),
        h('dd', {}, clicks),
        h('dt', {}, 'Goes to'),
        h('dd', {}, safeLink(link.destination)),
        h('dt', {}, 'Campaign'),
        h(
          'dd',
          {},
          link.campaign ? h('a', { href: `#/campaigns/${encodeURIComponent(link.campaign)}` }, link.campaign) : '—',
        ),
        h('dt', {}, 'Network'),
        h('dd', {}, networkLabel(link.network)),
        h('dt', {}, 'Posted'),
        h('dd', {}, fmtDateTime(link.postedAt ?? link.createdAt), link.postedAt ? '' : ' (created)'),
      ),
    );
  }

  async function toggle() {
    try {
      link = await api('PATCH', path, { disabled: !link.disabled }, { signal: ctx.signal });
      toast(link.disabled ? `Disabled ${link.shortUrl}` : `Enabled ${link.shortUrl}`);
      renderHead();
    } catch (e) {
      if (e.name !== 'AbortError') toast(e.message, 'error');
    }
  }

  renderHead();
  const filters = statsPanel(ctx, panel, {
    fixed: { slug: link.slug },
    dimensions: ['qr', 'source', 'referrer', 'country', 'city', 'device', 'os', 'browser'],
    emptyHint: `Share ${link.shortUrl}; each click appears below within seconds, and here once counted.`,
    onFilters: () => ((seen = null), poll()),
  });

  // The feed: the newest of the clicks "Download clicks (CSV)" holds (same bots mode and period),
  // polled while the page is open and visible.
  const feedParams = () => {
    const { state } = filters;
    const { from, to } = rangeParams(state);
    feedScope.textContent = scopeText(null);
    // A period that runs to now stays open, so a click stamped by the server's clock a moment ahead still shows.
    return { slug: link.slug, limit: FEED_SIZE, bots: state.bots, from, to: state.range === 'custom' ? to : undefined };
  };
  // Under CLICK_RETENTION_DAYS the server deletes older raw clicks; the charts keep their history.
  const scopeText = (rawFrom) => {
    const { state } = filters;
    const scope = `${BOTS_LABELS[state.bots]} · ${rangeLabel(state)}: the newest ${FEED_SIZE}; “Download clicks (CSV)” holds them all.`;
    return rawFrom
      ? `${scope} Raw clicks are kept from ${fmtDateTime(rawFrom)} on: the feed and CSV start there, the charts above count all.`
      : scope;
  };
  let seen = null;
  let timer = null;
  let generation = 0;
  async function poll() {
    clearTimeout(timer);
    if (document.hidden) return schedule();
    const mine = ++generation;
    try {
      const [page, fresh] = await Promise.all([
        get('/api/clicks', feedParams(), { signal: ctx.signal }),
        get(path, {}, { signal: ctx.signal }),
      ]);
      if (mine !== generation) return; // the filters changed while this was on its way
      // Only the count changes in place, so a focused button in the header keeps its focus.
      const restyle = fresh.disabled !== link.disabled || statusWords(fresh).id !== statusWords(link).id;
      link = fresh;
      if (restyle) renderHead();
      else clicks.textContent = num(link.clicks);
      renderFeed(page.clicks);
      feedScope.textContent = scopeText(page.rawClicksFrom);
      feedStatus.textContent = `Live: checked at ${fmtTime(Date.now())}`;
    } catch (e) {
      if (e.name === 'AbortError' || mine !== generation) return;
      feedStatus.textContent = '';
      replace(feed, errorBox(e, poll));
      return; // stop polling on errors until the reader retries
    }
    schedule();
  }
  const schedule = () => {
    clearTimeout(timer);
    if (!ctx.signal.aborted) timer = setTimeout(poll, POLL_MS);
  };
  ctx.onCleanup(() => clearTimeout(timer));

  function renderFeed(clicks) {
    const before = seen;
    seen = new Set(clicks.map((c) => c.id));
    if (clicks.length === 0) {
      replace(
        feed,
        emptyState('No clicks yet.', `Open ${link.shortUrl} or share it; clicks appear here within a few seconds.`),
      );
      return;
    }
    replace(
      feed,
      h(
        'table',
        { class: 'table cards-on-phone feed' },
        h('caption', { class: 'visually-hidden' }, `The ${clicks.length} most recent clicks, newest first`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['When', 'Source', 'Device', 'Place', 'Who'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          clicks.map((c) =>
            h(
              'tr',
              { class: before && !before.has(c.id) ? 'fresh' : null },
              cell('When', fmtDateTime(c.clickedAt)),
              cell(
                'Source',
                c.source || 'direct',
                c.referrerHost ? h('span', { class: 'sub' }, c.referrerHost) : null,
                c.qr ? h('span', { class: 'sub' }, 'QR code') : null,
              ),
              cell('Device', [c.device, c.browser, c.os].filter(Boolean).join(' · ') || 'unknown'),
              cell('Place', place(c)),
              cell(
                'Who',
                h('span', { class: c.bot ? 'badge badge-bot' : 'badge badge-human' }, c.bot ? 'Bot' : 'Person'),
              ),
            ),
          ),
        ),
      ),
    );
  }

  await poll();
}

/** The destination as a link only when it is http(s); anything else stays plain text. */
function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return h('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank', class: 'mono' }, url);
    }
  } catch {
    // fall through
  }
  return h('span', { class: 'mono' }, url);
}
