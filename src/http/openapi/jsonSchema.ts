import { z } from 'zod';

type Json = Record<string, unknown>;

/**
 * A zod schema as OpenAPI 3.1 JSON Schema (draft 2020-12): as a request takes it (`input`,
 * before transforms) or as a response gives it (`output`). Named schemas (`.meta({ id })`)
 * move to `components` and are referred to there.
 */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, Json>): Json {
  const {
    $schema: _,
    $defs,
    ...json
  } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    // Transforms and refinements have no JSON Schema: the schema before them still says the shape.
    unrepresentable: 'any',
    reused: 'inline',
  }) as Json & { $defs?: Record<string, Json> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = rewriteRefs(def) as Json;
  const top = json as Json & { id?: string };
  if (typeof top.id === 'string') {
    // The schema itself is named: keep it once in components, refer to it here.
    const { id, ...rest } = top;
    components[id] = rewriteRefs(rest) as Json;
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewriteRefs(json) as Json;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : rewriteRefs(v),
    ]),
  );
}
