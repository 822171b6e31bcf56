import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Visit } from '../../src/domain/index.js';
import { enrichVisit } from '../../src/services/recordClicks.js';
import { makeCaptureApp, UA, type CaptureTestApp } from '../support/capture.js';

let t: CaptureTestApp;
beforeEach(async () => {
  t = await makeCaptureApp({
    locate() {
      throw new Error('geo database missing');
    },
  });
});
afterEach(() => t.close());

const visit = (over: Partial<Visit> = {}): Visit => ({
  linkId: 1,
  at: Date.parse('2026-03-10T12:00:00Z'),
  address: '81.2.69.160',
  userAgent: UA.chromeDesktop,
  referrer: '',
  utmSource: null,
  qr: false,
  prefetch: false,
  ...over,
});

describe('enrichVisit', () => {
  it('turns a failed location lookup into an empty location', async () => {
    const c = await enrichVisit(t.capture, visit());
    expect(c).toMatchObject({ country: null, region: null, city: null, device: 'desktop', bot: false });
  });
  it('takes a location the platform already knows (Workers request.cf)', async () => {
    const c = await enrichVisit(t.capture, visit({ location: { country: 'de', region: 'BE', city: 'Berlin' } }));
    expect(c).toMatchObject({ country: 'DE', region: 'BE', city: 'Berlin' });
  });
  it('keeps no address in what it returns', async () => {
    const c = await enrichVisit(t.capture, visit());
    expect(JSON.stringify(c)).not.toContain('81.2.69.160');
  });
});
