import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { SendResult, WebhookSender } from '../domain/webhook.js';
import { checkWebhookUrl, isPrivateAddress } from '../domain/webhookTarget.js';

/** A receiver has this long to connect and answer, and we read this much of its answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 4_096;

/**
 * Resolves the host at each delivery and connects to the address it checked, so a name that
 * resolves to a public address for the check and a private one for the connection (DNS
 * rebinding) cannot reach the inside.
 */
type Resolve = (
  hostname: string,
  options: { all: true; family?: number },
  cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

function checkedLookup(allowPrivate: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family as number | undefined, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as LookupAddress[];
      const bad = !allowPrivate && list.some((a) => isPrivateAddress(a.address));
      if (bad || list.length === 0) {
        const refused = Object.assign(new Error('refused: the host resolves to a private address'), {
          code: 'EPRIVATE',
        });
        return callback(refused, '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Node's sender (`resolve` is dns.lookup but in tests): node:http(s), no redirects followed, short timeouts, a bounded read of the answer. */
export function createNodeWebhookSender(options: {
  allowPrivate: boolean;
  resolve?: Resolve;
  timeoutMs?: number;
}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const lookup = checkedLookup(options.allowPrivate, options.resolve ?? (dnsLookup as unknown as Resolve));
  return {
    send(target, headers, body) {
      return new Promise<SendResult>((resolve) => {
        let url: URL;
        try {
          url = checkWebhookUrl(target, options.allowPrivate);
        } catch (err) {
          return resolve({ ok: false, status: null, error: (err as Error).message });
        }
        const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
        const bytes = Buffer.from(body);
        const req = request(url, {
          method: 'POST',
          headers: { ...headers, 'content-length': String(bytes.length) },
          lookup,
          timeout: timeoutMs,
          signal: AbortSignal.timeout(timeoutMs),
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
        req.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, status: null, error: describe(err) }));
        req.on('response', (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          let read = 0;
          // The answer is read only to free the socket, and never past MAX_RESPONSE_BYTES.
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          const finish = () =>
            resolve(
              status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` },
            );
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        });
        req.end(bytes);
      });
    },
  };
}

function describe(err: NodeJS.ErrnoException): string {
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return 'timed out';
  if (err.code === 'EPRIVATE') return err.message;
  return err.code ? `could not connect (${err.code})` : 'could not connect';
}
