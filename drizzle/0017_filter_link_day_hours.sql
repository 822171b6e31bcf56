-- counter_filter_links' hours (issue 15), as 0015 gave counter_links: bit h of a day row set when the post had
-- clicks under that filter value in UTC hour h, so the heatmap under one click filter counts posts from one row a
-- day. Filled from the hour rows; the UPDATE is printed by fillDayHours in src/db/linkHours.ts, and a test keeps them equal.
ALTER TABLE `counter_filter_links` ADD `hours` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
update "counter_filter_links" set "hours" = h.hours from (SELECT link_id, filter, filter_value, bucket - bucket % 86400000 AS day, bot, sum(1 << (bucket % 86400000 / 3600000)) AS hours
  FROM counter_filter_links WHERE grain = 60 AND true GROUP BY 1, 2, 3, 4, 5) AS h where counter_filter_links.link_id = h.link_id AND counter_filter_links.filter = h.filter AND counter_filter_links.filter_value = h.filter_value
  AND counter_filter_links.grain = 1440 AND counter_filter_links.bucket = h.day AND counter_filter_links.bot = h.bot;
