/** Which network works best: median first-72h clicks per post, with the middle half of each. */
import {
  confidenceFor,
  fmt,
  lowerConfidence,
  networkLabel,
  plural,
  type Insight,
  type InsightFacts,
  type PostFacts,
} from '../insight.js';
import { median, middleHalf, round1 } from '../summary.js';

/** Posts with 72 hours of clicks a network needs to be compared. */
export const NETWORK_MIN_POSTS = 3;

interface NetworkFigures {
  network: string;
  posts: number;
  medianH72: number;
  middleHalf: [number, number];
  slugs: string[];
}

function figures(network: string, posts: PostFacts[]): NetworkFigures {
  const h72 = posts.map((p) => p.h72!);
  return {
    network,
    posts: posts.length,
    medianH72: round1(median(h72)!),
    middleHalf: middleHalf(h72)!,
    slugs: posts.map((p) => p.slug),
  };
}

/** Per campaign named in the query, or for all posts: the best network against the runner-up. */
export const networkChoice = (facts: InsightFacts): Insight[] => {
  const groups: Array<{ campaign: string | null; posts: PostFacts[] }> = facts.campaigns
    ? [...facts.campaigns]
        .sort()
        .map((campaign) => ({ campaign, posts: facts.posts.filter((p) => p.campaign === campaign) }))
    : [{ campaign: null, posts: facts.posts }];
  const out: Insight[] = [];
  for (const g of groups) {
    const where = g.campaign === null ? '' : ` in ${g.campaign}`;
    const id = `network_choice:${g.campaign ?? '*'}`;
    const perNetwork = new Map<string, PostFacts[]>();
    for (const p of g.posts)
      if (p.network !== null && p.h72 !== null) perNetwork.set(p.network, [...(perNetwork.get(p.network) ?? []), p]);
    const ranked = [...perNetwork]
      .filter(([, posts]) => posts.length >= NETWORK_MIN_POSTS)
      .map(([network, posts]) => figures(network, posts))
      .sort((a, b) => b.medianH72 - a.medianH72 || b.posts - a.posts || a.network.localeCompare(b.network));
    if (ranked.length < 2) {
      if (perNetwork.size === 0 && g.posts.length === 0) continue;
      // The two networks nearest to qualifying, and what each still lacks.
      const nearest = [...perNetwork]
        .map(([network, posts]) => ({ network, posts: posts.length }))
        .sort((a, b) => b.posts - a.posts || a.network.localeCompare(b.network))
        .slice(0, 2);
      const lacking = nearest
        .filter((n) => n.posts < NETWORK_MIN_POSTS)
        .map((n) => plural(NETWORK_MIN_POSTS - n.posts, `more ${networkLabel(n.network)} post`));
      if (nearest.length < 2) lacking.push(plural(NETWORK_MIN_POSTS, 'post') + ' on another network');
      const total =
        nearest.reduce((n, x) => n + Math.max(0, NETWORK_MIN_POSTS - x.posts), 0) +
        (nearest.length < 2 ? NETWORK_MIN_POSTS : 0);
      out.push({
        id,
        kind: 'missing_data',
        confidence: 'low',
        text: `To compare networks${where}, ${lacking.join(' and ')} with 72 hours of clicks ${total === 1 ? 'is' : 'are'} needed (each network needs ${NETWORK_MIN_POSTS}).`,
        evidence: {
          rule: 'network_choice',
          campaign: g.campaign,
          needed: NETWORK_MIN_POSTS,
          networks: [...perNetwork]
            .map(([network, posts]) => ({ network, posts: posts.length }))
            .sort((a, b) => a.network.localeCompare(b.network)),
        },
      });
      continue;
    }
    const [best, second] = ranked as [NetworkFigures, NetworkFigures];
    const overlap = best.middleHalf[0] <= second.middleHalf[1];
    const ratio = second.medianH72 > 0 ? round1(best.medianH72 / second.medianH72) : null;
    const spread = (f: NetworkFigures) =>
      `middle half ${fmt(f.middleHalf[0])}–${fmt(f.middleHalf[1])}, ${plural(f.posts, 'post')}`;
    let confidence = confidenceFor(Math.min(best.posts, second.posts), 5, 10);
    if (overlap) confidence = lowerConfidence(confidence);
    out.push({
      id,
      kind: 'network_choice',
      confidence,
      text:
        `${g.campaign === null ? 'Across your posts' : `In ${g.campaign}`}, ${networkLabel(best.network)} posts drew the most first-72h clicks: median ${fmt(best.medianH72)} per post (${spread(best)}), ` +
        `${ratio === null ? 'against' : `${fmt(ratio)}× `}${networkLabel(second.network)}'s ${fmt(second.medianH72)} (${spread(second)}).` +
        (overlap ? ' The spreads overlap, so the lead is not clear yet.' : ''),
      evidence: {
        campaign: g.campaign,
        best: best.network,
        runnerUp: second.network,
        ratio,
        spreadsOverlap: overlap,
        networks: ranked,
      },
    });
  }
  return out;
};
