/** The Kutt v2 API against the real server, driven by the kutt npm client. */
import { Kutt } from 'kutt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UA } from '../support/capture.js';
import { COMPAT_KEY, eventually, startCompatServer, visit } from '../support/compat.js';

let server: Awaited<ReturnType<typeof startCompatServer>>;
let kutt: Kutt;
const api = () => `${server.url}/compat/kutt/api/v2`;

beforeAll(async () => {
  server = await startCompatServer();
  kutt = new Kutt().set('api', api()).set('key', COMPAT_KEY);
}, 30_000);
afterAll(() => server.close());

/** What the client rejects with: its message and the answer's status and body. */
const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { cause?: { status: number; data: unknown } };
    return { message: e.message, ...e.cause };
  }
  throw new Error('expected a rejection');
};

describe('Kutt v2 with the kutt client', () => {
  it('creates a link with a custom address, description and expiry', async () => {
    const link = await kutt.links().create({
      target: 'https://example.com/kutt',
      customurl: 'k-launch',
      description: 'Launch post',
      expire_in: '2 days',
    });
    expect(link).toMatchObject({
      id: 'k-launch',
      address: 'k-launch',
      link: `${server.url}/k-launch`,
      target: 'https://example.com/kutt',
      description: 'Launch post',
      password: false,
      banned: false,
      visit_count: 0,
    });
    expect(link.created_at).toBeInstanceOf(Date);
    const expires = Date.parse((link as unknown as { expire_in: string }).expire_in);
    expect(expires - link.created_at.getTime()).toBeCloseTo(2 * 86_400_000, -4);
    const hop = await fetch(link.link, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe('https://example.com/kutt');

    const random = await kutt.links().create({ target: 'https://example.com/random' });
    expect(random.address).toMatch(/^[A-Za-z0-9]{7}$/);
  });

  it('lists links newest first with skip, limit and a total', async () => {
    for (let i = 1; i <= 3; i++)
      await kutt.links().create({ target: `https://example.com/l${i}`, customurl: `k-list${i}` });
    const page = await kutt.links().list({ skip: 1, limit: 2 });
    expect(page.skip).toBe(1);
    expect(page.limit).toBe(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.data.map((l) => l.address)).toEqual(['k-list2', 'k-list1']);
  });

  it('updates the target and description, and deletes', async () => {
    await kutt.links().create({ target: 'https://example.com/before', customurl: 'k-edit' });
    const updated = await kutt
      .links()
      .update('k-edit', { address: 'k-edit', target: 'https://example.com/after', description: 'After' });
    expect(updated).toMatchObject({ target: 'https://example.com/after', description: 'After' });
    expect(await kutt.links().remove('k-edit')).toBe('Link has been deleted successfully.');
    expect((await fetch(`${server.url}/k-edit`, { redirect: 'manual' })).status).toBe(404);
  });

  it('answers stats per period from the counters, people only', async () => {
    await kutt.links().create({ target: 'https://example.com/stats', customurl: 'k-stats' });
    await visit(server.url, 'k-stats', UA.chromeDesktop, '81.2.69.160');
    await visit(server.url, 'k-stats', UA.safariIphone, '81.2.69.161');
    await visit(server.url, 'k-stats', UA.facebookPreview, '81.2.69.162');
    type Period = {
      views: number[];
      stats: { browser: { name: string; value: number }[]; country: { name: string; value: number }[] };
    };
    const stats = await eventually(async () => {
      const s = (await kutt.links().stats('k-stats')) as unknown as Record<string, Period> & { visit_count: number };
      return s.visit_count === 2 && s.lastDay!.views.reduce((a, b) => a + b, 0) === 2 ? s : null;
    });
    expect(stats.lastDay!.views).toHaveLength(24);
    expect(stats.lastWeek!.views).toHaveLength(7);
    expect(stats.lastMonth!.views).toHaveLength(30);
    expect(stats.lastYear!.views).toHaveLength(12);
    expect(stats.lastDay!.views[23]).toBe(2);
    expect(stats.lastWeek!.stats.country).toEqual([{ name: 'GB', value: 2 }]);
    expect(stats.allTime!.stats.browser.map((b) => b.name).sort()).toEqual(['Chrome', 'Mobile Safari']);
    // Postiz reads stats with GET, as Kutt documents.
    const res = await fetch(`${api()}/links/k-stats/stats`, { headers: { 'x-api-key': COMPAT_KEY } });
    expect(((await res.json()) as { address: string }).address).toBe('k-stats');
  });

  it('answers errors as Kutt does: { error } with the status', async () => {
    await kutt.links().create({ target: 'https://example.com/t', customurl: 'k-taken' });
    expect(await rejection(kutt.links().create({ target: 'https://example.com/t2', customurl: 'k-taken' }))).toEqual({
      message: 'Custom URL is already in use.',
      status: 400,
      data: { error: 'Custom URL is already in use.' },
    });
    expect(await rejection(kutt.links().create({ target: 'https://example.com/', password: 'secret' }))).toMatchObject({
      status: 400,
    });
    expect(
      await rejection(kutt.links().create({ target: 'https://example.com/', expire_in: '30 seconds' })),
    ).toMatchObject({
      message: 'Expire time should be more than 1 minute.',
      status: 400,
    });
    expect(
      await rejection(kutt.links().update('k-taken', { address: 'k-other', target: 'https://example.com/' })),
    ).toMatchObject({ status: 400 });
    expect(await rejection(kutt.links().remove('k-missing'))).toMatchObject({
      message: 'Link was not found.',
      status: 404,
    });
    const stranger = new Kutt().set('api', api()).set('key', 'lp_nope_nope');
    expect(await rejection(stranger.links().list())).toMatchObject({ message: 'API key is not correct.', status: 401 });
  });
});
