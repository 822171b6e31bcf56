-- QR scans become a counter dimension (issue 17). The trigger that takes a deleted post out of
-- counter_totals reads counter_profiles: it goes while the table is rebuilt with its new key
-- column, and comes back below knowing the qr dimension.
DROP TRIGGER IF EXISTS `counters_forget_link`;
--> statement-breakpoint
CREATE TABLE `__new_counter_profiles` (
	`link_id` integer NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`source` text NOT NULL,
	`country` text NOT NULL,
	`device` text NOT NULL,
	`referrer` text NOT NULL,
	`city` text NOT NULL,
	`os` text NOT NULL,
	`browser` text NOT NULL,
	`qr` text DEFAULT 'false' NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`link_id`, `grain`, `bucket`, `bot`, `source`, `country`, `device`, `referrer`, `city`, `os`, `browser`, `qr`),
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_counter_profiles`("link_id", "grain", "bucket", "bot", "source", "country", "device", "referrer", "city", "os", "browser", "qr", "clicks", "uniques") SELECT "link_id", "grain", "bucket", "bot", "source", "country", "device", "referrer", "city", "os", "browser", 'false', "clicks", "uniques" FROM `counter_profiles`;
--> statement-breakpoint
DROP TABLE `counter_profiles`;
--> statement-breakpoint
ALTER TABLE `__new_counter_profiles` RENAME TO `counter_profiles`;
--> statement-breakpoint
-- Every row so far counted scans and clicks together, as qr = 'false'. Counted QR scans still
-- in raw clicks (id up to counter_progress) move to qr = 'true' rows; scans whose raw clicks
-- retention deleted stay where they were counted.
UPDATE counter_profiles SET clicks = counter_profiles.clicks - s.clicks, uniques = counter_profiles.uniques - s.uniques
  FROM (SELECT link_id, 15 AS grain, clicked_at - clicked_at % 900000 AS bucket, bot, source, coalesce(country, '') AS country, device,
       coalesce(referrer_host, '') AS referrer, coalesce(city, '') AS city, coalesce(os, '') AS os, coalesce(browser, '') AS browser,
       count(*) AS clicks, sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END) AS uniques
     FROM clicks WHERE qr AND id <= (SELECT through_click_id FROM counter_progress WHERE id = 1) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) AS s
  WHERE counter_profiles.link_id = s.link_id AND counter_profiles.grain = s.grain AND counter_profiles.bucket = s.bucket AND counter_profiles.bot = s.bot AND counter_profiles.source = s.source AND counter_profiles.country = s.country AND counter_profiles.device = s.device AND counter_profiles.referrer = s.referrer AND counter_profiles.city = s.city AND counter_profiles.os = s.os AND counter_profiles.browser = s.browser AND counter_profiles.qr = 'false';
--> statement-breakpoint
INSERT INTO counter_profiles (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, qr, clicks, uniques)
  SELECT link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, 'true', clicks, uniques
  FROM (SELECT link_id, 15 AS grain, clicked_at - clicked_at % 900000 AS bucket, bot, source, coalesce(country, '') AS country, device,
       coalesce(referrer_host, '') AS referrer, coalesce(city, '') AS city, coalesce(os, '') AS os, coalesce(browser, '') AS browser,
       count(*) AS clicks, sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END) AS uniques
     FROM clicks WHERE qr AND id <= (SELECT through_click_id FROM counter_progress WHERE id = 1) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
--> statement-breakpoint
UPDATE counter_profiles SET clicks = counter_profiles.clicks - s.clicks, uniques = counter_profiles.uniques - s.uniques
  FROM (SELECT link_id, 1440 AS grain, clicked_at - clicked_at % 86400000 AS bucket, bot, source, coalesce(country, '') AS country, device,
       coalesce(referrer_host, '') AS referrer, coalesce(city, '') AS city, coalesce(os, '') AS os, coalesce(browser, '') AS browser,
       count(*) AS clicks, sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END) AS uniques
     FROM clicks WHERE qr AND id <= (SELECT through_click_id FROM counter_progress WHERE id = 1) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) AS s
  WHERE counter_profiles.link_id = s.link_id AND counter_profiles.grain = s.grain AND counter_profiles.bucket = s.bucket AND counter_profiles.bot = s.bot AND counter_profiles.source = s.source AND counter_profiles.country = s.country AND counter_profiles.device = s.device AND counter_profiles.referrer = s.referrer AND counter_profiles.city = s.city AND counter_profiles.os = s.os AND counter_profiles.browser = s.browser AND counter_profiles.qr = 'false';
--> statement-breakpoint
INSERT INTO counter_profiles (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, qr, clicks, uniques)
  SELECT link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, 'true', clicks, uniques
  FROM (SELECT link_id, 1440 AS grain, clicked_at - clicked_at % 86400000 AS bucket, bot, source, coalesce(country, '') AS country, device,
       coalesce(referrer_host, '') AS referrer, coalesce(city, '') AS city, coalesce(os, '') AS os, coalesce(browser, '') AS browser,
       count(*) AS clicks, sum(CASE WHEN first_of_day AND NOT bot THEN 1 ELSE 0 END) AS uniques
     FROM clicks WHERE qr AND id <= (SELECT through_click_id FROM counter_progress WHERE id = 1) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
--> statement-breakpoint
DELETE FROM counter_profiles WHERE qr = 'false' AND clicks <= 0;
--> statement-breakpoint
-- The qr rows of the other tables, summed from the profiles as a rebuild sums them.
INSERT INTO counter_totals (dim, grain, bucket, bot, value, clicks, uniques)
  SELECT 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 3, 4, 5;
--> statement-breakpoint
INSERT INTO counter_totals (dim, grain, bucket, bot, value, clicks, uniques)
  SELECT 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 3, 4, 5;
--> statement-breakpoint
INSERT INTO counter_links (link_id, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT link_id AS link_id, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 1, 4, 5, 6;
--> statement-breakpoint
INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT l.campaign, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
  FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
  WHERE l.campaign IS NOT NULL AND c.dim = 'qr' AND c.grain = 1440 GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link` BEFORE DELETE ON `links` BEGIN
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
  UPDATE counter_totals SET clicks = counter_totals.clicks - gone.clicks, uniques = counter_totals.uniques - gone.uniques
  FROM (SELECT 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 3, 4, 5) AS gone
  WHERE counter_totals.dim = gone.dim AND counter_totals.grain = gone.grain AND counter_totals.bucket = gone.bucket
    AND counter_totals.bot = gone.bot AND counter_totals.value = gone.value;
END;
