import { ifCan } from '../access.js';
import { h } from '../dom.js';
import { statsPanel } from '../stats.js';

/** Overview: everything, over 7/30/90 days or custom dates, in the browser's time zone. */
export async function overviewView(ctx) {
  const panel = h('div');
  ctx.main.append(
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('h1', {}, 'Overview'),
        h('p', { class: 'sub' }, 'All posts, all networks. Bots are kept out of the counts unless you ask.'),
      ),
      ifCan('links:write', h('a', { class: 'btn btn-primary', href: '#/links/new' }, 'New link')),
    ),
    panel,
  );
  statsPanel(ctx, panel, {
    dimensions: ['link', 'source', 'network', 'campaign', 'country', 'device', 'browser', 'qr'],
    emptyHint: 'Create a link under Links, share it in a post, and its clicks appear here within seconds.',
  });
}
