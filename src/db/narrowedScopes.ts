import { narrowScope, type StatsScope } from '../domain/index.js';

type ScopedMethods = Record<string, (scope: StatsScope, ...rest: never[]) => unknown>;

/**
 * The store with every method's scope narrowed to its key's campaigns before it is queried:
 * one place, so no stats or timing query can run without the limit.
 */
export function narrowingScopes<T extends object>(store: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store as ScopedMethods)) {
    out[name] = (scope: StatsScope, ...rest: never[]) => method(narrowScope(scope), ...rest);
  }
  return out as T;
}
