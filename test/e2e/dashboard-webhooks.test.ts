import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { screenshot, useDashboard } from '../support/browser.js';
import { startReceiver, waitFor } from '../support/webhookReceiver.js';

const dash = useDashboard({ WEBHOOK_ALLOW_PRIVATE: 'true' });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('the webhooks view', () => {
  it('creates a webhook, shows its secret once, lists deliveries with their status and redelivers one', async () => {
    const page = await dash.newPage({ viewport: { width: 1280, height: 900 } });
    await dash.signIn(page, '#/webhooks');
    await page.getByText('No webhooks yet.').waitFor();
    await page.getByLabel('Receiver URL').fill(receiver.url);
    await page.getByLabel('Link deleted').check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.locator('.webhook-secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await dash.api('GET', '/api/webhooks')).body)).not.toContain(secret);

    receiver.answers.push(500);
    expect((await dash.api('POST', '/api/links', { url: 'https://example.com/hook', slug: 'hooked' })).status).toBe(
      201,
    );
    const section = page.locator('section.webhook');
    await waitFor(
      async () => {
        await section.getByRole('button', { name: 'Refresh deliveries' }).click();
        // Pending before its first attempt too: wait for the one the receiver refused.
        const row = section.locator('tbody tr').first();
        return (await row.locator('.status-pending').count()) === 1 && (await row.textContent())!.includes('HTTP 500');
      },
      15_000,
      'a pending delivery after a refused attempt',
    );
    // The retry comes 5 s later (±20 %).
    await waitFor(
      async () => {
        await section.getByRole('button', { name: 'Refresh deliveries' }).click();
        return (await section.locator('.status-delivered').count()) === 1;
      },
      20_000,
      'the retry',
    );
    await screenshot(page, 'dashboard-webhooks');
    const messageId = String(receiver.received[0]!.headers['webhook-id']);
    await section.getByRole('button', { name: `Redeliver ${messageId}` }).click();
    await page.locator('.toast', { hasText: `Redelivery of ${messageId} queued` }).waitFor();
    await waitFor(() => receiver.received.length === 3, 15_000, 'the redelivery');
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toBe(messageId);
      expect(
        (new StandardWebhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string }).type,
      ).toBe('link.created');
    }
  }, 90_000);
});
