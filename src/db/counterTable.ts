import { DAY, filtersClicks, QUARTER, type Grain, type StatsScope } from '../domain/index.js';
import { qrValue, type ClickFilter } from './counterSpec.js';
import { COUNTER_GRAINS } from './counters.js';

/** The counter tables stats read. */
export type CounterTable = 'totals' | 'links' | 'campaigns' | 'networks' | 'profiles' | 'filters' | 'filterLinks';

/**
 * What a stats read asks: `counts` are plain clicks and uniques (dim 'all'), `values` are per
 * value of the click dimensions; `perLink` reads keep each link apart.
 */
export interface StatsRead {
  of: 'counts' | 'values';
  perLink: boolean;
}

/** Which links a scope names: none (every link) when it names no campaign, network, post or id. */
const namesNoLinks = (s: StatsScope): boolean => !s.campaigns && !s.networks && !s.slugs && !s.linkIds;

/** A scope of every link and no click filter: what counter_totals holds. */
export const everyLink = (s: StatsScope): boolean => namesNoLinks(s) && !filtersClicks(s);

/** A scope of whole campaigns and nothing else: what counter_campaigns holds. */
export const wholeCampaigns = (s: StatsScope): boolean =>
  Boolean(s.campaigns) && !s.networks && !s.slugs && !s.linkIds && !filtersClicks(s);

/** A scope of whole networks and nothing else: what counter_networks holds. */
export const wholeNetworks = (s: StatsScope): boolean =>
  Boolean(s.networks) && !s.campaigns && !s.slugs && !s.linkIds && !filtersClicks(s);

/** The one click filter of a scope over every link, its values as the counters keep them; null otherwise. */
export function oneFilterOnEveryLink(s: StatsScope): { filter: ClickFilter; values: string[] } | null {
  if (!namesNoLinks(s)) return null;
  const given: { filter: ClickFilter; values: string[] }[] = [];
  if (s.sources) given.push({ filter: 'source', values: s.sources });
  if (s.countries) given.push({ filter: 'country', values: s.countries });
  if (s.devices) given.push({ filter: 'device', values: s.devices });
  if (s.qr !== undefined) given.push({ filter: 'qr', values: [qrValue(s.qr)] });
  return given.length === 1 ? given[0]! : null;
}

/**
 * Which counter table answers one span of a read. The first rule that applies wins:
 * 1. values at quarter-hour grain → profiles: the others keep values per hour or day only;
 * 2. one click filter on every link → filters, or filterLinks for counts per link; values per
 *    link fall to rule 3;
 * 3. any other source, country, device or QR filter → profiles: only they keep those apart per click;
 * 4. every link, not per link → totals;
 * 5. values of whole campaigns, or of whole networks, not per link → campaigns or networks;
 * 6. anything else → links.
 */
export function counterTableFor(scope: StatsScope, read: StatsRead, grain: Grain): CounterTable {
  if (read.of === 'values' && grain === QUARTER) return 'profiles';
  if (oneFilterOnEveryLink(scope) && !(read.of === 'values' && read.perLink))
    return read.perLink ? 'filterLinks' : 'filters';
  if (filtersClicks(scope)) return 'profiles';
  if (!read.perLink && everyLink(scope)) return 'totals';
  if (!read.perLink && read.of === 'values' && wholeCampaigns(scope)) return 'campaigns';
  if (!read.perLink && read.of === 'values' && wholeNetworks(scope)) return 'networks';
  return 'links';
}

/**
 * The grains a read's range may be cut into, so that every span has a table that keeps it:
 * those of the table counterTableFor picks, with quarter hours of values from the profiles.
 */
export function grainsFor(scope: StatsScope, read: StatsRead): readonly Grain[] {
  const table = counterTableFor(scope, read, DAY);
  switch (table) {
    case 'profiles':
      return COUNTER_GRAINS.profiles;
    case 'filterLinks':
      return COUNTER_GRAINS.filterLinks;
    case 'filters':
    case 'totals': {
      const grains = table === 'filters' ? COUNTER_GRAINS.filters : COUNTER_GRAINS.totals;
      return read.of === 'counts' ? grains.all : [QUARTER, ...grains.dims];
    }
    default:
      // Quarter hours of values come from profiles (rule 1); campaigns and networks keep days, as links do.
      return read.of === 'counts' ? COUNTER_GRAINS.links.all : [QUARTER, ...COUNTER_GRAINS.links.dims];
  }
}
