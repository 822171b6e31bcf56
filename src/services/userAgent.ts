import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import { CLICK_LIMITS, crop, PREVIEW_AND_AUTOMATION, type Device } from '../domain/index.js';
import { createLru } from './lru.js';

export interface UserAgentInfo {
  device: Device;
  os: string | null;
  browser: string | null;
  bot: boolean;
}

const DESKTOP_OS = /^(Windows|Mac OS|macOS|Linux|Ubuntu|Debian|Fedora|Chromium OS|Chrome OS|FreeBSD|OpenBSD)/i;

/** Crawlers, link-preview fetchers, headless browsers, and clients that do not say what they are. */
export const isBotAgent = (ua: string): boolean => ua.trim() === '' || isbot(ua) || PREVIEW_AND_AUTOMATION.test(ua);

/** Device, OS, browser and bot verdict for a user agent. */
export function describeUserAgent(ua: string): UserAgentInfo {
  const bot = isBotAgent(ua);
  const r = new UAParser(ua).getResult();
  const type = r.device.type;
  const device: Device =
    type === 'mobile' || type === 'wearable'
      ? 'mobile'
      : type === 'tablet'
        ? 'tablet'
        : type === undefined && r.os.name && DESKTOP_OS.test(r.os.name)
          ? 'desktop'
          : 'other';
  return {
    device,
    os: crop(r.os.name, CLICK_LIMITS.os),
    browser: crop(r.browser.name, CLICK_LIMITS.browser),
    bot,
  };
}

/** Real traffic repeats a few hundred user agents: parse each once. */
export function cachedUserAgents(maxEntries = 5000) {
  const cache = createLru<string, UserAgentInfo>(maxEntries);
  return (ua: string): UserAgentInfo => {
    let info = cache.get(ua);
    if (!info) cache.set(ua, (info = describeUserAgent(ua)));
    return info;
  };
}
