import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickReader } from '../../src/db/clickReader.js';
import { createStatsStore } from '../../src/db/statsStore.js';
import { createTimingStore } from '../../src/db/timingStore.js';
import { createReportStore } from '../../src/db/index.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { bioWiring } from '../support/bioPages.js';
import { createWebhookStore } from '../../src/db/webhookStore.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  // Every optional part of the app present, so every route it can answer is mounted.
  t = await makeTestApp((database, clock) => ({
    bioPages: bioWiring(database, clock),
    clicks: createClickReader(database.db),
    stats: createStatsStore(database.db),
    timing: createTimingStore(database.db),
    webhooks: { store: createWebhookStore(database.db, database.batch), allowPrivate: true },
    reports: createReportStore(database.db),
  }));
  const res = await t.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
const resolve = (schema: any) => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema);

describe('GET /api/openapi.json', () => {
  it('is readable without a key and valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does refuse a broken document.
    const broken = await new Validator().validate({
      ...doc,
      paths: { '/x': { get: { responses: { 200: { content: 5 } } } } },
    });
    expect(broken.valid).toBe(false);
  });

  it('documents every route the app answers under /api, and no route it does not', () => {
    const answered = new Set(
      t.app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    expect([...answered].sort()).toEqual([...documented].sort());
    expect(answered.size).toBeGreaterThanOrEqual(16);
  });

  it('gives every operation its parameters, body, answers and the error shape', () => {
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z]+[A-Za-z]+$/);
      expect(
        Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
      expect(op.responses.default.content['application/json'].schema, where).toEqual({
        $ref: '#/components/schemas/Error',
      });
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(
          op.parameters.some((p: any) => p.in === 'path' && `{${p.name}}` === name),
          where,
        ).toBe(true);
      }
      if (op.requestBody) expect(op.responses['400'], where).toBeDefined();
      if (op.security === undefined) expect(op.responses['401'], where).toBeDefined();
    }
    const params = (method: string, path: string) => doc.paths[path][method].parameters.map((p: any) => p.name);
    // The services' own input schemas, field by field; the clock's `now` is not the caller's.
    expect(params('get', '/api/stats')).toEqual(
      expect.arrayContaining([
        'campaign',
        'network',
        'slug',
        'source',
        'country',
        'device',
        'from',
        'to',
        'tz',
        'interval',
        'bots',
        'limit',
      ]),
    );
    expect(params('get', '/api/stats')).not.toContain('now');
    expect(params('get', '/api/links')).toEqual(['campaign', 'network', 'q', 'limit', 'cursor']);
    expect(params('get', '/api/stats/compare')).toEqual(expect.arrayContaining(['by', 'align', 'hours']));
    const create = resolve(doc.paths['/api/links'].post.requestBody.content['application/json'].schema);
    expect(create.required).toEqual(['url']);
    expect(Object.keys(create.properties)).toEqual([
      'url',
      'slug',
      'title',
      'campaign',
      'network',
      'postedAt',
      'expiresAt',
      'maxClicks',
      'preview',
      'utm',
    ]);
    expect(create.additionalProperties).toBe(false);
    const bulk = doc.paths['/api/links/bulk'].post;
    expect(bulk.requestBody.content['application/json'].schema.properties.links.maxItems).toBe(1000);
    expect(bulk.responses['413'].description).toContain('2 MB');
    expect(doc.paths['/api/links'].post.responses['413'].description).toContain('64 KB');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Link', 'Click', 'Stats', 'Error', 'Session']),
    );
  });
});
