CREATE TABLE `bio_page_entries` (
	`page_id` integer NOT NULL,
	`position` integer NOT NULL,
	`link_id` integer NOT NULL,
	PRIMARY KEY(`page_id`, `position`),
	FOREIGN KEY (`page_id`) REFERENCES `bio_pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bio_page_entries_link_idx` ON `bio_page_entries` (`link_id`);--> statement-breakpoint
CREATE TABLE `bio_page_views` (
	`page_id` integer NOT NULL,
	`day` integer NOT NULL,
	`bot` integer NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`page_id`, `day`, `bot`),
	FOREIGN KEY (`page_id`) REFERENCES `bio_pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bio_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`handle` text NOT NULL,
	`title` text NOT NULL,
	`text` text,
	`avatar_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bio_pages_handle_unique` ON `bio_pages` (`handle`);