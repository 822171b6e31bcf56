/**
 * Named link-preview fetchers of social networks and chat apps: they read a page to draw its
 * card. A link with a preview answers them its own card; everyone else still gets the redirect.
 */
const PREVIEW_FETCHERS = [
  'facebookexternalhit',
  'facebookcatalog',
  'Facebot',
  'meta-externalagent',
  'Twitterbot',
  'LinkedInBot',
  'Slackbot',
  'Slack-ImgProxy',
  'Discordbot',
  'WhatsApp',
  'TelegramBot',
  'redditbot',
  'Pinterestbot',
  'Pinterest/0\\.',
  'Mastodon',
  'Pleroma',
  'Akkoma',
  'Misskey',
  'Iframely',
  'Embedly',
  'SkypeUriPreview',
  'Microsoft Preview',
  'Bluesky Cardyb',
  'Cardyb',
  'vkShare',
  'Snap URL Preview',
];
/** Search crawlers, headless browsers and HTTP clients: bots, but no card reader. */
const AUTOMATION = [
  'Applebot',
  'Google-PageRenderer',
  'Googlebot',
  'bingbot',
  'HeadlessChrome',
  'PhantomJS',
  'Puppeteer',
  'Playwright',
  'Headless',
  'python-requests',
  'curl/',
  'Wget',
  'Go-http-client',
  'okhttp',
  'axios',
  'node-fetch',
  'undici',
];

export const LINK_PREVIEW_FETCHERS: RegExp = new RegExp(PREVIEW_FETCHERS.join('|'), 'i');

/**
 * Link-preview fetchers and automation that general bot lists miss or that we must be sure of.
 * Matched on top of isbot's list; their hits are recorded but never counted as human.
 */
export const PREVIEW_AND_AUTOMATION: RegExp = new RegExp([...PREVIEW_FETCHERS, ...AUTOMATION].join('|'), 'i');

/** Whether a user agent is a named link-preview fetcher (not a generic client or a search crawler). */
export const isPreviewFetcher = (userAgent: string): boolean => LINK_PREVIEW_FETCHERS.test(userAgent);

/** Whether this request gets the post's preview card instead of the redirect: one rule for every path. */
export const showsPreviewCard = (link: { preview: unknown }, userAgent: string): boolean =>
  link.preview !== null && isPreviewFetcher(userAgent);
