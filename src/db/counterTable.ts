import { filtersClicks, QUARTER, type Grain, type StatsScope } from '../domain/index.js';
import { COUNTER_GRAINS } from './counters.js';

/** The counter tables stats read: counter_totals, counter_links, counter_campaigns, counter_profiles. */
export type CounterTable = 'totals' | 'links' | 'campaigns' | 'profiles';

/**
 * What a stats read asks: `counts` are plain clicks and uniques (dim 'all'), `values` are per
 * value of the click dimensions; `perLink` reads keep each link apart.
 */
export interface StatsRead {
  of: 'counts' | 'values';
  perLink: boolean;
}

/** A scope of every link and no click filter: what counter_totals holds. */
export const everyLink = (s: StatsScope): boolean =>
  !s.campaigns && !s.networks && !s.slugs && !s.linkIds && !filtersClicks(s);

/** A scope of whole campaigns and nothing else: what counter_campaigns holds. */
export const wholeCampaigns = (s: StatsScope): boolean =>
  Boolean(s.campaigns) && !s.networks && !s.slugs && !s.linkIds && !filtersClicks(s);

/**
 * Which counter table answers one span of a read. The first rule that applies wins:
 * 1. a source, country or device filter → profiles: only they keep those apart per click;
 * 2. values at quarter-hour grain → profiles: the others keep values per hour or day only;
 * 3. every link, not per link → totals;
 * 4. values of whole campaigns, not per link → campaigns;
 * 5. anything else → links.
 */
export function counterTableFor(scope: StatsScope, read: StatsRead, grain: Grain): CounterTable {
  if (filtersClicks(scope)) return 'profiles';
  if (read.of === 'values' && grain === QUARTER) return 'profiles';
  if (!read.perLink && everyLink(scope)) return 'totals';
  if (!read.perLink && read.of === 'values' && wholeCampaigns(scope)) return 'campaigns';
  return 'links';
}

/**
 * The grains a read's range may be cut into, so that every span has a table that keeps it:
 * the profiles' with a click filter, else the grains of the tables counterTableFor picks.
 */
export function grainsFor(scope: StatsScope, read: StatsRead): readonly Grain[] {
  if (filtersClicks(scope)) return COUNTER_GRAINS.profiles;
  const totals = !read.perLink && everyLink(scope);
  if (read.of === 'counts') return totals ? COUNTER_GRAINS.totals.all : COUNTER_GRAINS.links.all;
  // Quarter hours of values come from profiles (rule 2); campaigns keep days, as links do.
  return [QUARTER, ...(totals ? COUNTER_GRAINS.totals.dims : COUNTER_GRAINS.links.dims)];
}
