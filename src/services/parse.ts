import type { z } from 'zod';
import { invalid } from '../domain/index.js';

/** Parses a verb's input, turning the first problem into a 400 that names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  throw invalid('invalid_input', field ? `${field}: ${issue.message}` : issue.message, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
