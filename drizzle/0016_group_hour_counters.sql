-- Campaigns and networks keep their plain counts per hour (issue 15): a campaign's heatmap sums one row an hour,
-- not every post's hour rows. The triggers now move and forget a post's hourly 'all' rows with its daily values:
-- they are printed by groupTriggersSql in src/db/groupCounters.ts, and a test keeps them equal. Databases counted
-- before this migration get the new rows from the per-post hour rows.
DROP TRIGGER `counters_forget_link_campaign`;
--> statement-breakpoint
DROP TRIGGER `counters_move_link_campaign`;
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link_campaign` BEFORE DELETE ON `links` WHEN OLD.campaign IS NOT NULL BEGIN
  UPDATE counter_campaigns SET clicks = counter_campaigns.clicks - post.clicks, uniques = counter_campaigns.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = OLD.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) AS post
  WHERE counter_campaigns.campaign = OLD.campaign AND counter_campaigns.dim = post.dim AND counter_campaigns.grain = post.grain
    AND counter_campaigns.bucket = post.bucket AND counter_campaigns.bot = post.bot AND counter_campaigns.value = post.value;
END;
--> statement-breakpoint
CREATE TRIGGER `counters_move_link_campaign` AFTER UPDATE OF campaign ON `links` WHEN OLD.campaign IS NOT NEW.campaign BEGIN
  UPDATE counter_campaigns SET clicks = counter_campaigns.clicks - post.clicks, uniques = counter_campaigns.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) AS post
  WHERE counter_campaigns.campaign = OLD.campaign AND counter_campaigns.dim = post.dim AND counter_campaigns.grain = post.grain
    AND counter_campaigns.bucket = post.bucket AND counter_campaigns.bot = post.bot AND counter_campaigns.value = post.value;
  INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT NEW.campaign, dim, grain, bucket, bot, value, clicks, uniques FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) WHERE NEW.campaign IS NOT NULL
  ON CONFLICT (campaign, dim, grain, bucket, bot, value) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques;
END;
--> statement-breakpoint
INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques)
SELECT l.campaign, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
   FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
   WHERE l.campaign IS NOT NULL AND c.dim = 'all' AND c.grain = 60 GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
DROP TRIGGER `counters_forget_link_network`;
--> statement-breakpoint
DROP TRIGGER `counters_move_link_network`;
--> statement-breakpoint
CREATE TRIGGER `counters_forget_link_network` BEFORE DELETE ON `links` WHEN OLD.network IS NOT NULL BEGIN
  UPDATE counter_networks SET clicks = counter_networks.clicks - post.clicks, uniques = counter_networks.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = OLD.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) AS post
  WHERE counter_networks.network = OLD.network AND counter_networks.dim = post.dim AND counter_networks.grain = post.grain
    AND counter_networks.bucket = post.bucket AND counter_networks.bot = post.bot AND counter_networks.value = post.value;
END;
--> statement-breakpoint
CREATE TRIGGER `counters_move_link_network` AFTER UPDATE OF network ON `links` WHEN OLD.network IS NOT NEW.network BEGIN
  UPDATE counter_networks SET clicks = counter_networks.clicks - post.clicks, uniques = counter_networks.uniques - post.uniques
  FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) AS post
  WHERE counter_networks.network = OLD.network AND counter_networks.dim = post.dim AND counter_networks.grain = post.grain
    AND counter_networks.bucket = post.bucket AND counter_networks.bot = post.bot AND counter_networks.value = post.value;
  INSERT INTO counter_networks (network, dim, grain, bucket, bot, value, clicks, uniques)
  SELECT NEW.network, dim, grain, bucket, bot, value, clicks, uniques FROM (SELECT dim, grain, bucket, bot, value, clicks, uniques FROM counter_links WHERE link_id = NEW.id AND ((dim != 'all' AND grain = 1440) OR (dim = 'all' AND grain = 60))) WHERE NEW.network IS NOT NULL
  ON CONFLICT (network, dim, grain, bucket, bot, value) DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques;
END;
--> statement-breakpoint
INSERT INTO counter_networks (network, dim, grain, bucket, bot, value, clicks, uniques)
SELECT l.network, c.dim, c.grain, c.bucket, c.bot, c.value, sum(c.clicks), sum(c.uniques)
   FROM counter_links AS c JOIN links AS l ON l.id = c.link_id
   WHERE l.network IS NOT NULL AND c.dim = 'all' AND c.grain = 60 GROUP BY 1, 2, 3, 4, 5, 6;
