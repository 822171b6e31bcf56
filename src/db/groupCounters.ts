/**
 * Counters of link groups: counter_campaigns and counter_networks hold the per-post daily value
 * rows and hourly 'all' rows of counter_links summed by the post's campaign or network. Kept with the clicks (the
 * post's group when counted), rebuilt from counter_links, and moved by triggers when a post
 * changes group or is deleted. Every SQL string here is built from constants, never input.
 */
import { DAY, HOUR } from '../domain/index.js';
import { COUNTER_SPEC, keyColumns, type CounterName } from './counterSpec.js';
import type { LinksRow } from './counters.js';

/** The group counters, each with the links column that names a post's group. */
export const GROUP_COLUMN = { campaigns: 'campaign', networks: 'network' } as const;
export type GroupCounter = keyof typeof GROUP_COLUMN;
export const GROUP_COUNTERS = Object.keys(GROUP_COLUMN) as GroupCounter[];

/** A group counter row: the group's column (campaign or network), then the counter_links value keys. */
export type GroupRow = Record<string, unknown> & { clicks: number; uniques: number };

/**
 * The per-post rows that also count for the post's groups: daily values, and hourly plain counts
 * (a campaign's heatmap sums 720 rows a month, not every post's). In SQL, `groupSource('c.')`.
 */
export const groupSourceRows = (links: LinksRow[]): LinksRow[] =>
  links.filter((r) => (r.dim !== 'all' && r.grain === DAY) || (r.dim === 'all' && r.grain === HOUR));
const groupSource = (alias = '') =>
  `((${alias}dim != 'all' AND ${alias}grain = 1440) OR (${alias}dim = 'all' AND ${alias}grain = 60))`;

/** A batch's rows of one group counter: its per-post daily value rows summed by each post's group. */
export function groupRows(
  name: GroupCounter,
  links: LinksRow[],
  groupOf: (linkId: number) => string | null,
): GroupRow[] {
  const column = GROUP_COLUMN[name];
  const rows = new Map<string, GroupRow>();
  for (const r of groupSourceRows(links)) {
    const group = groupOf(r.linkId);
    if (group === null) continue;
    const key = `${group}\t${r.dim}\t${r.grain}\t${r.bucket}\t${+r.bot}\t${r.value}`;
    const row = rows.get(key);
    if (row) {
      row.clicks += r.clicks;
      row.uniques += r.uniques;
    } else {
      const { dim, grain, bucket, bot, value, clicks, uniques } = r;
      rows.set(key, { [column]: group, dim, grain, bucket, bot, value, clicks, uniques });
    }
  }
  return [...rows.values()];
}

/** A group counter's rows from the per-post rows (from `from` on) and each post's group now. */
export const groupFromLinks = (name: GroupCounter, from: number): string => {
  const column = GROUP_COLUMN[name];
  return `SELECT l.${column}, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
   FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
   WHERE l.${column} IS NOT NULL AND ${groupSource('c.')} AND c.bucket >= ${from} GROUP BY 1, 2, 3, 4, 5, 6`;
};

/** Conditions joined by AND, three to a line, as the migrations print them. */
export const whereLines = (terms: string[]): string =>
  Array.from({ length: Math.ceil(terms.length / 3) }, (_, i) => terms.slice(i * 3, i * 3 + 3).join(' AND ')).join(
    '\n    AND ',
  );

/** `table.key = other.key` for each of a counter table's keys (but `except`), from the spec. */
export function matches(name: CounterName, other: string, except: string[] = []): string[] {
  const { table } = COUNTER_SPEC[name];
  return keyColumns(name)
    .filter((k) => !except.includes(k))
    .map((k) => `${table}.${k} = ${other}.${k}`);
}

/** A post's rows that its groups' rows include. */
const postRows = (id: string) =>
  `SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = ${id} AND ${groupSource()}`;

/**
 * A group counter follows each post's group: a deleted post's clicks leave its group, a post
 * moved to another group takes its clicks along. Printed into the migrations by hand
 * (0003_campaign_counters.sql, 0014_network_counters.sql); a test keeps them equal.
 */
export function groupTriggersSql(name: GroupCounter): string[] {
  const column = GROUP_COLUMN[name];
  const table = COUNTER_SPEC[name].table;
  const subtractFrom = (group: string, id: string) =>
    `  UPDATE ${table} SET clicks = ${table}.clicks - post.clicks, uniques = ${table}.uniques - post.uniques
  FROM (${postRows(id)}) AS post
  WHERE ${whereLines([`${table}.${column} = ${group}`, ...matches(name, 'post', [column])])};`;
  return [
    `CREATE TRIGGER \`counters_forget_link_${column}\` BEFORE DELETE ON \`links\` WHEN OLD.${column} IS NOT NULL BEGIN
${subtractFrom(`OLD.${column}`, 'OLD.id')}
END;`,
    `CREATE TRIGGER \`counters_move_link_${column}\` AFTER UPDATE OF ${column} ON \`links\` WHEN OLD.${column} IS NOT NEW.${column} BEGIN
${subtractFrom(`OLD.${column}`, 'NEW.id')}
  INSERT INTO ${table} (${column}, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT NEW.${column}, dim, grain, bucket, bot, value, clicks, uniques FROM (${postRows('NEW.id')}) WHERE NEW.${column} IS NOT NULL
  ON CONFLICT (${keyColumns(name).join(', ')}) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques;
END;`,
  ];
}
