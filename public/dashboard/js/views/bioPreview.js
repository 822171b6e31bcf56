// The editor's live preview: the public page's look, drawn from the form as it is typed.
import { h } from '../dom.js';

/**
 * The page as visitors will see it: title, text and the live entries in order. The avatar is
 * drawn as a placeholder: the dashboard's CSP loads no images from elsewhere.
 */
export function bioPreview({ title, text, avatarUrl, entries }) {
  const live = entries.filter((e) => e.state === 'live');
  return h(
    'div',
    { class: 'bio-preview' },
    avatarUrl
      ? h('div', { class: 'bio-preview-avatar', title: avatarUrl }, (title || '?').slice(0, 1).toUpperCase())
      : null,
    h('p', { class: 'bio-preview-title' }, title || 'Your page title'),
    text ? h('p', { class: 'bio-preview-text' }, text) : null,
    live.length
      ? h(
          'ul',
          {},
          live.map((e) => h('li', {}, h('span', { class: 'bio-preview-entry' }, e.label))),
        )
      : h('p', { class: 'bio-preview-text' }, 'No links here yet.'),
    entries.length > live.length
      ? h(
          'p',
          { class: 'hint' },
          `${entries.length - live.length} entr${entries.length - live.length === 1 ? 'y is' : 'ies are'} hidden: disabled, expired or at their limit.`,
        )
      : null,
  );
}
