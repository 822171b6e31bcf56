-- A network's breakdowns in one row per day and value, as counter_campaigns for campaigns (issue 24).
-- WITHOUT ROWID, the triggers and the rows of clicks counted before this migration are added by hand;
-- the triggers are printed by groupTriggersSql('networks') in src/db/groupCounters.ts, and a test keeps them equal.
CREATE TABLE `counter_networks` (
	`network` text NOT NULL,
	`dim` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`value` text NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`network`, `dim`, `grain`, `bucket`, `bot`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Databases counted before this table get their networks' rows from the per-post rows.
INSERT INTO counter_networks (network, dim, grain, bucket, bot, value, clicks, uniques)
SELECT l.network, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
   FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
   WHERE l.network IS NOT NULL AND c.dim != 'all' AND c.grain = 1440 AND c.bucket >= 0 GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link_network` BEFORE DELETE ON `links` WHEN OLD.network IS NOT NULL BEGIN
  UPDATE counter_networks SET clicks = counter_networks.clicks - post.clicks, uniques = counter_networks.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = OLD.id AND dim != 'all' AND grain = 1440) AS post
  WHERE counter_networks.network = OLD.network AND counter_networks.dim = post.dim AND counter_networks.grain = post.grain
    AND counter_networks.bucket = post.bucket AND counter_networks.bot = post.bot AND counter_networks.value = post.value;
END;
--> statement-breakpoint
CREATE TRIGGER `counters_move_link_network` AFTER UPDATE OF network ON `links` WHEN OLD.network IS NOT NEW.network BEGIN
  UPDATE counter_networks SET clicks = counter_networks.clicks - post.clicks, uniques = counter_networks.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND dim != 'all' AND grain = 1440) AS post
  WHERE counter_networks.network = OLD.network AND counter_networks.dim = post.dim AND counter_networks.grain = post.grain
    AND counter_networks.bucket = post.bucket AND counter_networks.bot = post.bot AND counter_networks.value = post.value;
  INSERT INTO counter_networks (network, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT NEW.network, dim, grain, bucket, bot, value, clicks, uniques FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND dim != 'all' AND grain = 1440) WHERE NEW.network IS NOT NULL
  ON CONFLICT (network, dim, grain, bucket, bot, value) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques;
END;
