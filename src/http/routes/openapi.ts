import { Hono } from 'hono';
import { openApiDocument } from '../openapi/document.js';

/** GET /api/openapi.json: the API's OpenAPI 3.1 document, readable without a key. */
export function openApiRoutes() {
  return new Hono().get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument());
  });
}
