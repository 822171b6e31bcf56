import { entryLabel, linkState, type BioPageWithLinks } from '../domain/index.js';
import type { BioPageBody } from './openapi/bioPageResponses.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A bio page as the API shows it: its public URL and every entry with its state. */
export function bioPageView(page: BioPageWithLinks, publicUrl: string, now: number): BioPageBody {
  return {
    handle: page.handle,
    url: `${publicUrl}/@${page.handle}`,
    title: page.title,
    text: page.text,
    avatarUrl: page.avatarUrl,
    links: page.links.map((l) => ({
      slug: l.slug,
      shortUrl: `${publicUrl}/${l.slug}`,
      title: l.title,
      label: entryLabel(l),
      state: linkState(l, now),
    })),
    createdAt: iso(page.createdAt),
    updatedAt: iso(page.updatedAt),
  };
}
