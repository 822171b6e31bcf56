/**
 * Link-preview fetchers and automation that general bot lists miss or that we must be sure of.
 * Matched on top of isbot's list; their hits are recorded but never counted as human.
 */
export const PREVIEW_AND_AUTOMATION: RegExp = new RegExp(
  [
    'facebookexternalhit', 'facebookcatalog', 'meta-externalagent', 'Twitterbot', 'LinkedInBot',
    'Slackbot', 'Slack-ImgProxy', 'Discordbot', 'WhatsApp', 'TelegramBot', 'Applebot', 'redditbot',
    'Pinterestbot', 'Pinterest/0\\.', 'Mastodon', 'Pleroma', 'Akkoma', 'Misskey', 'Iframely', 'Embedly',
    'SkypeUriPreview', 'Microsoft Preview', 'Google-PageRenderer', 'Googlebot', 'bingbot',
    'Bluesky Cardyb', 'Cardyb', 'vkShare', 'Snap URL Preview',
    'HeadlessChrome', 'PhantomJS', 'Puppeteer', 'Playwright', 'Headless',
    'python-requests', 'curl/', 'Wget', 'Go-http-client', 'okhttp', 'axios', 'node-fetch', 'undici',
  ].join('|'),
  'i',
);
