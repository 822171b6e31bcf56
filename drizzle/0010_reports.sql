CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`title` text NOT NULL,
	`campaign` text,
	`slugs` text,
	`link_ids` text,
	`from_ms` integer,
	`to_ms` integer,
	`expires_at` integer,
	`password_hash` text,
	`allow_csv` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_token_hash_unique` ON `reports` (`token_hash`);