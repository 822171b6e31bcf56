import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeWebhookSender } from '../../src/node/webhookSender.js';
import { startReceiver } from '../support/webhookReceiver.js';

/** A resolver that answers every name with one address, as a rebinding DNS server would. */
const resolvesTo =
  (address: string) => (_host: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
    cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

describe('the Node webhook sender', () => {
  it('refuses a public-looking name that resolves to a private address, checked at send time', async () => {
    const sender = createNodeWebhookSender({ allowPrivate: false, resolve: resolvesTo('127.0.0.1') });
    const result = await sender.send(`https://hooks.example.com:${receiver.port}/hook`, {}, '{}');
    expect(result).toEqual({ ok: false, status: null, error: 'refused: the host resolves to a private address' });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses literal private addresses and http without WEBHOOK_ALLOW_PRIVATE', async () => {
    const sender = createNodeWebhookSender({ allowPrivate: false });
    expect(await sender.send(receiver.url, {}, '{}')).toMatchObject({ ok: false, status: null });
    expect(await sender.send(`https://127.0.0.1:${receiver.port}/hook`, {}, '{}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('private'),
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it resolved and checked when private targets are allowed', async () => {
    const sender = createNodeWebhookSender({ allowPrivate: true, resolve: resolvesTo('127.0.0.1') });
    const result = await sender.send(
      `http://receiver.example:${receiver.port}/hook`,
      { 'webhook-id': 'msg_1' },
      '{"a":1}',
    );
    expect(result).toEqual({ ok: true, status: 204 });
    expect(receiver.received[0]).toMatchObject({
      body: '{"a":1}',
      headers: expect.objectContaining({ host: `receiver.example:${receiver.port}`, 'webhook-id': 'msg_1' }),
    });
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    receiver.answers.push(302);
    const sender = createNodeWebhookSender({ allowPrivate: true });
    expect(await sender.send(receiver.url, {}, '{}')).toEqual({ ok: false, status: 302, error: 'HTTP 302' });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on a receiver that never answers, without throwing', async () => {
    receiver.hold();
    const sender = createNodeWebhookSender({ allowPrivate: true, timeoutMs: 300 });
    const started = Date.now();
    expect(await sender.send(receiver.url, {}, '{}')).toEqual({ ok: false, status: null, error: 'timed out' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
