import { ifCan } from '../access.js';
import { get } from '../api.js';
import { exportButton, rangeControls, readRange } from '../controls.js';
import { campaignRows } from '../campaignLists.js';
import { cell, emptyState, errorBox, h, loading, replace } from '../dom.js';
import { fmtDate, num, rangeParams } from '../format.js';
import { statsPanel } from '../stats.js';
import { networkLabel } from '../utm.js';
import { insightsPanel } from './insights.js';
import { shareReportPanel } from './shareReport.js';

const COLUMNS = [
  { key: 'campaign', label: 'Campaign', text: true },
  { key: 'links', label: 'Posts' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'uniques', label: 'Unique visitors' },
  { key: 'bestNetwork', label: 'Best network', text: true },
  { key: 'firstPostAt', label: 'First post', date: true },
  { key: 'lastPostAt', label: 'Last post', date: true },
];

/** Campaigns: one sortable row each, for the chosen period. */
export async function campaignsView(ctx) {
  const state = readRange(ctx.query);
  const sort = { key: ctx.query.get('sort') ?? 'clicks', dir: ctx.query.get('dir') === 'asc' ? 'asc' : 'desc' };
  const results = h('div');
  let rows = [];

  const keep = () =>
    ctx.setQuery({
      range: state.range,
      from: state.range === 'custom' ? state.from : '',
      to: state.range === 'custom' ? state.to : '',
      sort: sort.key,
      dir: sort.dir,
    });
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Campaigns'),
        h(
          'p',
          { class: 'sub' },
          'Every campaign your posts belong to, people only (no bots). Unique visitors count each person once per post per day.',
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      rangeControls(state, () => (keep(), load()), { withBots: false }),
      h('div', { class: 'spacer' }),
      exportButton('Per-post report (CSV)', '/api/stats.csv', () => ({ ...rangeParams(state), bots: 'exclude' })),
    ),
    results,
  );

  async function load() {
    replace(results, loading('Loading campaigns…'));
    try {
      rows = await campaignRows(rangeParams(state), { signal: ctx.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(results, errorBox(e, load));
      return;
    }
    render();
  }

  function render() {
    if (rows.length === 0) {
      replace(
        results,
        emptyState(
          'No campaigns yet.',
          'Give your links a campaign name (for example "Spring Launch") when you create them; each campaign then gets a row here.',
          ifCan('links:write', h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'Create a link')),
        ),
      );
      return;
    }
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[2];
    const sign = sort.dir === 'asc' ? 1 : -1;
    const sorted = [...rows].sort((a, b) => {
      const x = a[col.key];
      const y = b[col.key];
      if (col.text) return sign * String(x ?? '').localeCompare(String(y ?? ''), undefined, { sensitivity: 'base' });
      const nx = col.date ? Date.parse(x ?? '') || 0 : Number(x ?? 0);
      const ny = col.date ? Date.parse(y ?? '') || 0 : Number(y ?? 0);
      return sign * (nx - ny);
    });
    replace(
      results,
      h(
        'table',
        { class: 'table cards-on-phone' },
        h(
          'caption',
          { class: 'visually-hidden' },
          `Campaigns, sorted by ${col.label} ${sort.dir === 'asc' ? 'ascending' : 'descending'}`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            COLUMNS.map((c) =>
              h(
                'th',
                {
                  scope: 'col',
                  class: c.text || c.date ? null : 'num',
                  'aria-sort': c.key === sort.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null,
                },
                h(
                  'button',
                  { type: 'button', onclick: () => sortBy(c.key) },
                  c.label,
                  // aria-sort already tells screen readers; the arrow is for eyes only.
                  c.key === sort.key ? h('span', { 'aria-hidden': 'true' }, sort.dir === 'asc' ? ' ▲' : ' ▼') : null,
                ),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          sorted.map((r) =>
            h(
              'tr',
              {},
              cell(
                'Campaign',
                h('a', { href: `#/campaigns/${encodeURIComponent(r.campaign)}`, class: 'post-title' }, r.campaign),
              ),
              cell({ label: 'Posts', class: 'num' }, num(r.links)),
              cell({ label: 'Clicks', class: 'num' }, num(r.clicks)),
              cell({ label: 'Unique visitors', class: 'num' }, num(r.uniques)),
              cell('Best network', networkLabel(r.bestNetwork)),
              cell('First post', fmtDate(r.firstPostAt)),
              cell('Last post', fmtDate(r.lastPostAt)),
            ),
          ),
        ),
      ),
    );
  }

  function sortBy(key) {
    sort.dir = sort.key === key && sort.dir === 'desc' ? 'asc' : 'desc';
    sort.key = key;
    keep();
    render();
    results.querySelector('th[aria-sort] button')?.focus();
  }

  await load();
}

/** One campaign: its own overview, its posts, and shortcuts to compare them. */
export async function campaignPageView(ctx) {
  const name = ctx.params[0];
  const panel = h('div');
  const insights = h('div');
  const posts = h('div', {}, loading('Loading posts…'));
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, h('p', { class: 'sub' }, h('a', { href: '#/campaigns' }, 'Campaigns'), ' ›'), h('h1', {}, name)),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'btn', href: `#/compare?campaign=${encodeURIComponent(name)}` }, 'Compare its posts'),
        h(
          'a',
          { class: 'btn', href: `#/compare?campaign=${encodeURIComponent(name)}&by=network` },
          'Compare its networks',
        ),
      ),
    ),
    shareReportPanel(ctx, () => ({ campaign: name }), { defaultTitle: () => `${name}: campaign report` }).element,
    panel,
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'camp-insights-h' },
      h('h2', { id: 'camp-insights-h' }, 'Insights'),
      h('p', { class: 'hint' }, 'Posts of this campaign published in the last 90 days, people only.'),
      insights,
    ),
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'posts-h' },
      h('h2', { id: 'posts-h' }, 'Posts in this campaign'),
      posts,
    ),
  );
  insightsPanel(ctx, insights, { fixed: { campaign: name }, headingLevel: 'h3' });
  statsPanel(ctx, panel, {
    fixed: { campaign: name },
    dimensions: ['link', 'network', 'qr', 'source', 'country', 'device'],
    emptyHint: 'Share the posts of this campaign; their clicks appear here within seconds.',
  });
  try {
    const { links } = await get('/api/links', { campaign: name, limit: 200 }, { signal: ctx.signal });
    replace(
      posts,
      links.length === 0
        ? emptyState(
            'No posts in this campaign.',
            'Links are grouped by their exact campaign name: check its spelling, or create a link with this campaign.',
            h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'Create a link'),
          )
        : h(
            'ul',
            { class: 'card plain-list' },
            links.map((l) =>
              h(
                'li',
                {},
                h('a', { href: `#/link/${encodeURIComponent(l.slug)}` }, l.title || l.slug),
                h(
                  'span',
                  { class: 'muted' },
                  ` · ${networkLabel(l.network)} · ${fmtDate(l.postedAt ?? l.createdAt)} · ${num(l.clicks)} click${l.clicks === 1 ? '' : 's'}`,
                ),
              ),
            ),
          ),
    );
  } catch (e) {
    if (e.name !== 'AbortError') replace(posts, errorBox(e));
  }
}
