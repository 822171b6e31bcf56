CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_unique` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE TABLE `clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`link_id` integer NOT NULL,
	`clicked_at` integer NOT NULL,
	`referrer` text,
	`referrer_host` text,
	`source` text NOT NULL,
	`device` text NOT NULL,
	`os` text,
	`browser` text,
	`country` text,
	`region` text,
	`city` text,
	`bot` integer DEFAULT false NOT NULL,
	`visitor` text NOT NULL,
	`qr` integer DEFAULT false NOT NULL,
	`user_agent` text,
	`first_of_day` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `clicks_link_time_idx` ON `clicks` (`link_id`,`clicked_at`);--> statement-breakpoint
CREATE INDEX `clicks_time_idx` ON `clicks` (`clicked_at`);--> statement-breakpoint
CREATE TABLE `daily_visitors` (
	`day` text NOT NULL,
	`link_id` integer NOT NULL,
	`visitor` text NOT NULL,
	PRIMARY KEY(`day`, `link_id`, `visitor`)
);
--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`url` text NOT NULL,
	`destination` text NOT NULL,
	`title` text,
	`campaign` text,
	`network` text,
	`utm` text DEFAULT '{}' NOT NULL,
	`posted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`expires_at` integer,
	`max_clicks` integer,
	`human_clicks` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_slug_unique` ON `links` (`slug`);--> statement-breakpoint
CREATE INDEX `links_campaign_idx` ON `links` (`campaign`);--> statement-breakpoint
CREATE INDEX `links_network_idx` ON `links` (`network`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`api_key_id` integer,
	`csrf` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visitor_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL,
	`created_at` integer NOT NULL
);
