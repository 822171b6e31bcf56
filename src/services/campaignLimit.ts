import {
  campaignAllowed,
  forbiddenCampaign,
  type ClickReader,
  type LinkStore,
  type StatsScope,
  type StatsStore,
  type TimingStore,
} from '../domain/index.js';

/** The stores a campaign-limited key reads and writes through. */
export interface LimitableStores {
  links?: LinkStore;
  clicks?: Partial<ClickReader>;
  /** The CSV export's view of the clicks (the same reader, under the name the export takes). */
  clickExport?: Partial<ClickReader>;
  stats?: StatsStore;
  timing?: TimingStore;
  campaignLimit?: readonly string[];
}

/**
 * The same deps with every store limited to `within`'s campaigns: each query carries the
 * forced condition (the stores put `campaign IN (…)` in their SQL), and links are created or
 * moved only into those campaigns. Other campaigns' posts do not exist for these deps.
 */
export function limitToCampaigns<T extends LimitableStores>(deps: T, within: readonly string[]): T {
  const allowed = { campaigns: within };
  const check = (campaign: string | null) => {
    if (!campaignAllowed(allowed, campaign)) throw forbiddenCampaign(campaign);
  };
  const out: T = { ...deps, campaignLimit: within };
  const l = deps.links;
  if (l)
    out.links = {
      ...l,
      async insert(link) {
        check(link.campaign);
        return l.insert(link);
      },
      async insertMany(list) {
        for (const link of list) check(link.campaign);
        return l.insertMany(list);
      },
      bySlug: (slug) => l.bySlug(slug, within),
      list: (filter) => l.list({ ...filter, within }),
      count: (match) => l.count({ ...match, within }),
      async update(id, changes) {
        if (changes.campaign !== undefined) check(changes.campaign);
        return l.update(id, changes, within);
      },
      remove: (id) => l.remove(id, within),
      campaigns: () => l.campaigns(within),
    };
  if (deps.clicks) out.clicks = clicksWithin(deps.clicks, within);
  if (deps.clickExport) out.clickExport = clicksWithin(deps.clickExport, within);
  if (deps.stats) out.stats = withinScopes(deps.stats, within);
  if (deps.timing) out.timing = withinScopes(deps.timing, within);
  return out;
}

/** The reader's methods it has, each with the limit in its filter. */
function clicksWithin(c: Partial<ClickReader>, within: readonly string[]): Partial<ClickReader> {
  const { list, page, count } = c;
  return {
    ...(list && { list: (filter) => list.call(c, { ...filter, within }) }),
    ...(page && { page: (filter, afterId, limit) => page.call(c, { ...filter, within }, afterId, limit) }),
    ...(count && { count: (filter) => count.call(c, { ...filter, within }) }),
  };
}

/** Every method's scope (its first argument) carries the limit. */
function withinScopes<S extends object>(store: S, within: readonly string[]): S {
  const out = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(
    store as Record<string, (scope: StatsScope, ...rest: never[]) => unknown>,
  )) {
    out[name] = (scope: StatsScope, ...rest: never[]) => method.call(store, { ...scope, within }, ...rest);
  }
  return out as S;
}
