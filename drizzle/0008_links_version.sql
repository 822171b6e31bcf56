CREATE TABLE `links_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);

--> statement-breakpoint
-- Added by hand: the one row, and the triggers that bump it on any change to a link's definition.
INSERT INTO `links_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `links_version_insert` AFTER INSERT ON `links` BEGIN
  UPDATE `links_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `links_version_delete` AFTER DELETE ON `links` BEGIN
  UPDATE `links_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- Every column but human_clicks, which each click write moves.
CREATE TRIGGER `links_version_update` AFTER UPDATE OF `slug`, `url`, `destination`, `title`, `campaign`, `network`, `utm`, `posted_at`, `created_at`, `updated_at`, `disabled`, `expires_at`, `max_clicks`, `preview` ON `links` BEGIN
  UPDATE `links_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
