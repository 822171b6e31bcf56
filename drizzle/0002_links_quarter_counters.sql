-- counter_links now also keeps each post's total per quarter hour (dim 'all', grain 15), so
-- per-post series and compare windows starting on a quarter hour read small rows instead of
-- click profiles. Databases counted before this get those rows from their profiles here.
INSERT OR IGNORE INTO counter_links (link_id, dim, grain, bucket, bot, value, clicks, uniques)
SELECT link_id, 'all', 15, bucket, bot, '', sum(clicks), sum(uniques)
FROM counter_profiles WHERE grain = 15 GROUP BY link_id, bucket, bot;
