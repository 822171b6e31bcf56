import type { Link } from '../domain/index.js';
import { createLru } from './lru.js';

/**
 * The maxClicks budget as this process has spent it. A link's stored human count moves only
 * when the click writer commits, a few milliseconds after the redirect: without this, a burst
 * of twenty visits to a one-click link would all get through before the first was counted.
 */
export interface ClickAllowance {
  /**
   * Whether a visit may still go through; a human one then spends one click of the budget.
   * `human` is asked only for limited links: most redirects never pay for the bot check.
   */
  take(link: Link, human: () => boolean): boolean;
}

export function createClickAllowance(maxLinks = 10_000): ClickAllowance {
  // Link ids are AUTOINCREMENT, never reused, so an id names one link for good. A visit let
  // through stays spent even if its click is later dropped (queue full): the person got through.
  const spent = createLru<number, { stored: number; granted: number }>(maxLinks);
  return {
    take(link, human) {
      if (link.maxClicks === null) return true;
      let s = spent.get(link.id);
      if (!s) spent.set(link.id, (s = { stored: link.humanClicks, granted: 0 }));
      // Our grants land in the stored count as they commit; other processes' clicks only raise it.
      const counted = Math.max(link.humanClicks, s.stored + s.granted);
      if (counted >= link.maxClicks) return false;
      if (human()) s.granted++;
      return true;
    },
  };
}
