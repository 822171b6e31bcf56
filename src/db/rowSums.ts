/** Summing counter rows in memory under string keys: what every counter's batch rows are built with. */
import { bucketStart, type Grain } from '../domain/index.js';

type Counted = { grain: number; bucket: number; clicks: number; uniques: number };

/** Adds `clicks` and `uniques` to the row under `key`, creating it from `make` the first time. */
export function bump<R extends Counted>(
  rows: Map<string, R>,
  key: string,
  clicks: number,
  uniques: number,
  make: () => R,
) {
  const row = rows.get(key);
  if (row) {
    row.clicks += clicks;
    row.uniques += uniques;
  } else rows.set(key, make());
}

/** Sums rows of a finer grain into `grain` buckets: each click is keyed once, coarser rows come from rows. */
export function rollUp<R extends Counted>(
  rows: Iterable<R>,
  grain: Grain,
  into: Map<string, R>,
  keyOf: (r: R, bucket: number) => string,
) {
  for (const r of [...rows]) {
    const bucket = bucketStart(r.bucket, grain);
    bump(into, `${grain}\t${keyOf(r, bucket)}`, r.clicks, r.uniques, () => ({ ...r, grain, bucket }));
  }
}
