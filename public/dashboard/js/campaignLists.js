// Campaign lists several views share: the analytics rows, and the names for suggestions.
import { get } from './api.js';

/** /api/campaigns rows: {campaign, links, clicks, uniques, bestNetwork, firstPostAt, lastPostAt}. */
export async function campaignRows(params, opts) {
  return (await get('/api/campaigns', params, opts)).campaigns;
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
