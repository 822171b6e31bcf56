-- WITHOUT ROWID and the triggers are added by hand (see 0001_counters.sql); the triggers are
-- printed by campaignTriggersSql() in src/db/counterRebuild.ts, and a test keeps them equal.
CREATE TABLE `counter_campaigns` (
	`campaign` text NOT NULL,
	`dim` text NOT NULL,
	`grain` integer NOT NULL,
	`bucket` integer NOT NULL,
	`bot` integer NOT NULL,
	`value` text NOT NULL,
	`clicks` integer NOT NULL,
	`uniques` integer NOT NULL,
	PRIMARY KEY(`campaign`, `dim`, `grain`, `bucket`, `bot`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Databases counted before this table get their campaigns' rows from the per-post rows.
INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
SELECT l.campaign, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
WHERE l.campaign IS NOT NULL AND c.dim != 'all' AND c.grain = 1440 GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link_campaign` BEFORE DELETE ON `links` WHEN OLD.campaign IS NOT NULL BEGIN
  UPDATE counter_campaigns SET clicks = counter_campaigns.clicks - post.clicks, uniques = counter_campaigns.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = OLD.id AND dim != 'all' AND grain = 1440) AS post
  WHERE counter_campaigns.campaign = OLD.campaign AND counter_campaigns.dim = post.dim AND counter_campaigns.grain = post.grain
    AND counter_campaigns.bucket = post.bucket AND counter_campaigns.bot = post.bot AND counter_campaigns.value = post.value;
END;
--> statement-breakpoint
CREATE TRIGGER `counters_move_link_campaign` AFTER UPDATE OF campaign ON `links` WHEN OLD.campaign IS NOT NEW.campaign BEGIN
  UPDATE counter_campaigns SET clicks = counter_campaigns.clicks - post.clicks, uniques = counter_campaigns.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND dim != 'all' AND grain = 1440) AS post
  WHERE counter_campaigns.campaign = OLD.campaign AND counter_campaigns.dim = post.dim AND counter_campaigns.grain = post.grain
    AND counter_campaigns.bucket = post.bucket AND counter_campaigns.bot = post.bot AND counter_campaigns.value = post.value;
  INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT NEW.campaign, dim, grain, bucket, bot, value, clicks, uniques FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND dim != 'all' AND grain = 1440) WHERE NEW.campaign IS NOT NULL
  ON CONFLICT (campaign, dim, grain, bucket, bot, value) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques;
END;
