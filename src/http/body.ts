import type { Context } from 'hono';
import { invalid } from '../domain/index.js';

/** Reads a JSON object body, or says clearly why it cannot. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw invalid('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw invalid('invalid_json', 'the request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('invalid_json', 'the request body must be a JSON object');
  }
  return body;
}
