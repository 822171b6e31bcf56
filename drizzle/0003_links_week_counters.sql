-- counter_links also sums each post per seven days from the epoch (grain 10080), so per-post
-- sums over long ranges read a row per week instead of one per day. Databases counted before
-- this get those rows from their daily rows here.
INSERT OR IGNORE INTO counter_links (link_id, dim, grain, bucket, bot, value, clicks, uniques)
SELECT link_id, dim, 10080, bucket - bucket % 604800000, bot, value, sum(clicks), sum(uniques)
FROM counter_links WHERE grain = 1440 GROUP BY link_id, dim, bucket - bucket % 604800000, bot, value;
