/** Text and attribute values escaped for HTML: no value can end an attribute or open a tag. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page below has no script and only its own inline style; nothing else may load. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** A small page for people who follow a dead short link in a browser. */
export function notFoundPage(status: 404 | 410, message: string): string {
  const title = status === 410 ? 'This link is no longer active' : 'Link not found';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2933}</style>
</head><body><h1>${title}</h1><p>${escapeHtml(message)}.</p></body></html>`;
}
