/** Warnings about what the counts cannot see: no referrer, bots, clicks before a post went out. */
import {
  byNetwork,
  confidenceFor,
  fmt,
  networkLabel,
  percent,
  plural,
  type Insight,
  type InsightFacts,
} from '../insight.js';

/** Clicks (or hits) a network needs before its shares are worth a warning. */
export const SHARE_MIN_CLICKS = 50;
export const NO_REFERRER_SHARE = 0.5;
export const BOT_SHARE = 0.2;
/** Clicks before the posted time that make it suspect, absolutely and as a share of the post's clicks. */
export const EARLY_MIN_CLICKS = 3;
export const EARLY_SHARE = 0.1;

export const noReferrerWarnings = (facts: InsightFacts): Insight[] =>
  [...facts.networks]
    .sort(byNetwork)
    .filter((n) => n.clicks >= SHARE_MIN_CLICKS && n.noReferrer >= NO_REFERRER_SHARE * n.clicks)
    .map((n) => ({
      id: `attribution:no_referrer:${n.network ?? '*'}`,
      kind: 'attribution' as const,
      confidence: confidenceFor(n.clicks, 200, 1000),
      text:
        `${percent(n.noReferrer, n.clicks)}% of clicks on ${networkLabel(n.network)} posts (${fmt(n.noReferrer)} of ${fmt(n.clicks)}) arrive with no referrer, as from in-app browsers and apps; ` +
        `${percent(n.direct, n.clicks)}% could not be traced to any source ("direct"). Give these links a utm_source to keep them attributed.`,
      evidence: {
        network: n.network,
        clicks: n.clicks,
        noReferrer: n.noReferrer,
        direct: n.direct,
        threshold: NO_REFERRER_SHARE,
      },
    }));

export const botWarnings = (facts: InsightFacts): Insight[] =>
  [...facts.networks]
    .sort(byNetwork)
    .filter((n) => n.clicks + n.bots >= SHARE_MIN_CLICKS && n.bots >= BOT_SHARE * (n.clicks + n.bots))
    .map((n) => ({
      id: `attribution:bots:${n.network ?? '*'}`,
      kind: 'attribution' as const,
      confidence: confidenceFor(n.clicks + n.bots, 200, 1000),
      text:
        `Bots and link-preview crawlers made ${percent(n.bots, n.clicks + n.bots)}% of the hits on ${networkLabel(n.network)} posts (${fmt(n.bots)} of ${fmt(n.clicks + n.bots)}). ` +
        'They are kept out of clicks here; tools that count every hit will show more.',
      evidence: { network: n.network, hits: n.clicks + n.bots, bots: n.bots, clicks: n.clicks, threshold: BOT_SHARE },
    }));

export const earlyClickWarnings = (facts: InsightFacts): Insight[] =>
  facts.posts
    .filter(
      (p) => p.beforePosted >= EARLY_MIN_CLICKS && p.beforePosted >= EARLY_SHARE * (p.beforePosted + p.weekClicks),
    )
    .sort((a, b) => b.beforePosted - a.beforePosted || a.slug.localeCompare(b.slug))
    .map((p) => ({
      id: `attribution:before_posted:${p.slug}`,
      kind: 'attribution' as const,
      confidence: confidenceFor(p.beforePosted, 8, 20),
      text: `${p.slug} drew ${plural(p.beforePosted, 'click')} in the week before its posted time (${p.postedLocal}, ${facts.tz}): the posted time may be wrong, and its first-hours figures with it.`,
      evidence: {
        slug: p.slug,
        network: p.network,
        postedAt: new Date(p.postedAt).toISOString(),
        clicksBefore: p.beforePosted,
        clicksFirstWeek: p.weekClicks,
        threshold: EARLY_SHARE,
      },
    }));
