import { errorFrom } from '../api.js';
import { h, replace } from '../dom.js';

const SIZES = [256, 512, 1024, 2048, 4096];
const ECC = [
  ['L', 'Low (7%)'],
  ['M', 'Medium (15%)'],
  ['Q', 'Quartile (25%)'],
  ['H', 'High (30%)'],
];

/**
 * A post's QR code: a preview in the chosen colours, size and error correction, and downloads
 * as SVG or PNG. The server refuses colours that do not scan, and the panel says why.
 */
export function qrPanel(link, { signal } = {}) {
  const base = `/api/links/${encodeURIComponent(link.slug)}`;
  const fg = h('input', { type: 'color', id: 'qr-fg', value: '#000000' });
  const bg = h('input', { type: 'color', id: 'qr-bg', value: '#ffffff' });
  const size = h(
    'select',
    { id: 'qr-size' },
    SIZES.map((s) => h('option', { value: s, selected: s === 1024 }, `${s} px`)),
  );
  const ecc = h(
    'select',
    { id: 'qr-ecc' },
    ECC.map(([v, label]) => h('option', { value: v, selected: v === 'M' }, label)),
  );
  const preview = h('div', { class: 'qr-preview', 'aria-live': 'polite' });
  const svgLink = h('a', { class: 'btn', id: 'qr-download-svg', download: `${link.slug}-qr.svg` }, 'Download SVG');
  const pngLink = h('a', { class: 'btn', id: 'qr-download-png', download: `${link.slug}-qr.png` }, 'Download PNG');

  const query = (px) =>
    new URLSearchParams({ size: String(px), fg: fg.value.slice(1), bg: bg.value.slice(1), ecc: ecc.value }).toString();
  let generation = 0;
  async function update() {
    const mine = ++generation;
    svgLink.href = `${base}/qr.svg?${query(size.value)}`;
    pngLink.href = `${base}/qr.png?${query(size.value)}`;
    const url = `${base}/qr.svg?${query(256)}`;
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin', signal });
    } catch (e) {
      if (e.name !== 'AbortError')
        replace(preview, h('p', { class: 'notice notice-error', role: 'alert' }, 'Could not reach the server.'));
      return;
    }
    if (mine !== generation) return;
    if (!res.ok) {
      const error = await errorFrom(res, 'GET', url);
      for (const a of [svgLink, pngLink]) a.hidden = true;
      replace(preview, h('p', { class: 'notice notice-error', role: 'alert' }, error.message));
      return;
    }
    const svg = await res.text();
    if (mine !== generation) return;
    for (const a of [svgLink, pngLink]) a.hidden = false;
    // A data: URL: the CSP allows data: images, and the SVG never runs as a document.
    replace(
      preview,
      h('img', {
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
        width: 256,
        height: 256,
        alt: `QR code for ${link.shortUrl}`,
      }),
    );
  }
  for (const control of [fg, bg, size, ecc]) control.addEventListener('change', update);
  for (const control of [fg, bg]) control.addEventListener('input', update);
  update();

  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  return h(
    'section',
    { class: 'card qr-panel', 'aria-labelledby': 'qr-h' },
    h('h2', { id: 'qr-h' }, 'QR code'),
    h(
      'p',
      { class: 'hint' },
      'For posters and print: it opens ',
      h('span', { class: 'mono' }, `${link.shortUrl}?qr=1`),
      ', so scans count as QR scans.',
    ),
    h(
      'div',
      { class: 'qr-body' },
      preview,
      h(
        'div',
        { class: 'qr-controls' },
        field('qr-fg', 'Colour', fg),
        field('qr-bg', 'Background', bg),
        field('qr-size', 'Download size', size),
        field('qr-ecc', 'Error correction', ecc),
        h('div', { class: 'actions' }, svgLink, pngLink),
      ),
    ),
  );
}
