import { INSIGHT_KINDS, type Insight, type InsightFacts, type InsightRule } from '../insight.js';
import { botWarnings, earlyClickWarnings, noReferrerWarnings } from './attribution.js';
import { networkChoice } from './networkChoice.js';
import { postFade } from './postFade.js';
import { publishingWindows } from './publishingWindow.js';

export * from './attribution.js';
export * from './networkChoice.js';
export * from './postFade.js';
export * from './publishingWindow.js';

export const INSIGHT_RULES: readonly InsightRule[] = [
  publishingWindows,
  networkChoice,
  postFade,
  noReferrerWarnings,
  botWarnings,
  earlyClickWarnings,
];

/**
 * Every rule's statements, recommendations first and what is missing last; within a kind in
 * rule order. The same facts always give the same list.
 */
export function deriveInsights(facts: InsightFacts): Insight[] {
  if (facts.posts.length === 0 && facts.networks.every((n) => n.clicks + n.bots === 0)) {
    return [
      {
        id: 'missing_data:posts',
        kind: 'missing_data',
        confidence: 'low',
        text: 'No posts were published and no clicks came in this range: recommendations need posts with a posted time and their clicks.',
        evidence: { posts: 0, clicks: 0 },
      },
    ];
  }
  // Sentences start with a capital even when a network's name does not ("email posts…").
  const all = INSIGHT_RULES.flatMap((rule) => rule(facts)).map((i) => ({
    ...i,
    text: i.text.charAt(0).toUpperCase() + i.text.slice(1),
  }));
  const rank = (i: Insight) => INSIGHT_KINDS.indexOf(i.kind);
  return all
    .map((insight, order) => ({ insight, order }))
    .sort((a, b) => rank(a.insight) - rank(b.insight) || a.order - b.order)
    .map((x) => x.insight);
}
