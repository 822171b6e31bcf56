import { get } from '../api.js';
import { lineChart } from '../charts.js';
import { campaignNames } from '../campaignLists.js';
import { cell, emptyState, errorBox, h, loading, replace } from '../dom.js';
import { fmtDateTime, num } from '../format.js';
import { networkLabel } from '../utm.js';
import { compareCsvButton, compareRecords } from './compareExport.js';
import { shareReportPanel } from './shareReport.js';

const WINDOWS = [
  { hours: 24, label: 'First 24 h' },
  { hours: 72, label: 'First 72 h' },
  { hours: 168, label: 'First 7 days' },
];
const MAX_POSTS = 10;

const sumFirst = (points, n) => points.slice(0, n).reduce((sum, p) => sum + p.clicks, 0);

/** Posts (or a campaign's networks) side by side from the hour each was published. */
export async function compareView(ctx) {
  const q = ctx.query;
  const state = {
    by: q.get('by') === 'network' ? 'network' : 'link',
    campaign: q.get('campaign') ?? '',
    slugs: q.getAll('slug').slice(0, MAX_POSTS),
    hours: [24, 72, 168].includes(Number(q.get('hours'))) ? Number(q.get('hours')) : 72,
    mode: q.get('mode') === 'cumulative' ? 'cumulative' : 'hourly',
    search: '',
  };
  const titles = new Map();
  const opts = { signal: ctx.signal };
  const keep = () =>
    ctx.setQuery({
      by: state.by === 'link' ? '' : state.by,
      campaign: state.campaign,
      slug: state.slugs,
      hours: state.hours,
      mode: state.mode === 'hourly' ? '' : state.mode,
    });

  const segmented = (label, id, choices, current, onPick) => {
    const buttons = choices.map(([value, text]) =>
      h(
        'button',
        { type: 'button', 'aria-pressed': String(value === current), dataset: { value: String(value) } },
        text,
      ),
    );
    const group = h('div', { class: 'segmented', role: 'group', 'aria-labelledby': id }, buttons);
    group.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      for (const x of buttons) x.setAttribute('aria-pressed', String(x === b));
      onPick(b.dataset.value);
    });
    return h('div', { class: 'field' }, h('span', { class: 'field-label', id }, label), group);
  };

  const campaign = h('select', { id: 'cmp-campaign' }, h('option', { value: '' }, 'Any campaign'));
  const search = h('input', { type: 'search', id: 'cmp-search', placeholder: 'Find a post' });
  const pickList = h('div', { class: 'pick-list', role: 'group', 'aria-label': 'Posts to compare' });
  const pickHint = h('p', { class: 'hint' });
  const picker = h(
    'div',
    { class: 'field posts-picker' },
    h('label', { for: 'cmp-search' }, 'Posts'),
    search,
    pickHint,
    pickList,
  );
  const results = h('div', { class: 'section' });
  // Ticked posts, else the campaign: what the curves show is what the report covers.
  const share = shareReportPanel(
    ctx,
    () => {
      if (state.by === 'link' && state.slugs.length > 0) return { slugs: [...state.slugs] };
      return state.campaign ? { campaign: state.campaign } : null;
    },
    { defaultTitle: (scope) => (scope.campaign ? `${scope.campaign}: campaign report` : 'Posts compared') },
  );

  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Compare posts'),
        h(
          'p',
          { class: 'sub' },
          'Curves start at the hour each post was published (its "Posted at", else when the link was made), so a Tuesday post and a Friday post line up.',
        ),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-label': 'What to compare' },
      h(
        'div',
        { class: 'pickers' },
        h(
          'div',
          { class: 'stack' },
          segmented(
            'Compare',
            'cmp-by',
            [
              ['link', 'Posts'],
              ['network', 'Networks'],
            ],
            state.by,
            (v) => ((state.by = v), (picker.hidden = v !== 'link'), changed()),
          ),
          h('div', { class: 'field' }, h('label', { for: 'cmp-campaign' }, 'Campaign'), campaign),
          segmented(
            'Window',
            'cmp-hours',
            WINDOWS.map((w) => [w.hours, w.label]),
            state.hours,
            (v) => ((state.hours = Number(v)), keep(), draw()),
          ),
          segmented(
            'Show',
            'cmp-mode',
            [
              ['hourly', 'Clicks per hour'],
              ['cumulative', 'Running total'],
            ],
            state.mode,
            (v) => ((state.mode = v), keep(), draw()),
          ),
        ),
        picker,
      ),
    ),
    h('div', { class: 'section' }, share.element),
    results,
  );
  picker.hidden = state.by !== 'link';

  campaignNames(opts).then(
    (names) => {
      if (state.campaign && !names.includes(state.campaign)) names.unshift(state.campaign);
      campaign.append(...names.map((n) => h('option', { value: n, selected: n === state.campaign }, n)));
    },
    () => {},
  );
  campaign.addEventListener('change', () => ((state.campaign = campaign.value), loadPosts(), changed()));
  let debounce;
  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => ((state.search = search.value.trim()), loadPosts()), 250);
  });
  ctx.onCleanup(() => clearTimeout(debounce));

  async function loadPosts() {
    try {
      const { links } = await get('/api/links', { campaign: state.campaign, q: state.search, limit: 100 }, opts);
      for (const l of links) titles.set(l.slug, l.title || l.slug);
      const slugs = [...new Set([...state.slugs, ...links.map((l) => l.slug)])];
      pickHint.textContent = state.campaign
        ? 'Tick posts to compare, or leave all unticked to compare every post of the campaign.'
        : `Tick two or more posts (up to ${MAX_POSTS}).`;
      replace(
        pickList,
        slugs.length === 0
          ? h('p', { class: 'muted' }, state.search || state.campaign ? 'No posts match.' : 'No posts yet.')
          : slugs.map((slug) => {
              const box = h('input', { type: 'checkbox', value: slug, checked: state.slugs.includes(slug) });
              box.addEventListener('change', () => {
                if (box.checked && state.slugs.length >= MAX_POSTS) {
                  box.checked = false;
                  pickHint.textContent = `At most ${MAX_POSTS} posts at a time.`;
                  return;
                }
                state.slugs = box.checked ? [...state.slugs, slug] : state.slugs.filter((s) => s !== slug);
                changed();
              });
              return h(
                'label',
                {},
                box,
                h('span', {}, titles.get(slug) ?? slug, h('span', { class: 'sub mono' }, slug)),
              );
            }),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(pickList, errorBox(e, loadPosts));
    }
  }

  let data = null;
  let destroyChart = () => {};
  ctx.onCleanup(() => destroyChart());
  let generation = 0;

  async function changed() {
    keep();
    share.refresh();
    const mine = ++generation;
    const slugs = state.by === 'link' ? state.slugs : [];
    if (!state.campaign && slugs.length < 2 && !(state.by === 'network')) {
      data = null;
      destroyChart();
      const none = !(await anyPosts);
      if (mine !== generation) return;
      replace(
        results,
        none
          ? emptyState(
              'No posts to compare yet.',
              'Create a link for each post you share (with its network, campaign and "Posted at"); once they draw clicks, compare them here.',
              h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'Create a link'),
            )
          : emptyState(
              'Choose what to compare.',
              'Tick two or more posts, or pick a campaign to compare all of its posts.',
            ),
      );
      return;
    }
    replace(results, loading('Loading curves…'));
    try {
      const answer = await get(
        '/api/stats/compare',
        {
          campaign: state.campaign,
          slug: slugs,
          by: state.by,
          align: 'posted',
          hours: 168,
          interval: 'hour',
        },
        opts,
      );
      if (mine !== generation) return;
      data = answer.series;
      draw();
    } catch (e) {
      if (e.name === 'AbortError' || mine !== generation) return;
      destroyChart();
      replace(results, errorBox(e, changed));
    }
  }

  function draw() {
    if (!data) return;
    destroyChart();
    if (data.length === 0) {
      replace(
        results,
        emptyState('Nothing to compare yet.', 'These posts have no clicks in their first week, or none match.'),
      );
      return;
    }
    const win = WINDOWS.find((w) => w.hours === state.hours);
    const rows = data.map((s) => ({
      s,
      name:
        state.by === 'network'
          ? s.key
            ? networkLabel(s.key)
            : s.label || 'No network'
          : s.label || titles.get(s.key) || s.key,
      totals: Object.fromEntries(WINDOWS.map((w) => [w.hours, sumFirst(s.points, w.hours)])),
    }));
    const best = Math.max(...rows.map((r) => r.totals[state.hours]));
    const chartBox = h('div');
    replace(
      results,
      h(
        'section',
        { class: 'card chart-card', 'aria-labelledby': 'cmp-chart-h' },
        h(
          'h2',
          { id: 'cmp-chart-h' },
          `${win.label} after posting, ${state.mode === 'cumulative' ? 'running total' : 'clicks per hour'}`,
        ),
        chartBox,
      ),
      compareCsvButton(state, () => compareRecords(rows, state, WINDOWS, best)),
      h(
        'table',
        { class: 'table cards-on-phone compare-table' },
        h('caption', { class: 'visually-hidden' }, 'Clicks after posting, per post'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, state.by === 'network' ? 'Network' : 'Post'),
            state.by === 'link' ? h('th', { scope: 'col' }, 'Network') : null,
            h('th', { scope: 'col' }, 'Posted'),
            WINDOWS.map((w) => h('th', { scope: 'col', class: 'num' }, w.label)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              {},
              cell(
                state.by === 'network' ? 'Network' : 'Post',
                state.by === 'link' ? h('a', { href: `#/link/${encodeURIComponent(r.s.key)}` }, r.name) : r.name,
                best > 0 && r.totals[state.hours] === best
                  ? [' ', h('span', { class: 'badge badge-best' }, `Best in ${win.label.toLowerCase()}`)]
                  : null,
              ),
              state.by === 'link' ? cell('Network', networkLabel(r.s.network)) : null,
              cell('Posted', state.by === 'link' ? fmtDateTime(r.s.postedAt) : '—'),
              WINDOWS.map((w) => cell({ label: w.label, class: 'num' }, num(r.totals[w.hours]))),
            ),
          ),
        ),
      ),
    );
    const labels = Array.from({ length: state.hours }, (_, i) => `${i} h`);
    destroyChart = lineChart(chartBox, {
      labels,
      series: rows.map((r) => ({
        label: r.name,
        data: labels.map((_, i) => {
          const p = r.s.points[i];
          if (!p) return null; // that hour has not come yet for this post: a gap, not a zero
          return state.mode === 'cumulative' ? p.cumulative : p.clicks;
        }),
      })),
      summary: `${rows.length} curves over the ${win.label.toLowerCase()} after posting. Best: ${rows
        .filter((r) => r.totals[state.hours] === best)
        .map((r) => r.name)
        .join(', ')} with ${num(best)} clicks.`,
      xTitle: 'Hours after posting',
      yTitle: state.mode === 'cumulative' ? 'Clicks so far' : 'Clicks per hour',
    });
  }

  // Whether there is anything at all to compare, so an empty page can say to create a link first.
  const anyPosts = get('/api/links', { limit: 1 }, opts).then(
    ({ links }) => links.length > 0,
    () => true,
  );
  loadPosts();
  await changed();
}
