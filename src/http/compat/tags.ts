/** Tags of the tools linkpost speaks for, mapped onto a post's own fields. */
import { invalid, normalizeNetwork, type Link } from '../../domain/index.js';

export interface TaggedFields {
  campaign?: string;
  network?: string;
}

/**
 * `campaign:<name>` and `network:<id>` set those fields; a bare tag is the campaign, so a tool
 * that tags every link with its own id (Postiz does) finds them again by that tag. A second
 * campaign or network, or an unknown network, is refused rather than dropped.
 */
export function fieldsFromTags(tags: readonly string[], field = 'tags'): TaggedFields {
  const out: TaggedFields = {};
  const set = (key: keyof TaggedFields, value: string) => {
    const v = value.trim();
    if (!v) throw invalid('invalid_tag', `${field}: "${key}:" needs a value`, { field });
    if (out[key] !== undefined && out[key] !== v) {
      throw invalid('invalid_tag', `${field}: a link has one ${key}, got "${out[key]}" and "${v}"`, { field });
    }
    out[key] = v;
  };
  for (const tag of tags) {
    const m = /^(campaign|network):(.*)$/is.exec(tag);
    if (!m) set('campaign', tag);
    else if (m[1]!.toLowerCase() === 'network') {
      if (!normalizeNetwork(m[2]!)) throw invalid('invalid_tag', `${field}: unknown network "${m[2]}"`, { field });
      set('network', m[2]!);
    } else set('campaign', m[2]!);
  }
  return out;
}

/** A post's campaign and network as tags, in the form fieldsFromTags reads back. */
export function tagsOf(link: Pick<Link, 'campaign' | 'network'>): string[] {
  const tags: string[] = [];
  if (link.campaign) tags.push(`campaign:${link.campaign}`);
  if (link.network) tags.push(`network:${link.network}`);
  return tags;
}
