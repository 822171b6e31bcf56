import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** Every JSON figure a report's page reads, under /r/<token>/data/. */
export const REPORT_FIGURES = ['summary', 'stats', 'compare', 'heatmap', 'lifetime', 'insights'] as const;

export interface CreatedReport {
  id: number;
  url: string;
  token: string;
  /** /r/<token> */
  path: string;
  body: any;
}

/** POST /api/reports through the app, expecting 201. */
export async function createReport(t: TestApp, body: Record<string, unknown>): Promise<CreatedReport> {
  const res = await t.api('POST', '/api/reports', body);
  const json = (await res.json()) as any;
  expect(res.status, JSON.stringify(json)).toBe(201);
  const url = new URL(json.url);
  const token = url.pathname.slice('/r/'.length);
  return { id: json.id, url: json.url, token, path: url.pathname, body: json };
}

/** A GET of a report path (no API key), with an optional cookie header. */
export async function reportGet(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  return { status: res.status, headers: res.headers, body: body as any };
}
