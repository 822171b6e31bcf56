import { entryLabel, type BioPageWithLinks } from '../domain/index.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The page's only style, inline so a view is one request; the CSP allows exactly this text by
 * its hash. Colours: body text 13.7:1, muted 8.2:1, button text 6.7:1, focus ring 6.2:1 on the page.
 */
export const BIO_PAGE_CSS = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f5f7fa}',
  'main{max-width:34rem;margin:0 auto;padding:2.5rem 1rem 3rem;text-align:center}',
  '.avatar{width:96px;height:96px;border-radius:50%;object-fit:cover;background:#d9e2ec}',
  'h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0 .5rem;overflow-wrap:anywhere}',
  '.text{margin:0 0 1.5rem;color:#3e4c59;overflow-wrap:anywhere;white-space:pre-line}',
  'ul{list-style:none;margin:0;padding:0}',
  'li{margin:0 0 .75rem}',
  'a{display:block;padding:.875rem 1rem;border-radius:.5rem;background:#1d4ed8;color:#fff;font-weight:600;text-decoration:none;overflow-wrap:anywhere}',
  'a:hover{background:#1e40af}',
  'a:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px}',
  '.empty{color:#3e4c59}',
].join('');

/** The bio page's entry link: through the short link, marked so the click is the page's. */
export const entryHref = (slug: string) => `/${slug}?bio=1`;

/** Server-rendered, script-free HTML for /@handle; the entries are those still live. */
export function bioPageHtml(page: BioPageWithLinks): string {
  const avatar = page.avatarUrl
    ? `<img class="avatar" src="${escapeHtml(page.avatarUrl)}" alt="" width="96" height="96" referrerpolicy="no-referrer" decoding="async">`
    : '';
  const text = page.text ? `<p class="text">${escapeHtml(page.text)}</p>` : '';
  const entries = page.links.length
    ? `<ul>${page.links.map((l) => `<li><a href="${escapeHtml(entryHref(l.slug))}">${escapeHtml(entryLabel(l))}</a></li>`).join('')}</ul>`
    : '<p class="empty">No links here yet.</p>';
  // What a link preview shows when the page's address is shared.
  const meta = [
    `<meta property="og:title" content="${escapeHtml(page.title)}">`,
    page.text
      ? `<meta name="description" content="${escapeHtml(page.text.slice(0, 160))}"><meta property="og:description" content="${escapeHtml(page.text.slice(0, 160))}">`
      : '',
    page.avatarUrl ? `<meta property="og:image" content="${escapeHtml(page.avatarUrl)}">` : '',
  ].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(page.title)}</title>${meta}
<style>${BIO_PAGE_CSS}</style></head>
<body><main>${avatar}<h1>${escapeHtml(page.title)}</h1>${text}${entries}</main></body></html>`;
}

let styleHash: Promise<string> | undefined;

/**
 * The page's CSP: the app's strict policy with its one inline style allowed by hash and
 * img-src widened to https: for the avatar; nothing else loads.
 */
export async function bioPageCsp(): Promise<string> {
  // Computed on first use: WebCrypto is async, and Workers allow it only inside a request.
  styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(BIO_PAGE_CSS))
    .then((d) => btoa(String.fromCharCode(...new Uint8Array(d))));
  return [
    "default-src 'self'",
    "img-src 'self' data: https:",
    `style-src 'sha256-${await styleHash}'`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
