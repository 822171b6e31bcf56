import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../../src/services/userAgent.js';
import { UA } from '../support/capture.js';

describe('describeUserAgent: bots and link-preview fetchers', () => {
  it.each([
    ['facebookexternalhit', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
    ['Twitterbot', 'Twitterbot/1.0'],
    ['LinkedInBot', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)'],
    ['Slackbot', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
    ['Discordbot', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
    ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
    ['TelegramBot', 'TelegramBot (like TwitterBot)'],
    [
      'Applebot',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
    ],
    ['redditbot', 'Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)'],
    ['Pinterestbot', 'Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)'],
    ['Mastodon', 'http.rb/5.1.1 (Mastodon/4.2.8; +https://mastodon.social/)'],
    ['Iframely', 'Iframely/1.3.1 (+https://iframely.com/docs/about) Atlassian'],
    [
      'Skype/Teams preview',
      'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    ],
    ['Bluesky cardyb', 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)'],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    [
      'HeadlessChrome',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
    ],
    [
      'PhantomJS',
      'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
    ],
    ['curl', 'curl/8.5.0'],
    ['python-requests', 'python-requests/2.31.0'],
    ['no user agent', ''],
  ])('flags %s as a bot', (_name, ua) => {
    expect(describeUserAgent(ua).bot).toBe(true);
  });

  it.each([
    ['Chrome on Windows', UA.chromeDesktop],
    ['Safari on iPhone', UA.safariIphone],
    ['Instagram in-app', UA.instagramIphone],
    ['Facebook in-app', UA.facebookAndroid],
    ['LinkedIn in-app', UA.linkedinIphone],
  ])('keeps %s human', (_name, ua) => {
    expect(describeUserAgent(ua).bot).toBe(false);
  });
});

describe('describeUserAgent: device, OS, browser', () => {
  it('reads desktop, mobile and tablet', () => {
    expect(describeUserAgent(UA.chromeDesktop)).toMatchObject({ device: 'desktop', os: 'Windows', browser: 'Chrome' });
    expect(describeUserAgent(UA.safariIphone)).toMatchObject({ device: 'mobile', os: 'iOS', browser: 'Mobile Safari' });
    expect(describeUserAgent(UA.ipad)).toMatchObject({ device: 'tablet', os: 'iOS' });
  });
  it('names in-app browsers', () => {
    expect(describeUserAgent(UA.instagramIphone).browser).toBe('Instagram');
    expect(describeUserAgent(UA.facebookAndroid)).toMatchObject({
      device: 'mobile',
      os: 'Android',
      browser: 'Facebook',
    });
  });
  it('says other for what it cannot place', () => {
    expect(describeUserAgent('curl/8.5.0').device).toBe('other');
  });
});
