import type { ClickExportReader, ClickStore, StatsStore } from '../../domain/index.js';
import type { CoreDeps } from '../../services/index.js';

/** What the compatible APIs read: the core, and the click stores when the runtime has them. */
export interface CompatDeps extends CoreDeps {
  stats?: StatsStore;
  clicks?: ClickStore;
  clickExport?: ClickExportReader;
  log?: (message: string, err?: unknown) => void;
}

/** An instant as ISO 8601 with an offset and no milliseconds, the way PHP's ATOM format writes it. */
export const atomTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Input field names of linkpost's verbs, as a compatible API calls them. */
export type FieldNames = Partial<Record<'url' | 'slug' | 'title' | 'campaign' | 'network' | 'expiresAt' | 'maxClicks' | 'tags', string>>;

/** The fields a linkpost error is about, in the API's own names. */
export function fieldsOfError(err: { code: string; details?: unknown }, names: FieldNames): string[] {
  const name = (f: string) => names[f as keyof FieldNames] ?? f;
  if (err.code === 'invalid_url') return [name('url')];
  if (err.code === 'slug_reserved' || err.code === 'invalid_slug') return [name('slug')];
  const details = err.details as { issues?: { path: string }[]; field?: string } | undefined;
  if (details?.field) return [details.field];
  const paths = details?.issues?.map((i) => i.path.split('.')[0]!).filter(Boolean) ?? [];
  return [...new Set(paths.map(name))];
}
