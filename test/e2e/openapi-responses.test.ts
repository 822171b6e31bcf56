/**
 * Real answers of every documented operation, from the real server on loopback, checked
 * against the schemas the server's own /api/openapi.json declares for that status.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/app.js';
import { startServerProcess, type ServerProcess } from '../support/server.js';
import { CHROME_UA } from '../support/browser.js';

const ADMIN = 'admin-key-for-openapi-e2e-000000001';
const dir = tempDir('linkpost-openapi-');
let server: ServerProcess;
let doc: any;
let cookie = '';
let csrf = '';

beforeAll(async () => {
  server = await startServerProcess({ DATABASE_PATH: join(dir, 'openapi.db'), ADMIN_API_KEY: ADMIN });
  doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
  const made = await call('POST', '/api/links', {
    url: 'https://example.com/a',
    slug: 'shape-a',
    title: 'Shape',
    campaign: 'Shapes',
    network: 'linkedin',
  });
  expect(made.status).toBe(201);
  await call('POST', '/api/links', { url: 'https://example.com/b', slug: 'shape-b', campaign: 'Shapes', network: 'x' });
  const hit = await fetch(`${server.url}/shape-a`, {
    redirect: 'manual',
    headers: { 'user-agent': CHROME_UA, referer: 'https://www.linkedin.com/' },
  });
  expect(hit.status).toBe(302);
  // The click is written, then counted, after the redirect answers.
  for (let i = 0; i < 100; i++) {
    const stats = await (await call('GET', '/api/stats?slug=shape-a')).json();
    if (stats.totals.clicks === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface Example {
  name: string;
  request: () => Promise<Response>;
  status: number;
}

/** One or more real requests per documented operation, with the status each must answer. */
const EXAMPLES: Record<string, Example[]> = {
  'post /api/session': [
    {
      name: 'sign in',
      status: 201,
      request: () => call('POST', '/api/session', { key: ADMIN }, { authorization: '' }),
    },
    {
      name: 'a wrong key',
      status: 401,
      request: () => call('POST', '/api/session', { key: 'nope' }, { authorization: '' }),
    },
  ],
  'get /api/session': [
    { name: 'signed out', status: 200, request: () => call('GET', '/api/session', undefined, { authorization: '' }) },
    {
      name: 'signed in',
      status: 200,
      request: () => call('GET', '/api/session', undefined, { authorization: '', cookie }),
    },
  ],
  'delete /api/session': [
    {
      name: 'sign out',
      status: 204,
      request: () => call('DELETE', '/api/session', undefined, { authorization: '', cookie, 'x-csrf-token': csrf }),
    },
  ],
  'post /api/links': [
    {
      name: 'create',
      status: 201,
      request: () => call('POST', '/api/links', { url: 'https://example.com/c', utm: { content: 'hero' } }),
    },
    {
      name: 'a taken slug',
      status: 409,
      request: () => call('POST', '/api/links', { url: 'https://example.com/c', slug: 'shape-a' }),
    },
    { name: 'a bad body', status: 400, request: () => call('POST', '/api/links', { url: 'mailto:x@example.com' }) },
    {
      name: 'too large',
      status: 413,
      request: () => call('POST', '/api/links', { url: 'https://a.com', title: 'x'.repeat(70_000) }),
    },
    {
      name: 'no key',
      status: 401,
      request: () => call('POST', '/api/links', { url: 'https://a.com' }, { authorization: '' }),
    },
  ],
  'get /api/links': [
    { name: 'a page', status: 200, request: () => call('GET', '/api/links?limit=1') },
    { name: 'a bad cursor', status: 400, request: () => call('GET', '/api/links?cursor=abc') },
  ],
  'post /api/links/bulk': [
    {
      name: 'create',
      status: 201,
      request: () =>
        call('POST', '/api/links/bulk', {
          links: [{ url: 'https://example.com/d' }, { url: 'https://example.com/e', slug: 'shape-e' }],
        }),
    },
    {
      name: 'dry run',
      status: 200,
      request: () => call('POST', '/api/links/bulk?dryRun=true', { links: [{ url: 'https://example.com/f' }] }),
    },
    { name: 'bad rows', status: 400, request: () => call('POST', '/api/links/bulk', { links: [{ url: 'nope' }] }) },
  ],
  'get /api/links/{slug}': [
    { name: 'read', status: 200, request: () => call('GET', '/api/links/shape-a') },
    { name: 'unknown', status: 404, request: () => call('GET', '/api/links/no-such-post') },
  ],
  'get /api/links/{slug}/qr.svg': [
    { name: 'svg', status: 200, request: () => call('GET', '/api/links/shape-a/qr.svg?size=128') },
    { name: 'low contrast', status: 400, request: () => call('GET', '/api/links/shape-a/qr.svg?fg=eeeeee') },
  ],
  'get /api/links/{slug}/qr.png': [
    { name: 'png', status: 200, request: () => call('GET', '/api/links/shape-a/qr.png?size=128') },
  ],
  'patch /api/links/{slug}': [
    {
      name: 'edit',
      status: 200,
      request: () => call('PATCH', '/api/links/shape-b', { title: 'Edited', disabled: true }),
    },
  ],
  'delete /api/links/{slug}': [{ name: 'delete', status: 204, request: () => call('DELETE', '/api/links/shape-e') }],
  'get /api/clicks': [{ name: 'a page', status: 200, request: () => call('GET', '/api/clicks?slug=shape-a') }],
  'get /api/clicks.csv': [
    { name: 'export', status: 200, request: () => call('GET', '/api/clicks.csv?campaign=Shapes') },
  ],
  'get /api/stats.csv': [{ name: 'export', status: 200, request: () => call('GET', '/api/stats.csv?campaign=Shapes') }],
  'get /api/stats': [
    { name: 'a campaign', status: 200, request: () => call('GET', '/api/stats?campaign=Shapes&tz=Europe/Paris') },
    { name: 'an unknown zone', status: 400, request: () => call('GET', '/api/stats?tz=Mars/Olympus') },
  ],
  'get /api/stats/compare': [
    { name: 'posts', status: 200, request: () => call('GET', '/api/stats/compare?slug=shape-a&slug=shape-b') },
  ],
  'get /api/stats/heatmap': [
    {
      name: 'a campaign in Kathmandu',
      status: 200,
      request: () => call('GET', '/api/stats/heatmap?campaign=Shapes&tz=Asia/Kathmandu'),
    },
    {
      name: 'by posting time',
      status: 200,
      request: () => call('GET', '/api/stats/heatmap?campaign=Shapes&metric=first24h'),
    },
    { name: 'an unknown metric', status: 400, request: () => call('GET', '/api/stats/heatmap?metric=views') },
  ],
  'get /api/stats/lifetime': [
    { name: 'a campaign', status: 200, request: () => call('GET', '/api/stats/lifetime?campaign=Shapes') },
  ],
  'get /api/insights': [
    { name: 'a campaign', status: 200, request: () => call('GET', '/api/insights?campaign=Shapes') },
  ],
  'get /api/campaigns': [{ name: 'all time', status: 200, request: () => call('GET', '/api/campaigns') }],
  'post /api/bio-pages': [
    {
      name: 'create',
      status: 201,
      request: () =>
        call('POST', '/api/bio-pages', {
          handle: 'shapes',
          title: 'Shapes',
          text: 'Hi',
          links: ['shape-a', 'shape-b'],
        }),
    },
    {
      name: 'an unknown slug',
      status: 400,
      request: () => call('POST', '/api/bio-pages', { handle: 'other', title: 'x', links: ['nope'] }),
    },
    {
      name: 'a taken handle',
      status: 409,
      request: () => call('POST', '/api/bio-pages', { handle: 'shapes', title: 'x', links: [] }),
    },
  ],
  'get /api/bio-pages': [{ name: 'all', status: 200, request: () => call('GET', '/api/bio-pages') }],
  'get /api/bio-pages/{handle}': [
    { name: 'read', status: 200, request: () => call('GET', '/api/bio-pages/shapes') },
    { name: 'unknown', status: 404, request: () => call('GET', '/api/bio-pages/no-such-page') },
  ],
  'patch /api/bio-pages/{handle}': [
    { name: 'edit', status: 200, request: () => call('PATCH', '/api/bio-pages/shapes', { links: ['shape-a'] }) },
  ],
  'get /api/bio-pages/{handle}/stats': [
    { name: 'stats', status: 200, request: () => call('GET', '/api/bio-pages/shapes/stats?days=7') },
  ],
  'delete /api/bio-pages/{handle}': [
    { name: 'delete', status: 204, request: () => call('DELETE', '/api/bio-pages/shapes') },
  ],
  'post /api/webhooks': [
    {
      name: 'create',
      status: 201,
      request: () =>
        call('POST', '/api/webhooks', {
          url: 'https://hooks.example.com/in',
          events: ['link.created', 'clicks.recorded'],
          campaigns: ['Shapes'],
        }),
    },
    {
      name: 'a private target',
      status: 400,
      request: () => call('POST', '/api/webhooks', { url: 'https://127.0.0.1/in', events: ['link.created'] }),
    },
  ],
  'get /api/webhooks': [{ name: 'all', status: 200, request: () => call('GET', '/api/webhooks') }],
  'get /api/webhooks/{webhookId}': [
    { name: 'read', status: 200, request: () => call('GET', '/api/webhooks/1') },
    { name: 'unknown', status: 404, request: () => call('GET', '/api/webhooks/999') },
  ],
  'patch /api/webhooks/{webhookId}': [
    {
      name: 'edit',
      status: 200,
      request: () => call('PATCH', '/api/webhooks/1', { events: ['link.created', 'link.deleted'] }),
    },
  ],
  'get /api/webhooks/{webhookId}/deliveries': [
    {
      name: 'a delivery that could not be sent',
      status: 200,
      request: async () => {
        await call('POST', '/api/links', { url: 'https://example.com/hook', slug: 'shape-hook', campaign: 'Shapes' });
        // The server's webhook timer makes the delivery within a second or two.
        for (let i = 0; i < 100; i++) {
          const res = await call('GET', '/api/webhooks/1/deliveries');
          if ((await res.clone().json()).deliveries.length > 0) return res;
          await new Promise((r) => setTimeout(r, 100));
        }
        return call('GET', '/api/webhooks/1/deliveries');
      },
    },
  ],
  'post /api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver': [
    { name: 'again', status: 202, request: () => call('POST', '/api/webhooks/1/deliveries/1/redeliver') },
    { name: 'unknown', status: 404, request: () => call('POST', '/api/webhooks/1/deliveries/999/redeliver') },
  ],
  'delete /api/webhooks/{webhookId}': [
    { name: 'delete', status: 204, request: () => call('DELETE', '/api/webhooks/1') },
  ],
  'post /api/reports': [
    {
      name: 'create',
      status: 201,
      request: () =>
        call('POST', '/api/reports', { title: 'Shapes for the client', campaign: 'Shapes', allowCsv: true }),
    },
    {
      name: 'both scopes',
      status: 400,
      request: () => call('POST', '/api/reports', { title: 'x', campaign: 'Shapes', slugs: ['shape-a'] }),
    },
  ],
  'get /api/reports': [{ name: 'all', status: 200, request: () => call('GET', '/api/reports') }],
  'delete /api/reports/{id}': [
    {
      name: 'revoke',
      status: 204,
      request: async () =>
        call(
          'DELETE',
          `/api/reports/${(await (await call('POST', '/api/reports', { title: 'Gone', slugs: ['shape-a'] })).json()).id}`,
        ),
    },
    { name: 'unknown', status: 404, request: () => call('DELETE', '/api/reports/999999') },
  ],
  'post /api/keys': [
    {
      name: 'create',
      status: 201,
      request: () =>
        call('POST', '/api/keys', { name: 'Client', scopes: ['links:read', 'analytics:read'], campaigns: ['Shapes'] }),
    },
    {
      name: 'an unknown scope',
      status: 400,
      request: () => call('POST', '/api/keys', { name: 'x', scopes: ['everything'] }),
    },
    {
      name: 'a key without admin',
      status: 403,
      request: async () => {
        const reader = (await (await call('POST', '/api/keys', { name: 'reader', scopes: ['links:read'] })).json()).key;
        return call('POST', '/api/keys', { name: 'y' }, { authorization: `Bearer ${reader}` });
      },
    },
  ],
  'get /api/keys': [{ name: 'all', status: 200, request: () => call('GET', '/api/keys') }],
  'delete /api/keys/{id}': [
    {
      name: 'revoke',
      status: 204,
      request: async () =>
        call('DELETE', `/api/keys/${(await (await call('POST', '/api/keys', { name: 'gone' })).json()).id}`),
    },
    { name: 'unknown', status: 404, request: () => call('DELETE', '/api/keys/99999') },
  ],
  'get /api/openapi.json': [
    {
      name: 'the document',
      status: 200,
      request: () => call('GET', '/api/openapi.json', undefined, { authorization: '' }),
    },
  ],
};

describe('every documented operation answers as its schema says', () => {
  it('has real examples for every operation in the document', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((m) => `${m} ${path}`),
    );
    expect(Object.keys(EXAMPLES).sort()).toEqual(documented.sort());
  });

  it('answers each example with the declared status, content type and schema', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'linkpost', components: doc.components });
    const checked: string[] = [];
    for (const [key, examples] of Object.entries(EXAMPLES)) {
      const [method, path] = key.split(' ') as [string, string];
      const op = doc.paths[path][method];
      for (const example of examples) {
        const where = `${key} (${example.name})`;
        const res = await example.request();
        if (key === 'post /api/session' && res.status === 201) {
          cookie = res.headers.get('set-cookie')!.split(';')[0]!;
          csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
        }
        expect(res.status, where).toBe(example.status);
        const declared = op.responses[String(res.status)];
        expect(declared, `${where}: status ${res.status} is not documented`).toBeDefined();
        if (!declared.content) {
          expect(await res.text(), where).toBe('');
          continue;
        }
        const type = Object.keys(declared.content)[0]!;
        expect(res.headers.get('content-type'), where).toContain(type);
        if (type === 'text/csv' || type.startsWith('image/')) {
          expect((await res.arrayBuffer()).byteLength, where).toBeGreaterThan(0);
          continue;
        }
        const schema = JSON.parse(
          JSON.stringify(declared.content[type].schema).replaceAll('"#/components/', '"linkpost#/components/'),
        );
        const validate = ajv.compile(schema);
        const body = await res.json();
        expect(validate(body) ? [] : validate.errors, `${where}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
        checked.push(where);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses an answer that strays from its schema', () => {
    // The check above can fail: a link with a field the schema does not declare is refused.
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'linkpost', components: doc.components });
    const validate = ajv.compile({ $ref: 'linkpost#/components/schemas/Link' });
    expect(validate({ slug: 'x' })).toBe(false);
  });
});
