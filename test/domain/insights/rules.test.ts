import { describe, expect, it } from 'vitest';
import {
  botWarnings,
  deriveInsights,
  earlyClickWarnings,
  networkChoice,
  noReferrerWarnings,
  postFade,
  publishingWindows,
  type InsightFacts,
  type NetworkClickFacts,
  type PostFacts,
} from '../../../src/domain/index.js';

let n = 0;
/** A post as the rules see it; `at` is its local posting time "2026-03-03 08:10" (Tuesday). */
function post(network: string, at: string, over: Partial<PostFacts> = {}): PostFacts {
  const day = (new Date(`${at.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7;
  return {
    slug: `${network}-${++n}`,
    network,
    campaign: null,
    postedAt: Date.parse(`${at.replace(' ', 'T')}:00Z`),
    postedLocal: at,
    weekHour: day * 24 + Number(at.slice(11, 13)),
    localDate: at.slice(0, 10),
    h24: null,
    h72: null,
    d7: null,
    halfLifeHours: null,
    weekClicks: 0,
    beforePosted: 0,
    ...over,
  };
}
const facts = (
  posts: PostFacts[],
  networks: NetworkClickFacts[] = [],
  campaigns: string[] | null = null,
): InsightFacts => ({ tz: 'Europe/Paris', campaigns, posts, networks });
const clicks = (network: string, over: Partial<NetworkClickFacts>): NetworkClickFacts => ({
  network,
  clicks: 0,
  noReferrer: 0,
  direct: 0,
  bots: 0,
  ...over,
});

// Tue 3, Wed 4, Thu 5, Tue 10, Wed 11 March at 08:xx; Mon and Fri afternoons for the rest.
const morning = ['2026-03-03 08:10', '2026-03-04 08:05', '2026-03-05 08:40', '2026-03-10 08:20', '2026-03-11 08:55'];
const afternoon = [
  '2026-03-02 15:00',
  '2026-03-06 15:30',
  '2026-03-09 15:10',
  '2026-03-13 15:45',
  '2026-03-16 15:00',
  '2026-03-20 15:20',
  '2026-03-23 15:05',
];

describe('publishing windows', () => {
  it("names the window whose posts drew more first-24h clicks than the network's other posts, with the figures", () => {
    const posts = [
      ...morning.map((at, i) => post('linkedin', at, { h24: [40, 50, 60, 45, 55][i] })),
      ...afternoon.map((at, i) => post('linkedin', at, { h24: [20, 25, 22, 18, 30, 24, 26][i] })),
    ];
    const [insight] = publishingWindows(facts(posts));
    expect(insight).toMatchObject({
      id: 'publishing_window:linkedin',
      kind: 'publishing_window',
      confidence: 'low',
      text: 'LinkedIn posts published Tue–Thu 08:00–10:00 (Europe/Paris) drew 2.1× the first-24h clicks of your other LinkedIn posts (median 50 vs 24; 5 posts vs 7).',
    });
    expect(insight!.evidence).toMatchObject({
      days: [1, 2, 3],
      hours: [8, 10],
      weekHours: [32, 33, 56, 57, 80, 81],
      posts: 5,
      otherPosts: 7,
      medianFirst24h: 50,
      otherMedianFirst24h: 24,
      ratio: 2.1,
      slugs: posts.slice(0, 5).map((p) => p.slug),
    });
  });

  it('says how many more posts with a full first day are needed below ten', () => {
    const posts = morning.slice(0, 4).map((at) => post('x', at, { h24: 10 }));
    posts.push(post('x', '2026-03-20 09:00')); // its first day has not ended: not counted
    expect(publishingWindows(facts(posts))).toEqual([
      expect.objectContaining({
        id: 'publishing_window:x',
        kind: 'missing_data',
        text: '6 more X posts with a full first day of clicks are needed to compare publishing times (4 of 10).',
      }),
    ]);
  });

  it('does not credit a window whose lead is one post', () => {
    const posts = [
      // Median 36 against 24 (1.5×), but 29 without the 400 post: under 1.25×.
      ...morning.map((at, i) => post('linkedin', at, { h24: [20, 36, 22, 300, 400][i] })),
      ...afternoon.map((at) => post('linkedin', at, { h24: 24 })),
    ];
    expect(publishingWindows(facts(posts))[0]!.text).toMatch(/^No publishing time stands out/);
  });

  it('says no time stands out when no window leads by 1.25×', () => {
    const posts = [...morning, ...afternoon].map((at, i) => post('linkedin', at, { h24: 30 + (i % 3) }));
    expect(publishingWindows(facts(posts))[0]).toMatchObject({
      kind: 'publishing_window',
      text: expect.stringMatching(/^No publishing time stands out for LinkedIn/),
    });
  });

  it('does not credit a window whose posts went out on fewer than three days', () => {
    const twoDays = [
      '2026-03-03 08:10',
      '2026-03-03 08:30',
      '2026-03-03 08:50',
      '2026-03-04 08:05',
      '2026-03-04 08:40',
    ];
    const posts = [
      ...twoDays.map((at) => post('linkedin', at, { h24: 90 })),
      ...afternoon.map((at) => post('linkedin', at, { h24: 20 })),
    ];
    expect(publishingWindows(facts(posts))[0]!.text).toMatch(/^No publishing time stands out/);
  });
});

describe('network choice', () => {
  it('compares the best network with the runner-up by median first-72h clicks, with the middle half of each', () => {
    const posts = [
      ...[100, 120, 140].map((h72) => post('linkedin', '2026-03-03 09:00', { h72, campaign: 'Spring' })),
      ...[40, 50, 60, 55].map((h72) => post('x', '2026-03-03 09:00', { h72, campaign: 'Spring' })),
      post('facebook', '2026-03-03 09:00', { h72: 500, campaign: 'Spring' }), // one post: not compared
      post('linkedin', '2026-03-03 09:00', { h72: 1, campaign: 'Autumn' }),
    ];
    const [insight] = networkChoice(facts(posts, [], ['Spring']));
    expect(insight).toMatchObject({
      id: 'network_choice:Spring',
      kind: 'network_choice',
      confidence: 'low',
      text: "In Spring, LinkedIn posts drew the most first-72h clicks: median 120 per post (middle half 110–130, 3 posts), 2.3× X's 52.5 (middle half 47.5–56.3, 4 posts).",
    });
    expect(insight!.evidence).toMatchObject({ best: 'linkedin', runnerUp: 'x', ratio: 2.3, spreadsOverlap: false });
  });

  it('says when the spreads overlap and lowers its confidence', () => {
    const posts = [
      ...[10, 30, 50, 70, 90].map((h72) => post('linkedin', '2026-03-03 09:00', { h72 })),
      ...[20, 25, 40, 45, 60].map((h72) => post('x', '2026-03-03 09:00', { h72 })),
    ];
    const [insight] = networkChoice(facts(posts));
    expect(insight!.text).toMatch(
      /^Across your posts, LinkedIn .* The spreads overlap, so the lead is not clear yet\.$/,
    );
    expect(insight!.confidence).toBe('low'); // 5 posts each would be medium
  });

  it('says which posts are missing before two networks can be compared', () => {
    const posts = [
      post('linkedin', '2026-03-03 09:00', { h72: 5 }),
      post('linkedin', '2026-03-04 09:00', { h72: 5 }),
      post('x', '2026-03-04 09:00', { h72: 5 }),
    ];
    expect(networkChoice(facts(posts))[0]).toMatchObject({
      kind: 'missing_data',
      text: 'To compare networks, 1 more LinkedIn post and 2 more X posts with 72 hours of clicks are needed (each network needs 3).',
    });
  });
});

describe('post fade', () => {
  it("turns a network's median half-life into repost advice", () => {
    const posts = [
      ...[3, 4, 5].map((halfLifeHours) => post('linkedin', '2026-03-03 09:00', { halfLifeHours })),
      ...[10, 12, 20, 22].map((halfLifeHours) => post('facebook', '2026-03-03 09:00', { halfLifeHours })),
      ...[30, 40, 50].map((halfLifeHours) => post('x', '2026-03-03 09:00', { halfLifeHours })),
    ];
    const texts = postFade(facts(posts)).map((i) => i.text);
    expect(texts).toEqual([
      "Facebook posts get half of their first-week clicks within 16 h (median of 4 posts, middle half 11.5–20.5 h): most of a post's life is its first day: repost the next day rather than the same day.",
      'LinkedIn posts get half of their first-week clicks within 4 h (median of 3 posts, middle half 3.5–4.5 h): they fade the same day, so a repost later that day can reach people the first one no longer does.',
      'X posts get half of their first-week clicks within 40 h (median of 3 posts, middle half 35–45 h): they keep working for days, so a same-day repost would mostly compete with the original.',
    ]);
  });

  it('waits for three posts with a full week', () => {
    expect(
      postFade(facts([post('x', '2026-03-03 09:00', { halfLifeHours: 4 }), post('x', '2026-03-20 09:00')]))[0],
    ).toMatchObject({
      kind: 'missing_data',
      text: '2 more X posts with a full week of clicks are needed to say how fast they fade (1 of 3).',
    });
  });
});

describe('attribution warnings', () => {
  it("warns when most of a network's clicks come with no referrer, and only then", () => {
    const warnings = noReferrerWarnings(
      facts(
        [],
        [
          clicks('instagram', { clicks: 100, noReferrer: 70, direct: 30 }),
          clicks('linkedin', { clicks: 100, noReferrer: 20 }),
          clicks('x', { clicks: 40, noReferrer: 40 }), // too few clicks to say
        ],
      ),
    );
    expect(warnings).toEqual([
      {
        id: 'attribution:no_referrer:instagram',
        kind: 'attribution',
        confidence: 'low',
        text: '70% of clicks on Instagram posts (70 of 100) arrive with no referrer, as from in-app browsers and apps; 30% could not be traced to any source ("direct"). Give these links a utm_source to keep them attributed.',
        evidence: { network: 'instagram', clicks: 100, noReferrer: 70, direct: 30, threshold: 0.5 },
      },
    ]);
  });

  it('warns when bots are a fifth of the hits or more', () => {
    const warnings = botWarnings(
      facts([], [clicks('facebook', { clicks: 150, bots: 50 }), clicks('x', { clicks: 190, bots: 10 })]),
    );
    expect(warnings.map((w) => [w.id, w.confidence, w.text])).toEqual([
      [
        'attribution:bots:facebook',
        'medium',
        'Bots and link-preview crawlers made 25% of the hits on Facebook posts (50 of 200). They are kept out of clicks here; tools that count every hit will show more.',
      ],
    ]);
  });

  it('warns about posts with clicks before their posted time', () => {
    const early = post('linkedin', '2026-03-03 09:00', { slug: 'early', beforePosted: 5, weekClicks: 20 });
    const warnings = earlyClickWarnings(
      facts([
        early,
        post('linkedin', '2026-03-03 09:00', { beforePosted: 2, weekClicks: 5 }), // too few
        post('linkedin', '2026-03-03 09:00', { beforePosted: 5, weekClicks: 100 }), // a small share
      ]),
    );
    expect(warnings.map((w) => w.text)).toEqual([
      'early drew 5 clicks in the week before its posted time (2026-03-03 09:00, Europe/Paris): the posted time may be wrong, and its first-hours figures with it.',
    ]);
  });
});

describe('deriveInsights', () => {
  const sample = () => {
    n = 0;
    return facts(
      [...morning, ...afternoon].map((at, i) =>
        post('linkedin', at, {
          h24: i < 5 ? 60 : 20,
          h72: 70,
          halfLifeHours: 5,
          beforePosted: i === 0 ? 9 : 0,
          weekClicks: 40,
        }),
      ),
      [clicks('linkedin', { clicks: 500, noReferrer: 300, bots: 200 })],
    );
  };

  it('gives the same statements for the same data, recommendations first and missing data last', () => {
    const first = deriveInsights(sample());
    expect(deriveInsights(sample())).toEqual(first);
    expect(first.map((i) => i.id)).toEqual([
      'publishing_window:linkedin',
      'post_lifetime:linkedin',
      'attribution:no_referrer:linkedin',
      'attribution:bots:linkedin',
      'attribution:before_posted:linkedin-1',
      'network_choice:*',
    ]);
    expect(first.at(-1)!.kind).toBe('missing_data');
  });

  it('says what is missing when there are no posts and no clicks', () => {
    expect(deriveInsights(facts([]))).toEqual([
      expect.objectContaining({ id: 'missing_data:posts', kind: 'missing_data' }),
    ]);
  });
});
