import { describe, expect, it } from 'vitest';
import {
  ANDROID_APPS, attributeSource, IN_APP_BROWSERS, referrerHost, REFERRER_HOSTS,
} from '../../src/domain/index.js';

const src = (referrer: string, userAgent = '', utmSource: string | null = null) =>
  attributeSource({ referrer, userAgent, utmSource });

describe('attributeSource: referrer hosts', () => {
  it.each(REFERRER_HOSTS)('maps %s to %s', (host, source) => {
    expect(src(`https://${host}/some/path?x=1`)).toBe(source);
  });
  it('matches subdomains and www, e.g. Facebook redirectors', () => {
    expect(src('https://l.facebook.com/l.php?u=x')).toBe('facebook');
    expect(src('https://lm.facebook.com/')).toBe('facebook');
    expect(src('https://m.facebook.com/')).toBe('facebook');
    expect(src('https://l.instagram.com/?u=x')).toBe('instagram');
    expect(src('https://www.linkedin.com/feed/')).toBe('linkedin');
    expect(src('https://old.reddit.com/r/x')).toBe('reddit');
  });
  it('treats webmail hosts as email', () => {
    expect(src('https://webmail.example.org/')).toBe('email');
    expect(src('https://mail.google.com/mail/u/0/')).toBe('email');
  });
  it('keeps an unknown referrer as its host without www', () => {
    expect(src('https://www.Example.org/blog')).toBe('example.org');
    expect(src('https://news.ycombinator.com/item?id=1')).toBe('news.ycombinator.com');
  });
  it('does not confuse look-alike hosts', () => {
    expect(src('https://notx.com/')).toBe('notx.com');
    expect(src('https://t.co.evil.example/')).toBe('t.co.evil.example');
  });
});

describe('attributeSource: Android app referrers', () => {
  it.each(Object.entries(ANDROID_APPS))('maps android-app://%s/ to %s', (pkg, source) => {
    expect(src(`android-app://${pkg}/`)).toBe(source);
  });
  it('keeps an unknown app as its package name', () => {
    expect(src('android-app://com.example.reader/')).toBe('com.example.reader');
  });
});

describe('attributeSource: in-app browsers without a referrer', () => {
  const samples: Record<string, string> = {
    threads: 'Mozilla/5.0 (iPhone) Mobile/15E148 Barcelona 289.0.0.77.109 Instagram 289.0.0.77.109',
    instagram: 'Mozilla/5.0 (iPhone) Mobile/15E148 Instagram 329.0.0.0.62 (iPhone15,2; iOS 17_4)',
    facebook: 'Mozilla/5.0 (iPhone) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.36.105;FBBV/1]',
    linkedin: 'Mozilla/5.0 (iPhone) Mobile/15E148 [LinkedInApp]/9.29.1',
    tiktok: 'Mozilla/5.0 (Linux; Android 14) Chrome/124 Mobile Safari/537.36 musical_ly_2023405040 BytedanceWebview/d8a21c6',
    snapchat: 'Mozilla/5.0 (iPhone) Mobile/15E148 Snapchat/12.80.0.35 (like Safari/8617.1.17.10.9)',
    pinterest: 'Mozilla/5.0 (iPhone) Mobile/15E148 [Pinterest/iOS]',
    x: 'Mozilla/5.0 (iPhone) Mobile/15E148 Twitter for iPhone/10.40',
    reddit: 'Mozilla/5.0 (iPhone) Mobile/15E148 Reddit/Version 2024.10.0/Build 123',
    whatsapp: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36 WhatsApp/2.24.8.85',
    telegram: 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36 Telegram-Android/10.12.0',
    line: 'Mozilla/5.0 (iPhone) Mobile/15E148 Safari Line/14.5.0',
  };
  it('has a sample for every rule', () => {
    expect(new Set(IN_APP_BROWSERS.map(([, s]) => s))).toEqual(new Set(Object.keys(samples)));
  });
  it.each(Object.entries(samples))('attributes %s from its user agent', (source, ua) => {
    expect(src('', ua)).toBe(source);
  });
  it('prefers a referrer over the in-app browser', () => {
    expect(src('https://lnkd.in/x', samples.instagram)).toBe('linkedin');
  });
  it('says direct for a plain browser without referrer', () => {
    expect(src('', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0 Safari/537.36')).toBe('direct');
  });
});

describe('attributeSource: utm_source', () => {
  it('wins over referrer and user agent, lowercased', () => {
    expect(src('https://t.co/abc', 'Instagram 300.0', 'Newsletter')).toBe('newsletter');
  });
  it('is ignored when blank', () => {
    expect(src('https://t.co/abc', '', '  ')).toBe('x');
  });
});

describe('referrerHost', () => {
  it('lowercases and strips www', () => {
    expect(referrerHost('https://WWW.LinkedIn.com/feed')).toBe('linkedin.com');
  });
  it('is null for garbage', () => {
    expect(referrerHost('not a url')).toBeNull();
  });
});
