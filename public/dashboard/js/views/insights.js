// Insights: recommendations with their evidence, the weekday × hour heatmap (two metrics) and
// how long posts live per network. A page of its own, and a panel on each campaign's page.
import { get } from '../api.js';
import { rangeControls, readRange } from '../controls.js';
import { emptyState, errorBox, h, loading, replace } from '../dom.js';
import { num, rangeParams, timeZone } from '../format.js';
import { heatmapDataTable, heatmapTable } from '../heatmap.js';
import { networkLabel } from '../utm.js';

const METRICS = [
  { id: 'clicks', label: 'When clicks arrive', caption: 'Clicks by weekday and hour they arrived' },
  {
    id: 'first24h',
    label: 'When to post',
    caption: 'First-24-hour clicks per post, by the weekday and hour it was published',
  },
];
const CONFIDENCE = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' };
const hours = (v) => (v === null || v === undefined ? '—' : `${v} h`);

/** The Insights page: every post, over 90 days unless the address says otherwise. */
export async function insightsView(ctx) {
  const state = readRange(ctx.query);
  if (!ctx.query.get('range')) state.range = '90d';
  const panel = h('div');
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Insights'),
        h(
          'p',
          { class: 'sub' },
          'When to post, how long a post lives, which network works: said plainly, with the figures behind each statement.',
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      rangeControls(state, () => {
        ctx.setQuery({
          range: state.range,
          from: state.range === 'custom' ? state.from : '',
          to: state.range === 'custom' ? state.to : '',
          bots: state.bots,
        });
        insightsPanel(ctx, panel, { state });
      }),
    ),
    panel,
  );
  await insightsPanel(ctx, panel, { state });
}

/**
 * Recommendations, heatmap and lifetime for the state's range and `fixed` filters (a campaign),
 * each part loading on its own so one slow answer does not hold the others.
 */
export async function insightsPanel(
  ctx,
  container,
  { state = { range: '90d', bots: 'exclude' }, fixed = {}, headingLevel = 'h2' } = {},
) {
  const params = () => ({ ...rangeParams(state), bots: state.bots, ...fixed });
  const tips = h('div', {}, loading('Reading the recommendations…'));
  const heat = h('div', {}, loading('Loading the heatmap…'));
  const life = h('div', {}, loading('Loading post lifetimes…'));
  const heading = (id, text) => h(headingLevel, { id }, text);
  let metric = 'clicks';
  const toggle = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': 'Heatmap metric' },
    METRICS.map((m) =>
      h('button', { type: 'button', 'aria-pressed': String(m.id === metric), dataset: { metric: m.id } }, m.label),
    ),
  );
  toggle.addEventListener('click', (e) => {
    const id = e.target.closest('button')?.dataset.metric;
    if (!id || id === metric) return;
    metric = id;
    for (const b of toggle.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.metric === id));
    loadHeatmap();
  });
  replace(
    container,
    h(
      'section',
      { class: 'section insights-tips', 'aria-labelledby': 'tips-h' },
      heading('tips-h', 'Recommendations'),
      tips,
    ),
    h(
      'section',
      { class: 'section card', 'aria-labelledby': 'heat-h' },
      h('div', { class: 'heat-head' }, heading('heat-h', 'When clicks happen'), toggle),
      h('p', { class: 'hint' }, `Times in ${timeZone}. `, h('span', { id: 'heat-explain' })),
      heat,
    ),
    h('section', { class: 'section', 'aria-labelledby': 'life-h' }, heading('life-h', 'How long a post lives'), life),
  );

  const guard = async (target, what, fn) => {
    try {
      await fn();
    } catch (e) {
      if (e.name !== 'AbortError') replace(target, errorBox(e, what));
    }
  };
  async function loadHeatmap() {
    replace(heat, loading('Loading the heatmap…'));
    await guard(heat, loadHeatmap, async () => {
      const body = await get('/api/stats/heatmap', { ...params(), metric }, { signal: ctx.signal });
      const m = METRICS.find((x) => x.id === metric);
      container.querySelector('#heat-explain').textContent =
        metric === 'first24h'
          ? `Each post sits in the hour it was published; darker means more clicks in its first 24 hours per post.${body.pending ? ` ${num(body.pending)} post${body.pending === 1 ? ' is' : 's are'} younger than a day and not counted yet.` : ''}`
          : 'Darker means more clicks arrived in that hour of the week.';
      const empty = body.cells.every((c) => c.clicks === 0 && c.posts === 0);
      replace(
        heat,
        empty
          ? h('p', { class: 'muted' }, 'Nothing in this period.')
          : [heatmapTable(body, `${m.caption}, ${timeZone}`), heatmapDataTable(body)],
      );
    });
  }
  const loadTips = () =>
    guard(tips, loadTips, async () => {
      const { insights } = await get('/api/insights', params(), { signal: ctx.signal });
      replace(tips, insightList(insights));
    });
  const loadLife = () =>
    guard(life, loadLife, async () => {
      const body = await get('/api/stats/lifetime', params(), { signal: ctx.signal });
      replace(life, lifetimeTable(body));
    });
  await Promise.all([loadTips(), loadHeatmap(), loadLife()]);
}

const GROUPS = [
  { kind: 'publishing_window', title: 'When to post' },
  { kind: 'network_choice', title: 'Which network works' },
  { kind: 'post_lifetime', title: 'How fast posts fade' },
  { kind: 'attribution', title: 'What the counts cannot see' },
];
/** Statements shown per group before "more"; the most confident come first. */
const SHOWN = 3;
const RANK = { high: 0, medium: 1, low: 2 };

export function insightList(insights) {
  const said = insights.filter((i) => i.kind !== 'missing_data');
  const missing = insights.filter((i) => i.kind === 'missing_data');
  const groups = GROUPS.map((g) => ({
    ...g,
    items: said.filter((i) => i.kind === g.kind).sort((a, b) => RANK[a.confidence] - RANK[b.confidence]),
  })).filter((g) => g.items.length > 0);
  return [
    said.length === 0
      ? emptyState(
          'Not enough data for a recommendation yet.',
          'Recommendations need posts with a posted time and a day or more of clicks. Below is what is still missing.',
        )
      : h(
          'div',
          { class: 'insight-groups' },
          groups.map((g) =>
            h(
              'div',
              { class: 'insight-group' },
              h('p', { class: 'insight-group-title' }, g.title),
              h('ul', { class: 'insights' }, g.items.slice(0, SHOWN).map(insightItem)),
              g.items.length > SHOWN
                ? h(
                    'details',
                    { class: 'more-insights' },
                    h('summary', {}, `${g.items.length - SHOWN} more`),
                    h('ul', { class: 'insights' }, g.items.slice(SHOWN).map(insightItem)),
                  )
                : null,
            ),
          ),
        ),
    missing.length === 0
      ? null
      : h(
          'details',
          { class: 'missing-data' },
          h(
            'summary',
            {},
            `Not enough data yet for ${missing.length} more statement${missing.length === 1 ? '' : 's'}`,
          ),
          h(
            'ul',
            { class: 'missing-list' },
            missing.map((i) => h('li', {}, i.text)),
          ),
        ),
  ];
}

function insightItem(i) {
  return h(
    'li',
    { class: 'card insight', dataset: { kind: i.kind, id: i.id } },
    h(
      'p',
      { class: 'insight-text' },
      h('span', { class: `badge badge-${i.confidence}` }, CONFIDENCE[i.confidence]),
      ' ',
      i.text,
    ),
    h('details', {}, h('summary', {}, 'Evidence'), evidenceList(i.evidence)),
  );
}

/** Evidence as a definition list; lists of posts are cut to ten names. */
function evidenceList(evidence) {
  const show = (v) => {
    if (Array.isArray(v)) {
      if (v.length && typeof v[0] === 'object')
        return h(
          'ul',
          {},
          v.map((x) => h('li', {}, evidenceList(x))),
        );
      const shown = v.slice(0, 10).join(', ');
      return v.length > 10 ? `${shown} and ${v.length - 10} more` : shown || '—';
    }
    if (v && typeof v === 'object') return evidenceList(v);
    return v === null ? '—' : String(v);
  };
  return h(
    'dl',
    { class: 'evidence' },
    Object.entries(evidence).map(([k, v]) => [h('dt', {}, k), h('dd', {}, show(v))]),
  );
}

export function lifetimeTable(body) {
  if (body.posts.length === 0) return h('p', { class: 'muted' }, 'No posts were published in this period.');
  const cols = ['Network', 'Posts', 'First hour', 'First day', 'First 3 days', 'First week', 'Half-life'];
  return [
    h(
      'table',
      { class: 'table cards-on-phone lifetime' },
      h('caption', { class: 'visually-hidden' }, 'Median clicks per post after publishing, per network'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        body.networks.map((n) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', 'data-label': 'Network' }, networkLabel(n.network)),
            [n.posts, n.median.h1, n.median.h24, n.median.h72, n.median.d7].map((v, i) =>
              h('td', { class: 'num', 'data-label': cols[i + 1] }, num(v)),
            ),
            h('td', { class: 'num', 'data-label': 'Half-life' }, hours(n.median.halfLifeHours)),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'hint' },
      "Medians per post. Each window counts only posts old enough for it; half-life is the time until half of a post's first-week clicks had come.",
    ),
  ];
}
