import { linkState, type Link } from '../domain/index.js';
import type { LinkBody } from './openapi/responses.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A link as the API shows it: camelCase, ISO times, its short URL and whether it redirects at `now`. */
export function linkView(link: Link, publicUrl: string, now: number): LinkBody {
  return {
    id: link.id,
    slug: link.slug,
    shortUrl: `${publicUrl}/${link.slug}`,
    url: link.url,
    destination: link.destination,
    title: link.title,
    campaign: link.campaign,
    network: link.network,
    utm: link.utm,
    postedAt: iso(link.postedAt),
    createdAt: iso(link.createdAt)!,
    updatedAt: iso(link.updatedAt)!,
    disabled: link.disabled,
    expiresAt: iso(link.expiresAt),
    maxClicks: link.maxClicks,
    clicks: link.humanClicks,
    preview: link.preview,
    status: linkState(link, now),
  };
}
