import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPreviewFetcher } from '../../src/domain/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => void (t = await makeTestApp()));
afterEach(() => t.close());
const json = async (res: Response) => (await res.json()) as any;

/** User agents as the networks and apps send them. */
const FETCHERS = {
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  x: 'Twitterbot/1.0',
  linkedin: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  slack: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  discord: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  whatsapp: 'WhatsApp/2.23.20.0 A',
  telegram: 'TelegramBot (like TwitterBot)',
  pinterest: 'Pinterestbot/1.0 (+http://www.pinterest.com/bot.html)',
  reddit: 'Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)',
  mastodon: 'http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)',
  bluesky: 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)',
};
const NOT_FETCHERS = {
  chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  instagramApp:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.0',
  curl: 'curl/8.5.0',
  python: 'python-requests/2.31.0',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  empty: '',
};

const HOSTILE = `Launch "day" <script>alert('x')</script> & more`;

async function postWithCard(slug = 'card') {
  const res = await t.api('POST', '/api/links', {
    url: 'https://example.com/launch',
    slug,
    network: 'linkedin',
    preview: {
      title: HOSTILE,
      description: 'Our <b>spring</b> launch',
      imageUrl: 'https://cdn.example.com/card.png?a=1&b=2',
    },
  });
  expect(res.status).toBe(201);
  return json(res);
}

describe('social previews (Open Graph cards)', () => {
  it('stores a preview on create and edit, shows it in the link, and clears it with null', async () => {
    const created = await postWithCard();
    expect(created.preview).toEqual({
      title: HOSTILE,
      description: 'Our <b>spring</b> launch',
      imageUrl: 'https://cdn.example.com/card.png?a=1&b=2',
    });
    const edited = await json(await t.api('PATCH', '/api/links/card', { preview: { title: 'New title' } }));
    expect(edited.preview).toEqual({ title: 'New title', description: null, imageUrl: null });
    expect((await json(await t.api('PATCH', '/api/links/card', { title: 'x' }))).preview).toEqual(edited.preview);
    expect((await json(await t.api('PATCH', '/api/links/card', { preview: null }))).preview).toBeNull();
    expect((await json(await t.api('POST', '/api/links', { url: 'https://example.com/plain' }))).preview).toBeNull();
  });

  it.each([
    [{ title: 'T', imageUrl: 'http://cdn.example.com/card.png' }, 'preview.imageUrl'],
    [{ title: 'T', imageUrl: 'javascript:alert(1)' }, 'preview.imageUrl'],
    [{ title: '' }, 'preview.title'],
    [{ description: 'no title' }, 'preview.title'],
    [{ title: 'x'.repeat(201) }, 'preview.title'],
    [{ title: 'T', description: 'x'.repeat(501) }, 'preview.description'],
    [{ title: 'T', colour: 'red' }, 'preview'],
  ])('refuses the preview %j, naming %s', async (preview, field) => {
    const res = await t.api('POST', '/api/links', { url: 'https://example.com/x', preview });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message.startsWith(field)).toBe(true);
  });

  it('answers each named fetcher the card, every value escaped, with a canonical link to the destination', async () => {
    await postWithCard();
    for (const [name, ua] of Object.entries(FETCHERS)) {
      const res = await t.app.request('/card', { headers: { 'user-agent': ua } });
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toContain('text/html');
      expect(res.headers.get('content-security-policy'), name).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(res.headers.get('cache-control'), name).toBe('private, max-age=0');
      const html = await res.text();
      expect(html, name).not.toContain('<script>');
      expect(html).toContain(
        '<meta property="og:title" content="Launch &#34;day&#34; &#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; more">',
      );
      expect(html).toContain('<meta property="og:description" content="Our &#60;b&#62;spring&#60;/b&#62; launch">');
      expect(html).toContain('<meta property="og:image" content="https://cdn.example.com/card.png?a=1&#38;b=2">');
      expect(html).toContain('<meta property="og:url" content="http://lp.test/card">');
      expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
      expect(html).toContain(
        '<link rel="canonical" href="https://example.com/launch?utm_source=linkedin&#38;utm_medium=social">',
      );
    }
  });

  it('still redirects people, generic clients and search crawlers', async () => {
    await postWithCard();
    for (const [name, ua] of Object.entries(NOT_FETCHERS)) {
      const res = await t.app.request('/card', { headers: { 'user-agent': ua } });
      expect(res.status, name).toBe(302);
      expect(res.headers.get('location'), name).toBe(
        'https://example.com/launch?utm_source=linkedin&utm_medium=social',
      );
    }
  });

  it("redirects fetchers too when the post has no card, so the destination's own tags show", async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/own', slug: 'own' });
    expect((await t.app.request('/own', { headers: { 'user-agent': FETCHERS.facebook } })).status).toBe(302);
  });

  it('draws a small card without an image', async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/t', slug: 'text', preview: { title: 'Just words' } });
    const html = await (await t.app.request('/text', { headers: { 'user-agent': FETCHERS.x } })).text();
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).not.toContain('og:image');
    expect(html).not.toContain('og:description');
  });

  it('knows the named fetchers from everything else', () => {
    for (const ua of Object.values(FETCHERS)) expect(isPreviewFetcher(ua), ua).toBe(true);
    for (const ua of Object.values(NOT_FETCHERS)) expect(isPreviewFetcher(ua), ua).toBe(false);
  });

  it('takes previews in bulk creation too', async () => {
    const res = await t.api('POST', '/api/links/bulk', {
      links: [
        {
          url: 'https://example.com/b1',
          slug: 'b1',
          preview: { title: 'B1', imageUrl: 'https://cdn.example.com/b1.png' },
        },
        { url: 'https://example.com/b2' },
      ],
    });
    expect(res.status).toBe(201);
    const { links } = await json(res);
    expect(links.map((l: any) => l.preview)).toEqual([
      { title: 'B1', description: null, imageUrl: 'https://cdn.example.com/b1.png' },
      null,
    ]);
    expect((await json(await t.api('GET', '/api/links/b1'))).preview.title).toBe('B1');
  });
});
