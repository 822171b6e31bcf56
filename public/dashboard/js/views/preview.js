import { h } from '../dom.js';

/**
 * The final destination as text, each UTM parameter linkpost adds marked, and a note for
 * parameters the URL already carries (those are kept, as the server does).
 */
export function destinationPreview(checked, tags, withUtm) {
  if (checked.problem) return h('p', { class: 'preview-empty' }, checked.problem);
  const url = checked.url;
  const final = withUtm(url, tags);
  const added = Object.entries(tags).filter(([f]) => !url.searchParams.has(`utm_${f}`));
  const kept = Object.keys(tags).filter((f) => url.searchParams.has(`utm_${f}`));

  // Split the final URL into the part the user typed and the parameters we append.
  const base = new URL(url.href);
  base.hash = '';
  const addedText = added.map(([f, v]) => `utm_${f}=${new URLSearchParams({ x: v }).toString().slice(2)}`);
  const finalNoHash = final.split('#')[0];
  const seps = addedText.map((_, i) => (i === 0 && !base.href.includes('?') ? '?' : '&'));
  // Marked only when the pieces add up to exactly what the server will store.
  const exact = addedText.length > 0 && base.href + addedText.map((t, i) => seps[i] + t).join('') === finalNoHash;
  const parts = exact ? [base.href, addedText.map((t, i) => [seps[i], h('mark', {}, t)])] : [finalNoHash];
  if (url.hash) parts.push(url.hash);

  return h(
    'div',
    {},
    h('p', { class: 'preview-url mono', dataset: { url: final } }, parts),
    added.length === 0 && kept.length === 0
      ? h('p', { class: 'hint' }, 'No UTM tags: choose a network or a campaign to add them.')
      : h(
          'ul',
          { class: 'chips', 'aria-label': 'UTM parameters' },
          added.map(([f, v]) => h('li', { class: 'chip' }, `utm_${f} = ${v}`)),
          kept.map((f) => h('li', { class: 'chip chip-kept' }, `utm_${f} kept from your URL`)),
        ),
  );
}
