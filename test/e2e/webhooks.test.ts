import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { tempDir } from '../support/app.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';
import { startReceiver, waitFor } from '../support/webhookReceiver.js';

const dir = tempDir('linkpost-e2e-webhooks-');
const running: ServerProcess[] = [];
const ADMIN = 'admin-key-for-e2e-tests-0001';
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

async function start(path: string) {
  const s = await startServerProcess({ DATABASE_PATH: path, ADMIN_API_KEY: ADMIN, WEBHOOK_ALLOW_PRIVATE: 'true' });
  running.push(s);
  const api = (method: string, p: string, body?: unknown) =>
    fetch(`${s.url}${p}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { s, api };
}

describe('webhooks across a crash', () => {
  it('loses no event when the server is killed mid-delivery: after a restart every event arrives, duplicates with the same webhook-id', async () => {
    const receiver = await startReceiver();
    const path = join(dir, 'crash.db');
    const first = await start(path);
    const created = await first.api('POST', '/api/webhooks', {
      url: receiver.url,
      events: ['link.created', 'clicks.recorded'],
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    receiver.hold();
    for (let i = 0; i < 5; i++)
      expect((await first.api('POST', '/api/links', { url: 'https://example.com/', slug: `crash${i}` })).status).toBe(
        201,
      );
    for (let i = 0; i < 7; i++) await fetch(`${first.s.url}/crash${i % 5}`, { redirect: 'manual' });
    // Deliveries are on the wire, unanswered, when the server dies.
    await waitFor(() => receiver.heldCount() > 0, 15_000, 'a delivery in flight');
    first.s.child.kill('SIGKILL');
    await first.s.stop();
    receiver.release();

    const second = await start(path);
    const ids = new Set<string>();
    const slugs = new Set<string>();
    const clickIds = new Set<number>();
    const collect = () => {
      for (const r of receiver.received) {
        const msg = new StandardWebhook(secret).verify(r.body, r.headers as Record<string, string>) as {
          type: string;
          data: any;
        };
        ids.add(String(r.headers['webhook-id']));
        if (msg.type === 'link.created') slugs.add(msg.data.link.slug);
        else for (const c of msg.data.clicks) clickIds.add(c.id);
      }
      return slugs.size === 5 && clickIds.size === 7;
    };
    // A delivery cut off by the kill waits out its lease (15 s) before it is sent again.
    await waitFor(collect, 45_000, 'every event after the restart');
    expect([...slugs].sort()).toEqual(['crash0', 'crash1', 'crash2', 'crash3', 'crash4']);
    let list: { deliveries: { status: string; messageId: string }[] } = { deliveries: [] };
    // Attempts cut off by the kill are sent again once their 15 s lease runs out, then settled.
    await waitFor(
      async () => {
        list = (await (await second.api('GET', '/api/webhooks/1/deliveries')).json()) as typeof list;
        return list.deliveries.every((d) => d.status === 'delivered');
      },
      45_000,
      'every delivery settled',
    );
    expect(new Set(list.deliveries.map((d) => d.messageId))).toEqual(ids);
    // The kill cut off at least one attempt, which was then sent again as the same message.
    expect(receiver.received.length).toBeGreaterThan(ids.size);
    await second.s.stop();
    await receiver.close();
  }, 150_000);

  it('keeps redirects fast while the receiver hangs', async () => {
    const receiver = await startReceiver();
    receiver.hold();
    const { s, api } = await start(join(dir, 'slow.db'));
    await api('POST', '/api/webhooks', { url: receiver.url, events: ['link.created'] });
    for (let i = 0; i < 8; i++) await api('POST', '/api/links', { url: 'https://example.com/', slug: `slow${i}` });
    await waitFor(() => receiver.heldCount() > 0, 15_000, 'a delivery in flight');
    const res = await fetch(`${s.url}/slow0`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
    expect(res.status).toBe(302);
    expect((await api('GET', '/api/webhooks')).status).toBe(200);
    await s.stop('SIGKILL');
    receiver.release();
    await receiver.close();
  }, 60_000);
});
