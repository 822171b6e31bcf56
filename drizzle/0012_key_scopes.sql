ALTER TABLE `api_keys` ADD `scopes` text DEFAULT '["admin"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `campaigns` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `last_used_at` integer;