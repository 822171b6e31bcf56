import type { SendResult, WebhookSender } from '../domain/webhook.js';
import { checkWebhookUrl } from '../domain/webhookTarget.js';

const TIMEOUT_MS = 10_000;

/**
 * The Worker's sender: fetch, redirects not followed, a short timeout, the answer's body never
 * read. Workers cannot resolve names first, so only literal private addresses and private names
 * are refused here (checkWebhookUrl); Cloudflare's egress itself cannot reach a private network.
 */
export function createFetchWebhookSender(options: { allowPrivate: boolean }): WebhookSender {
  return {
    async send(target, headers, body): Promise<SendResult> {
      try {
        checkWebhookUrl(target, options.allowPrivate);
      } catch (err) {
        return { ok: false, status: null, error: (err as Error).message };
      }
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.body?.cancel();
        return res.status >= 200 && res.status < 300
          ? { ok: true, status: res.status }
          : { ok: false, status: res.status, error: `HTTP ${res.status}` };
      } catch (err) {
        const name = (err as Error).name;
        return {
          ok: false,
          status: null,
          error: name === 'TimeoutError' || name === 'AbortError' ? 'timed out' : 'could not connect',
        };
      }
    },
  };
}
