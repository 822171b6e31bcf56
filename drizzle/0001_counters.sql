-- Counters are looked up and summed by primary key only, so they are WITHOUT ROWID tables
-- (added by hand: drizzle-kit has no option for it). The trigger below is also hand-written,
-- printed by forgetLinkTriggerSql() in src/db/counterRebuild.ts; a test keeps the two equal.
CREATE TABLE `counter_links` (
	`link_id` integer NOT NULL,
	`dim` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`value` text NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`link_id`, `dim`, `grain`, `bucket`, `bot`, `value`),
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `counter_profiles` (
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
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`link_id`, `grain`, `bucket`, `bot`, `source`, `country`, `device`, `referrer`, `city`, `os`, `browser`),
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `counter_totals` (
	`dim` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`value` text NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`dim`, `grain`, `bucket`, `bot`, `value`)
) WITHOUT ROWID;
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
END;
