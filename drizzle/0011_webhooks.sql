CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`type` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` integer NOT NULL,
	`last_status` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_message_unique` ON `webhook_deliveries` (`webhook_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`campaign` text,
	`link` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`campaigns` text,
	`tz` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`event_cursor` integer NOT NULL,
	`click_cursor` integer NOT NULL,
	`clicks_next_at` integer DEFAULT 0 NOT NULL,
	`report_day` text
);
--> statement-breakpoint
-- Added by hand: the outbox triggers. A link change and its event are one statement on every
-- driver and every writer (API, bulk, import, CLI), and nothing is written while no webhook exists.
-- Every column but human_clicks, which each click write moves.
CREATE TRIGGER `webhook_events_insert` AFTER INSERT ON `links` WHEN EXISTS (SELECT 1 FROM `webhooks`) BEGIN
  INSERT INTO `webhook_events` (`type`, `campaign`, `link`, `created_at`) VALUES ('link.created', NEW.`campaign`, json_object('id', NEW.`id`, 'slug', NEW.`slug`, 'url', NEW.`url`, 'destination', NEW.`destination`, 'title', NEW.`title`, 'campaign', NEW.`campaign`, 'network', NEW.`network`, 'postedAt', NEW.`posted_at`, 'createdAt', NEW.`created_at`, 'updatedAt', NEW.`updated_at`, 'disabled', NEW.`disabled`, 'expiresAt', NEW.`expires_at`, 'maxClicks', NEW.`max_clicks`, 'humanClicks', NEW.`human_clicks`, 'utm', json(NEW.`utm`), 'preview', json(NEW.`preview`)), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_events_update` AFTER UPDATE OF `slug`, `url`, `destination`, `title`, `campaign`, `network`, `utm`, `posted_at`, `disabled`, `expires_at`, `max_clicks`, `preview` ON `links` WHEN EXISTS (SELECT 1 FROM `webhooks`) BEGIN
  INSERT INTO `webhook_events` (`type`, `campaign`, `link`, `created_at`) VALUES ('link.updated', NEW.`campaign`, json_object('id', NEW.`id`, 'slug', NEW.`slug`, 'url', NEW.`url`, 'destination', NEW.`destination`, 'title', NEW.`title`, 'campaign', NEW.`campaign`, 'network', NEW.`network`, 'postedAt', NEW.`posted_at`, 'createdAt', NEW.`created_at`, 'updatedAt', NEW.`updated_at`, 'disabled', NEW.`disabled`, 'expiresAt', NEW.`expires_at`, 'maxClicks', NEW.`max_clicks`, 'humanClicks', NEW.`human_clicks`, 'utm', json(NEW.`utm`), 'preview', json(NEW.`preview`)), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `webhook_events_delete` AFTER DELETE ON `links` WHEN EXISTS (SELECT 1 FROM `webhooks`) BEGIN
  INSERT INTO `webhook_events` (`type`, `campaign`, `link`, `created_at`) VALUES ('link.deleted', OLD.`campaign`, json_object('id', OLD.`id`, 'slug', OLD.`slug`, 'url', OLD.`url`, 'destination', OLD.`destination`, 'title', OLD.`title`, 'campaign', OLD.`campaign`, 'network', OLD.`network`, 'postedAt', OLD.`posted_at`, 'createdAt', OLD.`created_at`, 'updatedAt', OLD.`updated_at`, 'disabled', OLD.`disabled`, 'expiresAt', OLD.`expires_at`, 'maxClicks', OLD.`max_clicks`, 'humanClicks', OLD.`human_clicks`, 'utm', json(OLD.`utm`), 'preview', json(OLD.`preview`)), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
