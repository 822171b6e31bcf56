/** The heatmap's reads: clicks, uniques and posts clicked per local week hour (TimingStore.weekHours). */
import { inArray, sql, type SQL } from 'drizzle-orm';
import {
  decompose,
  filtersClicks,
  grainMs,
  hourAligned,
  weekHoursOfBuckets,
  DAY,
  DAY_MS,
  HOUR,
  HOUR_MS,
  QUARTER,
  WEEK_HOURS,
  type Grain,
  type Span,
  type TimingStore,
  type WeekHourCount,
  type ZoneOffset,
} from '../domain/index.js';
import type { Database } from './database.js';
import { links } from './schema.js';
import {
  counterCampaigns as C,
  counterFilterLinks as FL,
  counterFilters as F,
  counterLinks as L,
  counterNetworks as N,
  counterProfiles as P,
  counterTotals as T,
} from './counterSchema.js';
import { counterTableFor, oneFilterOnEveryLink, wholeCampaigns, wholeNetworks } from './counterTable.js';
import { BOTS, int, linkCondition, packed, profileFilters, unpack } from './timingSql.js';

type WeekHourArgs = Parameters<TimingStore['weekHours']>;
type OneFilter = NonNullable<ReturnType<typeof oneFilterOnEveryLink>>;

/** `bucket + offset`, the offset chosen by which stretch of the zone the bucket starts in. */
function localBucket(bucket: SQL, offsets: readonly ZoneOffset[]): SQL {
  if (offsets.length === 1) return sql`(${bucket} + ${int(offsets[0]!.offset)})`;
  const cases = offsets.slice(0, -1).map((o) => sql`WHEN ${bucket} < ${int(o.to)} THEN ${int(o.offset)}`);
  return sql`(${bucket} + CASE ${sql.join(cases, sql` `)} ELSE ${int(offsets[offsets.length - 1]!.offset)} END)`;
}

/** The local week hour of a UTC bucket start, Monday 0 (1970-01-01 was a Thursday: + 72 hours). */
const weekHourOf = (bucket: SQL, offsets: readonly ZoneOffset[]): SQL =>
  sql`((${localBucket(bucket, offsets)} / ${int(HOUR_MS)} + 72) % ${int(WEEK_HOURS)})`;

/** A counter table's rows of one span and the scope's bots (dim 'all' where the table has dims). */
function rowsOf(
  t: typeof T | typeof L | typeof F | typeof FL | typeof C | typeof N,
  span: Span,
  bots: WeekHourArgs[3],
): SQL {
  const dim = 'dim' in t ? sql`${t.dim} = 'all' AND ` : sql``;
  return sql`${dim}${t.grain} = ${int(span.grain)} AND ${t.bucket} >= ${int(span.from)}
    AND ${t.bucket} < ${int(span.to)} AND ${t.bot} IN (${sql.raw(BOTS[bots])})`;
}

/** One click filter's values on counter_filters or counter_filter_links rows. */
const filterIs = (t: typeof F | typeof FL, one: OneFilter): SQL =>
  sql`${t.filter} = ${one.filter} AND ${inArray(t.filterValue, one.values)}`;

/**
 * Clicks and uniques per bucket of a span: from the table /api/stats would sum them from, or
 * for hours of whole campaigns or networks from their hourly rows (a post's are many more).
 */
function sumsSql(scope: WeekHourArgs[0], one: OneFilter | null, span: Span, bots: WeekHourArgs[3]): SQL {
  if (span.grain === HOUR && (wholeCampaigns(scope) || wholeNetworks(scope))) {
    const [g, group] = wholeCampaigns(scope)
      ? [C, inArray(C.campaign, scope.campaigns!)]
      : [N, inArray(N.network, scope.networks!)];
    return sql`SELECT ${g.bucket} AS bucket, sum(${g.clicks}) AS clicks, sum(${g.uniques}) AS uniques
      FROM ${g} WHERE ${group} AND ${rowsOf(g, span, bots)} GROUP BY ${g.bucket}`;
  }
  if (one)
    return sql`SELECT ${F.bucket} AS bucket, sum(${F.clicks}) AS clicks, sum(${F.uniques}) AS uniques
      FROM ${F} WHERE ${filterIs(F, one)} AND ${rowsOf(F, span, bots)} GROUP BY ${F.bucket}`;
  if (counterTableFor(scope, { of: 'counts', perLink: false }, span.grain as Grain) === 'totals')
    return sql`SELECT ${T.bucket} AS bucket, sum(${T.clicks}) AS clicks, sum(${T.uniques}) AS uniques
      FROM ${T} WHERE ${rowsOf(T, span, bots)} GROUP BY ${T.bucket}`;
  return sql`SELECT ${L.bucket} AS bucket, sum(${L.clicks}) AS clicks, sum(${L.uniques}) AS uniques
    FROM ${L} WHERE ${L.linkId} IN (SELECT ${links.id} FROM ${links} WHERE ${linkCondition(scope)})
      AND ${rowsOf(L, span, bots)} GROUP BY ${L.bucket}`;
}

/**
 * Per post, one packed list of the span's bucket numbers with clicks; for a day span, pairs of
 * day number and `hours` bits. The posts drive the join (one seek each).
 */
function postsSql(scope: WeekHourArgs[0], one: OneFilter | null, span: Span, bots: WeekHourArgs[3]): SQL {
  const ms = grainMs(span.grain as Grain);
  const t = one ? FL : L;
  const list =
    span.grain === DAY
      ? packed([sql`${t.bucket} / ${int(DAY_MS)}`, sql`${t.hours}`])
      : packed([sql`${t.bucket} / ${int(ms)}`]);
  return sql`SELECT ${links.id} AS link_id, ${list} AS list
    FROM ${links} CROSS JOIN ${t} ON ${t.linkId} = ${links.id} AND ${one ? sql`${filterIs(FL, one)} AND ` : sql``}${rowsOf(t, span, bots)}
    WHERE ${linkCondition(scope)}
    GROUP BY ${links.id}`;
}

/**
 * Without click filters, or with one on every link, from the 'all' rows the scope's /api/stats
 * reads (hours of whole campaigns or networks from theirs): clicks and uniques summed per bucket
 * in SQL and placed in week hours here by the offsets (hours where the zone allows, else quarter
 * hours); the posts clicked in each cell from one packed list per post and span, where
 * the per-link day rows stand for their 24 hours through `hours` (src/db/linkHours.ts). A
 * distinct count of posts per week hour in SQL cost two sorts; per post, the rows come in index
 * order and the list costs little more than reading them.
 */
async function countedWeekHours(
  db: Database,
  ...[scope, from, to, bots, offsets]: WeekHourArgs
): Promise<WeekHourCount[]> {
  const one = oneFilterOnEveryLink(scope);
  const grains: Grain[] = hourAligned(offsets) ? [QUARTER, HOUR] : [QUARTER];
  const cells = Array.from({ length: WEEK_HOURS }, (_, weekHour): WeekHourCount => ({
    weekHour,
    clicks: 0,
    uniques: 0,
    posts: 0,
  }));
  for (const span of decompose(from, to, grains)) {
    const ms = grainMs(span.grain as Grain);
    const weekHours = weekHoursOfBuckets(span.from, span.to, ms, offsets);
    for (const r of await db.all<{ bucket: number; clicks: number; uniques: number }>(
      sumsSql(scope, one, span, bots),
    )) {
      const cell = cells[weekHours[(Number(r.bucket) - span.from) / ms]!]!;
      cell.clicks += Number(r.clicks);
      cell.uniques += Number(r.uniques);
    }
  }
  // Per post, the week hours it was already counted in.
  const seen = new Map<number, Uint8Array>();
  const place = (marks: Uint8Array, weekHour: number) => {
    if (marks[weekHour]) return;
    marks[weekHour] = 1;
    cells[weekHour]!.posts++;
  };
  // Days only where hours are whole local hours.
  for (const span of decompose(from, to, grains.includes(HOUR) ? [...grains, DAY] : grains)) {
    // Day spans are placed hour by hour.
    const ms = span.grain === DAY ? HOUR_MS : grainMs(span.grain as Grain);
    const first = span.from / ms;
    const weekHours = weekHoursOfBuckets(span.from, span.to, ms, offsets);
    for (const r of await db.all<{ link_id: number; list: string | null }>(postsSql(scope, one, span, bots))) {
      const id = Number(r.link_id);
      let marks = seen.get(id);
      if (!marks) seen.set(id, (marks = new Uint8Array(WEEK_HOURS)));
      const list = unpack(r.list);
      if (span.grain !== DAY) for (const n of list) place(marks, weekHours[n - first]!);
      else
        for (let i = 0; i < list.length; i += 2) {
          const at = list[i]! * 24 - first;
          // Each set bit, lowest first: the hours of that day with clicks.
          for (let bits = list[i + 1]!; bits !== 0; bits &= bits - 1)
            place(marks, weekHours[at + 31 - Math.clz32(bits & -bits)]!);
        }
    }
  }
  return cells.filter((c) => c.posts > 0 || c.clicks > 0 || c.uniques > 0);
}

/** With other click filters, from counter_profiles' quarter hours, summed per week hour in SQL. */
async function profileWeekHours(
  db: Database,
  ...[scope, from, to, bots, offsets]: WeekHourArgs
): Promise<WeekHourCount[]> {
  const rows = await db.all<{ week_hour: number; posts: number; clicks: number; uniques: number }>(sql`
    SELECT ${weekHourOf(sql`${P.bucket}`, offsets)} AS week_hour, count(DISTINCT ${P.linkId}) AS posts,
      sum(${P.clicks}) AS clicks, sum(${P.uniques}) AS uniques
    FROM ${P}
    WHERE ${P.linkId} IN (SELECT ${links.id} FROM ${links} WHERE ${linkCondition(scope)})
      AND ${P.grain} = ${int(QUARTER)} AND ${profileFilters(scope)}
      AND ${P.bucket} >= ${int(from)} AND ${P.bucket} < ${int(to)} AND ${P.bot} IN (${sql.raw(BOTS[bots])})
    GROUP BY week_hour`);
  return rows.map((r): WeekHourCount => ({
    weekHour: Number(r.week_hour),
    clicks: Number(r.clicks),
    uniques: Number(r.uniques),
    posts: Number(r.posts),
  }));
}

/** TimingStore.weekHours: from the counters /api/stats reads for the scope, or from profiles. */
export const weekHourQueries = (db: Database): Pick<TimingStore, 'weekHours'> => ({
  async weekHours(scope, from, to, bots, offsets) {
    return !filtersClicks(scope) || oneFilterOnEveryLink(scope)
      ? countedWeekHours(db, scope, from, to, bots, offsets)
      : profileWeekHours(db, scope, from, to, bots, offsets);
  },
});
