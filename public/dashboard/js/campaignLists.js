// Lists several views share, read defensively: the analytics endpoints are young.
import { get } from './api.js';

/**
 * /api/campaigns rows, normalised to {campaign, links, clicks, uniques, bestNetwork,
 * firstPostAt, lastPostAt} whatever the exact field names turn out to be.
 */
export async function campaignRows(params, opts) {
  const data = await get('/api/campaigns', params, opts);
  const rows = Array.isArray(data) ? data : data?.campaigns ?? data?.rows ?? [];
  return rows.map((r) => ({
    campaign: r.campaign ?? r.name ?? r.value ?? '',
    links: r.links ?? r.linkCount ?? r.posts ?? 0,
    clicks: r.clicks ?? 0,
    uniques: r.uniques ?? r.visitors ?? 0,
    bestNetwork: r.bestNetwork ?? r.best_network ?? r.topNetwork ?? null,
    firstPostAt: r.firstPostAt ?? r.firstPostedAt ?? r.first_post_at ?? null,
    lastPostAt: r.lastPostAt ?? r.lastPostedAt ?? r.last_post_at ?? null,
  }));
}

/**
 * Campaign names for suggestions and filters, from the newest 500 links: the campaigns in
 * current use. (Not /api/campaigns: it aggregates clicks, far more work than a name list.)
 */
export async function campaignNames(opts) {
  const { links } = await get('/api/links', { limit: 500 }, opts);
  return [...new Set(links.map((l) => l.campaign).filter(Boolean))].sort(byText);
}

const byText = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/** Whether a link still redirects, in words (mirrors linkState in src/domain/link.ts). */
export function linkStatus(link, now = Date.now()) {
  if (link.disabled) return { id: 'disabled', label: 'Disabled' };
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return { id: 'expired', label: 'Expired' };
  if (link.maxClicks !== null && link.maxClicks !== undefined && link.clicks >= link.maxClicks) {
    return { id: 'exhausted', label: 'Limit reached' };
  }
  return { id: 'live', label: 'Live' };
}

/** A post's name for people: its title, else its slug. */
export const linkName = (link) => link.title || link.slug;
