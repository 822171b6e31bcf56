-- One click filter on everything (issue 24): counter_filters and counter_filter_links keep counts
-- under each value of source, country, device and qr. WITHOUT ROWID, the trigger and the counts of
-- clicks counted before this migration are added by hand; the trigger and the SELECTs are printed by
-- src/db/counterRebuild.ts (forgetLinkFiltersTriggerSql, filtersFromProfiles, filterLinksFromProfiles)
-- and a test keeps them equal. counter_profiles holds every counted click, so the new rows come from it.
CREATE TABLE `counter_filter_links` (
	`link_id` integer NOT NULL,
	`filter` text NOT NULL,
	`filter_value` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`link_id`, `filter`, `filter_value`, `grain`, `bucket`, `bot`),
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `counter_filters` (
	`filter` text NOT NULL,
	`filter_value` text NOT NULL,
	`dim` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`value` text NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`filter`, `filter_value`, `dim`, `grain`, `bucket`, `bot`, `value`)
) WITHOUT ROWID;
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
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'source' AS filter, source AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'country' AS filter, country AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'device' AS filter, device AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 15 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'all' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, '' AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'source' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'source' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, source AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'referrer' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'referrer' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, referrer AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'country' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'country' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, country AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'city' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'city' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, CASE WHEN city = '' THEN '' ELSE country || '|' || city END AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'device' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'device' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, device AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'os' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'os' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, os AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'browser' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'browser' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, browser AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'qr' AS dim, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filters (filter, filter_value, dim, grain, bucket, bot, value, clicks, uniques)
SELECT 'qr' AS filter, qr AS filter_value, 'qr' AS dim, 1440 AS grain, bucket AS bucket, bot AS bot, qr AS value, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 2, 5, 6, 7;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'source' AS filter, source AS filter_value, 15 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'source' AS filter, source AS filter_value, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'source' AS filter, source AS filter_value, 1440 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'country' AS filter, country AS filter_value, 15 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'country' AS filter, country AS filter_value, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'country' AS filter, country AS filter_value, 1440 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'device' AS filter, device AS filter_value, 15 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'device' AS filter, device AS filter_value, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'device' AS filter, device AS filter_value, 1440 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'qr' AS filter, qr AS filter_value, 15 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'qr' AS filter, qr AS filter_value, 60 AS grain, bucket - bucket % 3600000 AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 15 AND true GROUP BY 1, 3, 5, 6;
--> statement-breakpoint
INSERT INTO counter_filter_links (link_id, filter, filter_value, grain, bucket, bot, clicks, uniques)
SELECT link_id AS link_id, 'qr' AS filter, qr AS filter_value, 1440 AS grain, bucket AS bucket, bot AS bot, sum(clicks) AS clicks, sum(uniques) AS uniques FROM counter_profiles WHERE grain = 1440 AND true GROUP BY 1, 3, 5, 6;
