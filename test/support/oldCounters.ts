import { linksFromProfiles, totalsFromProfiles } from '../../src/db/counterRebuild.js';

/**
 * The counters of every raw click as the code before migration 0009 wrote them: profiles
 * without a qr column, and every sum of them. For tests that start from an older database.
 */
export function oldCountersSql(): string[] {
  const profiles = [15, 1440].map(
    (grain) => `INSERT INTO counter_profiles
    (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, clicks, uniques)
    SELECT link_id, ${grain}, clicked_at - clicked_at % ${grain * 60_000}, bot, source, coalesce(country, ''), device,
      coalesce(referrer_host, ''), coalesce(city, ''), coalesce(os, ''), coalesce(browser, ''),
      count(*), sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END)
    FROM clicks GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
  );
  const notQr = (s: string) => !s.includes("'qr' AS dim");
  return [
    ...profiles,
    ...linksFromProfiles('true')
      .filter(notQr)
      .map((s) => `INSERT INTO counter_links (link_id, dim, grain, bucket, bot, value, clicks, uniques) ${s}`),
    ...totalsFromProfiles('true')
      .filter(notQr)
      .map((s) => `INSERT INTO counter_totals (dim, grain, bucket, bot, value, clicks, uniques) ${s}`),
    `INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
      SELECT l.campaign, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
      FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
      WHERE l.campaign IS NOT NULL AND c.dim != 'all' AND c.grain = 1440 GROUP BY 1, 2, 3, 4, 5, 6`,
  ];
}
