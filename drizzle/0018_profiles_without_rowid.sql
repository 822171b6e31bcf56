-- counter_profiles as a WITHOUT ROWID table again (issue 24). 0001 made it one; 0009 rebuilt it
-- with drizzle-kit's generic copy, which left a rowid table plus a second B-tree for its key, so
-- every profile was stored twice and every read or upsert went through both. The two triggers on
-- links read counter_profiles, so they go while the table is rebuilt and come back unchanged,
-- as src/db/counterRebuild.ts prints them (forgetLinkTriggerSql, forgetLinkFiltersTriggerSql).
DROP TRIGGER IF EXISTS `counters_forget_link`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `counters_forget_link_filters`;
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
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_counter_profiles`("link_id", "grain", "bucket", "bot", "source", "country", "device", "referrer", "city", "os", "browser", "qr", "clicks", "uniques") SELECT "link_id", "grain", "bucket", "bot", "source", "country", "device", "referrer", "city", "os", "browser", "qr", "clicks", "uniques" FROM `counter_profiles`;
--> statement-breakpoint
DROP TABLE `counter_profiles`;
--> statement-breakpoint
ALTER TABLE `__new_counter_profiles` RENAME TO `counter_profiles`;
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
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link_filters` BEFORE DELETE ON `links` BEGIN
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'source' AS filter, source AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'country' AS filter, country AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'device' AS filter, device AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
  UPDATE counter_filters SET clicks = counter_filters.clicks - gone.clicks, uniques = counter_filters.uniques - gone.uniques
  FROM (SELECT 'qr' AS filter, qr AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND link_id = OLD.id GROUP BY 2, 5, 6, 7) AS gone
  WHERE counter_filters.filter = gone.filter AND counter_filters.filter_value = gone.filter_value AND counter_filters.dim = gone.dim
    AND counter_filters.grain = gone.grain AND counter_filters.bucket = gone.bucket AND counter_filters.bot = gone.bot
    AND counter_filters.value = gone.value;
END;
