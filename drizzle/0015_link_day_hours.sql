-- counter_links' hours (issue 15): on each link's 'all' day row, bit h set when the link had clicks
-- in UTC hour h of that day, so the heatmap counts the posts clicked per hour from one row a day.
-- Filled from the hour rows of clicks counted before it; the UPDATE is printed by fillLinkHours in
-- src/db/linkHours.ts (a rebuild runs it too), and a test keeps them equal.
ALTER TABLE `counter_links` ADD `hours` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
update "counter_links" set "hours" = h.hours from (SELECT link_id, bucket - bucket % 86400000 AS day, bot, sum(1 << (bucket % 86400000 / 3600000)) AS hours
  FROM counter_links WHERE dim = 'all' AND grain = 60 AND true GROUP BY 1, 2, 3) AS h where counter_links.link_id = h.link_id AND counter_links.dim = 'all' AND counter_links.grain = 1440
  AND counter_links.bucket = h.day AND counter_links.bot = h.bot AND counter_links.value = '';
