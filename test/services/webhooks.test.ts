import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createClickWriter } from '../../src/db/index.js';
import { createClickReader } from '../../src/db/clickReader.js';
import { createWebhookStore } from '../../src/db/webhookStore.js';
import { linkView } from '../../src/http/linkView.js';
import { clickView } from '../../src/http/routes/clicks.js';
import { createNodeWebhookSender } from '../../src/node/webhookSender.js';
import { runWebhooks, type WebhookRunDeps } from '../../src/services/runWebhooks.js';
import { silentLogger } from '../../src/domain/index.js';
import { makeTestApp, PUBLIC_URL, type TestApp } from '../support/app.js';
import { click } from '../http/exportFixtures.js';
import { startReceiver, type Received } from '../support/webhookReceiver.js';

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let run: () => Promise<void>;
const DELAYS = [1_000, 2_000];

beforeEach(async () => {
  t = await makeTestApp((database) => ({
    webhooks: { store: createWebhookStore(database.db, database.batch), allowPrivate: true },
  }));
  // Receivers check webhook-timestamp against their own clock (5 minutes either way): start the test clock at now.
  t.clock.set(Date.now());
  receiver = await startReceiver();
  const deps: WebhookRunDeps = {
    webhooks: t.deps.webhooks!.store,
    clicks: createClickReader(t.database.db),
    clock: t.clock,
    logger: silentLogger,
    sender: createNodeWebhookSender({ allowPrivate: true }),
    views: { link: (l) => linkView(l, PUBLIC_URL, t.clock()), click: clickView },
    retryDelaysMs: DELAYS,
    random: () => 0.5,
  };
  run = () => runWebhooks(deps);
});

afterEach(async () => {
  await receiver.close();
  t.close();
});

async function hook(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/webhooks', { url: receiver.url, ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; secret: string };
}

const verify = (secret: string, r: Received) =>
  new StandardWebhook(secret).verify(r.body, r.headers as Record<string, string>) as {
    type: string;
    data: Record<string, any>;
  };

describe('webhooks', () => {
  it('shows a whsec_ secret of 24 random bytes once, never in listings', async () => {
    const { id, secret } = await hook({ events: ['link.created'] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const one = await (await t.api('GET', `/api/webhooks/${id}`)).json();
    const all = await (await t.api('GET', '/api/webhooks')).json();
    expect(one).toMatchObject({ id, url: receiver.url, events: ['link.created'], campaigns: null, tz: 'UTC' });
    expect(JSON.stringify([one, all])).not.toContain(secret);
  });

  it('refuses unknown events, bad zones and bad ids with 4xx JSON', async () => {
    expect((await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['link.eaten'] })).status).toBe(400);
    expect(
      (await t.api('POST', '/api/webhooks', { url: receiver.url, events: ['link.created'], tz: 'Mars/Base' })).status,
    ).toBe(400);
    expect((await t.api('GET', '/api/webhooks/999')).status).toBe(404);
    expect((await t.api('GET', '/api/webhooks/abc')).status).toBe(400);
    expect((await t.api('POST', '/api/webhooks/1/deliveries/5/redeliver')).status).toBe(404);
  });

  it('signs link events so the standardwebhooks library verifies them, campaign filter applied', async () => {
    const { id, secret } = await hook({
      events: ['link.created', 'link.updated', 'link.deleted'],
      campaigns: ['launch'],
    });
    await t.api('POST', '/api/links', { url: 'https://example.com/a', slug: 'in', campaign: 'launch' });
    await t.api('POST', '/api/links', { url: 'https://example.com/b', slug: 'out', campaign: 'other' });
    await t.api('PATCH', '/api/links/in', { title: 'Launch day' });
    await t.api('DELETE', '/api/links/in');
    await t.api('DELETE', '/api/links/out');
    await run();
    // Sends run a few at a time, so they may arrive in any order; the outbox order is the id's.
    const seq = (r: Received) => Number(String(r.headers['webhook-id']).split('_e')[1]);
    const events = [...receiver.received].sort((x, y) => seq(x) - seq(y)).map((r) => verify(secret, r));
    expect(events.map((e) => [e.type, e.data.link.slug])).toEqual([
      ['link.created', 'in'],
      ['link.updated', 'in'],
      ['link.deleted', 'in'],
    ]);
    expect(events[1]!.data.link).toMatchObject({
      title: 'Launch day',
      shortUrl: `${PUBLIC_URL}/in`,
      campaign: 'launch',
    });
    const tampered = { ...receiver.received[0]!, body: receiver.received[0]!.body.replace('"in"', '"IN"') };
    expect(() => verify(secret, tampered)).toThrow();
    const list = (await (await t.api('GET', `/api/webhooks/${id}/deliveries`)).json()) as {
      deliveries: { status: string; attempts: number; lastStatus: number }[];
    };
    expect(list.deliveries.map((d) => [d.status, d.attempts, d.lastStatus])).toEqual(
      Array(3).fill(['delivered', 1, 204]),
    );
  });

  it('retries a receiver that fails, with the same webhook-id, until it recovers', async () => {
    const { id, secret } = await hook({ events: ['link.created'] });
    receiver.answers.push(500, 503);
    await t.api('POST', '/api/links', { url: 'https://example.com/a', slug: 'a' });
    await run();
    let [d] = ((await (await t.api('GET', `/api/webhooks/${id}/deliveries`)).json()) as { deliveries: any[] })
      .deliveries;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' });
    await run(); // not due yet
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(DELAYS[0]!);
    await run();
    t.clock.advance(DELAYS[1]!);
    await run();
    [d] = ((await (await t.api('GET', `/api/webhooks/${id}/deliveries`)).json()) as { deliveries: any[] }).deliveries;
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 204, nextAttemptAt: null });
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of receiver.received) expect(verify(secret, r).type).toBe('link.created');
  });

  it('marks a delivery failed after the last retry and redelivers it on demand', async () => {
    const { id } = await hook({ events: ['link.created'] });
    receiver.answers.push(500, 500, 500);
    await t.api('POST', '/api/links', { url: 'https://example.com/a', slug: 'a' });
    for (const wait of [0, ...DELAYS]) {
      t.clock.advance(wait);
      await run();
    }
    const deliveries = async () =>
      ((await (await t.api('GET', `/api/webhooks/${id}/deliveries`)).json()) as { deliveries: any[] }).deliveries;
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500 });
    const res = await t.api('POST', `/api/webhooks/${id}/deliveries/${failed.id}/redeliver`);
    expect(res.status).toBe(202);
    await run();
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', lastStatus: 204 });
    expect(receiver.received).toHaveLength(4);
  });

  it('batches clicks: at most 1,000 a delivery, the rest in the next window, campaign filter applied', async () => {
    const { secret } = await hook({ events: ['clicks.recorded'], campaigns: ['launch'] });
    const a = (await (
      await t.api('POST', '/api/links', { url: 'https://example.com/a', slug: 'a', campaign: 'launch' })
    ).json()) as { id: number };
    const b = (await (
      await t.api('POST', '/api/links', { url: 'https://example.com/b', slug: 'b', campaign: 'other' })
    ).json()) as { id: number };
    const writer = createClickWriter(t.database.db, t.database.batch, {});
    const at = t.clock();
    await writer.insertBatch(Array.from({ length: 1200 }, (_, i) => click(a.id, at + i)));
    await writer.insertBatch([click(b.id, at)]);
    await run();
    await run(); // inside the batching window: nothing more
    expect(receiver.received).toHaveLength(1);
    const first = verify(secret, receiver.received[0]!);
    expect(first.type).toBe('clicks.recorded');
    expect(first.data.clicks).toHaveLength(1000);
    expect(first.data.clicks[0]).toEqual(
      expect.objectContaining({ slug: 'a', campaign: 'launch', visitor: 'a'.repeat(32) }),
    );
    expect(first.data.clicks[0]).not.toHaveProperty('address');
    t.clock.advance(5_000);
    await run();
    const second = verify(secret, receiver.received[1]!);
    expect(second.data.clicks).toHaveLength(200);
    expect(second.data.clicks.every((c: { slug: string }) => c.slug === 'a')).toBe(true);
    t.clock.advance(5_000);
    await run();
    expect(receiver.received).toHaveLength(2);
  });

  it('hears nothing from before the webhook existed', async () => {
    await t.api('POST', '/api/links', { url: 'https://example.com/a', slug: 'early' });
    await hook({ events: ['link.created', 'link.deleted'] });
    await t.api('DELETE', '/api/links/early');
    await run();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['link.deleted']);
  });
});

describe('webhook targets through the API', () => {
  it('without WEBHOOK_ALLOW_PRIVATE refuses http and private targets, accepts public https', async () => {
    const strict = await makeTestApp((database) => ({
      webhooks: { store: createWebhookStore(database.db, database.batch), allowPrivate: false },
    }));
    try {
      const post = (url: string) => strict.api('POST', '/api/webhooks', { url, events: ['link.created'] });
      const refused = await post('http://127.0.0.1:9/hook');
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as any).error.code).toBe('invalid_webhook_url');
      expect(((await (await post('https://10.0.0.7/hook')).json()) as any).error.code).toBe('private_webhook_target');
      expect((await post('https://hooks.example.com/in')).status).toBe(201);
      const patched = await strict.api('PATCH', '/api/webhooks/1', { url: 'https://localhost/x' });
      expect(patched.status).toBe(400);
    } finally {
      strict.close();
    }
  });
});

describe('report.daily', () => {
  it('sends yesterday’s human clicks per campaign in the webhook’s zone, once a day, after the day settles', async () => {
    const { createStatsStore } = await import('../../src/db/statsStore.js');
    const { counterStatements } = await import('../../src/db/counterUpserts.js');
    const db = t.database;
    const deps: WebhookRunDeps = {
      webhooks: t.deps.webhooks!.store,
      clicks: createClickReader(db.db),
      stats: createStatsStore(db.db),
      clock: t.clock,
      logger: silentLogger,
      sender: createNodeWebhookSender({ allowPrivate: true }),
      views: { link: (l) => linkView(l, PUBLIC_URL, t.clock()), click: clickView },
    };
    // 00:03 in Auckland (UTC+13 in December) on the 2nd: "yesterday" is the 1st, local time.
    const now = Date.parse('2026-12-01T11:03:00Z');
    t.clock.set(now);
    const { secret } = await hook({
      events: ['report.daily'],
      campaigns: ['launch', 'spring'],
      tz: 'Pacific/Auckland',
    });
    const mk = async (slug: string, campaign: string) =>
      (
        (await (await t.api('POST', '/api/links', { url: 'https://example.com/', slug, campaign })).json()) as {
          id: number;
        }
      ).id;
    const [a, b, c] = [await mk('a', 'launch'), await mk('b', 'spring'), await mk('c', 'other')];
    const writer = createClickWriter(db.db, db.batch, {
      extraStatements: counterStatements(db.db),
    });
    const localDayStart = Date.parse('2026-11-30T11:00:00Z'); // Dec 1st 00:00 in Auckland
    await writer.insertBatch([
      click(a, localDayStart + 60_000, { visitor: '1'.repeat(32) }),
      click(a, localDayStart + 3_600_000, { visitor: '2'.repeat(32) }),
      click(b, localDayStart + 23 * 3_600_000, { visitor: '3'.repeat(32) }),
      click(b, localDayStart - 60_000, { visitor: '4'.repeat(32) }), // Nov 30th locally
      click(c, localDayStart + 60_000, { visitor: '5'.repeat(32) }), // another campaign
      click(a, localDayStart + 7_200_000, { visitor: '6'.repeat(32), bot: true }),
    ]);
    await runWebhooks(deps); // 00:03: the day's counters have not settled yet
    expect(receiver.received).toHaveLength(0);
    t.clock.set(now + 10 * 60_000);
    await runWebhooks(deps);
    await runWebhooks(deps);
    expect(receiver.received).toHaveLength(1);
    // The library checks webhook-timestamp against Date.now: let it read the test's clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t.clock());
    const msg = verify(secret, receiver.received[0]!) as any;
    vi.useRealTimers();
    expect(msg.type).toBe('report.daily');
    expect(msg.data).toMatchObject({ day: '2026-12-01', tz: 'Pacific/Auckland', clicks: 3 });
    expect(msg.data.campaigns).toEqual([
      { campaign: 'launch', links: 1, clicks: 2, uniques: 2 },
      { campaign: 'spring', links: 1, clicks: 1, uniques: 1 },
    ]);
  });
});
