import { MAX_BODY_BYTES } from '../limits.js';
import { toOpenApiSchema } from './jsonSchema.js';
import { OPERATIONS, PATH_PARAMS, type Operation } from './operations.js';
import { errorBody } from './responses.js';
import { SESSION_COOKIE } from '../session.js';
import { ruleFor } from '../routeScopes.js';

type Json = Record<string, unknown>;

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

const DESCRIPTION = `linkpost's API: posts (short links with UTM tags), their clicks, analytics from counters,
and CSV exports. Authenticate with an API key as a Bearer token, or with the dashboard's session cookie
plus its X-CSRF-Token header on changes. Every error has the shape of the Error schema.`;

function operation(op: Operation, components: Record<string, Json>): Json {
  const parameters: Json[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
    parameters.push({
      name,
      in: 'path',
      required: true,
      schema: toOpenApiSchema(PATH_PARAMS[name]!, 'input', components),
    });
  }
  if (op.query) {
    const query = toOpenApiSchema(op.query, 'input', components) as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      if (op.injected?.includes(name)) continue;
      const many = JSON.stringify(schema).includes('"type":"array"');
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        schema,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        ...(many ? { style: 'form', explode: true } : {}),
      });
    }
  }
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: toOpenApiSchema(errorBody, 'output', components) } },
  });
  const responses: Json = {};
  for (const [status, answer] of Object.entries(op.answers)) {
    responses[status] = {
      description: answer.description,
      ...(answer.csv ? { content: { 'text/csv': { schema: { type: 'string' } } } } : {}),
      ...(answer.image
        ? { content: { [answer.image]: { schema: { type: 'string', contentMediaType: answer.image } } } }
        : {}),
      ...(answer.schema
        ? { content: { 'application/json': { schema: toOpenApiSchema(answer.schema, 'output', components) } } }
        : {}),
    };
  }
  if (op.query || op.body || parameters.length)
    responses['400'] = error('The input is invalid: the message names the field');
  if (op.auth !== false) responses['401'] = error('No valid API key or session');
  if (op.auth !== false)
    responses['403'] = error(
      'forbidden_scope: the key lacks the scope this operation needs (docs/keys.md), or the campaign is not one of its own',
    );
  if (op.path.includes('{slug}')) responses['404'] = error('No post has this slug');
  if (op.path.includes('{handle}')) responses['404'] = error('No bio page has this handle');
  if (op.path.startsWith('/api/webhooks/')) responses['404'] = error('No such webhook or delivery');
  if (op.method === 'post' && op.path.startsWith('/api/links')) responses['409'] = error('The slug is taken');
  if (op.method === 'post' && op.path === '/api/bio-pages') responses['409'] = error('The handle is taken');
  if (op.body) responses['413'] = error(`The body is larger than ${kb(op.maxBodyBytes ?? MAX_BODY_BYTES)}`);
  // Every /api route sits behind the failed-authentication limit, the authenticated ones behind API_RATE_LIMIT too.
  responses['429'] = error(
    'Too many failed authentications from this network, or too many requests with this key: wait Retry-After seconds (docs/security.md)',
  );
  for (const [status, description] of Object.entries(op.errors ?? {})) responses[status] = error(description);
  responses['503'] ??= error(
    'storage_unavailable: the database cannot take the request now (a full disk, an I/O error); Retry-After says when to try again',
  );
  responses.default = error('Any other error, in the same shape');

  const rule = ruleFor(op.method.toUpperCase(), op.path.replace(/\{(\w+)\}/g, 'x'));
  return {
    operationId: operationId(op),
    summary: op.summary,
    ...(typeof rule === 'string' && rule !== 'public' && rule !== 'key'
      ? { description: `Needs the \`${rule}\` scope (admin holds every scope).`, 'x-scope': rule }
      : {}),
    tags: [op.tag],
    ...(op.auth === false ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toOpenApiSchema(op.body, 'input', components) } },
          },
        }
      : {}),
    responses,
  };
}

/** listLinks, getLinkBySlug…: stable names for generated clients. */
function operationId(op: Operation): string {
  const words = op.path
    .replace(/^\/api\//, '')
    .replace(/\.(\w+)$/, '-$1')
    .split(/[/\-.]/)
    .filter(Boolean)
    .map((w) =>
      w.startsWith('{') ? `By${w.slice(1, 2).toUpperCase()}${w.slice(2, -1)}` : w[0]!.toUpperCase() + w.slice(1),
    );
  return `${op.method}${words.join('')}`;
}

let built: Json | null = null;

/** The OpenAPI 3.1 document of the API, generated once from the operations table. */
export function openApiDocument(): Json {
  if (built) return built;
  const components: Record<string, Json> = {};
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op, components) };
  built = {
    openapi: '3.1.0',
    info: {
      title: 'linkpost API',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    tags: [
      'Links',
      'Clicks',
      'Analytics',
      'Export',
      'Session',
      'Bio pages',
      'Reports',
      'Webhooks',
      'Keys',
      'Reference',
    ].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `linkpost keys create` or ADMIN_API_KEY' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The dashboard’s sign-in (POST /api/session)',
        },
      },
    },
  };
  return built;
}
