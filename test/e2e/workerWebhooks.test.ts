import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { startWorkerProcess, type WorkerProcess } from '../support/worker.js';
import { startReceiver, waitFor } from '../support/webhookReceiver.js';

const ADMIN = 'admin-key-for-worker-webhooks-01';
let worker: WorkerProcess;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  worker = await startWorkerProcess({
    vars: { ADMIN_API_KEY: ADMIN, WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://go.example.com' },
    testScheduled: true,
  });
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${worker.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
/** What the every-minute cron trigger does, on demand. */
const cron = async () =>
  expect((await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`)).status).toBe(200);

describe('webhooks on Workers + D1', () => {
  it('delivers signed link and click events from the cron trigger, retrying a failed one', async () => {
    const created = await api('POST', '/api/webhooks', {
      url: receiver.url,
      events: ['link.created', 'clicks.recorded'],
      campaigns: ['launch'],
    });
    expect(created.status).toBe(201);
    const { id, secret } = (await created.json()) as { id: number; secret: string };
    expect(
      (await api('POST', '/api/links', { url: 'https://example.com/', slug: 'wh', campaign: 'launch' })).status,
    ).toBe(201);
    expect(
      (await api('POST', '/api/links', { url: 'https://example.com/', slug: 'other', campaign: 'no' })).status,
    ).toBe(201);
    await fetch(`${worker.url}/wh`, { redirect: 'manual' });
    await waitFor(
      async () => ((await (await api('GET', '/api/clicks')).json()) as { clicks: unknown[] }).clicks.length === 1,
      15_000,
      'the click',
    );

    receiver.answers.push(500);
    await cron();
    const deliveries = async () =>
      ((await (await api('GET', `/api/webhooks/${id}/deliveries`)).json()) as { deliveries: any[] }).deliveries;
    await waitFor(
      async () => (await deliveries()).length === 2 && receiver.received.length === 2,
      15_000,
      'two attempts',
    );
    expect((await deliveries()).filter((d) => d.status === 'pending')).toEqual([
      expect.objectContaining({ attempts: 1, lastStatus: 500 }),
    ]);

    // The first retry waits 5 s (±20 %).
    await new Promise((r) => setTimeout(r, 6_500));
    await cron();
    await waitFor(async () => (await deliveries()).every((d) => d.status === 'delivered'), 15_000, 'the retry');
    const messages = receiver.received.map(
      (r) =>
        new StandardWebhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; data: any },
    );
    const link = messages.find((m) => m.type === 'link.created')!;
    expect(link.data.link).toMatchObject({ slug: 'wh', shortUrl: 'https://go.example.com/wh' });
    const clicks = messages.find((m) => m.type === 'clicks.recorded')!;
    expect(clicks.data.clicks).toEqual([expect.objectContaining({ slug: 'wh', campaign: 'launch' })]);
    expect(receiver.received).toHaveLength(3);
  }, 90_000);
});
