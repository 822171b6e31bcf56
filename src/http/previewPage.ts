import type { Link, LinkPreview } from '../domain/index.js';
import { escapeHtml } from './pages.js';

/** The card page: markup only, nothing to run or load. */
export const PREVIEW_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * What a link-preview fetcher reads to draw a post's card: Open Graph and Twitter tags from the
 * post's preview, a canonical link to the destination, and a plain link for anyone who lands here.
 */
export function previewPage(link: Link & { preview: LinkPreview }, shortUrl: string): string {
  const { title, description, imageUrl } = link.preview;
  const meta = (attr: 'property' | 'name', key: string, value: string | null) =>
    value === null ? '' : `<meta ${attr}="${key}" content="${escapeHtml(value)}">\n`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${meta('property', 'og:type', 'website')}${meta('property', 'og:title', title)}${meta('property', 'og:description', description)}${meta('property', 'og:image', imageUrl)}${meta('property', 'og:url', shortUrl)}${meta('name', 'twitter:card', imageUrl ? 'summary_large_image' : 'summary')}${meta('name', 'twitter:title', title)}${meta('name', 'twitter:description', description)}${meta('name', 'twitter:image', imageUrl)}${meta('name', 'description', description)}<link rel="canonical" href="${escapeHtml(link.destination)}">
</head><body><p><a href="${escapeHtml(link.destination)}">${escapeHtml(title)}</a></p></body></html>`;
}
