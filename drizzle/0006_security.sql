CREATE TABLE `throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	`previous` integer NOT NULL,
	`blocked_until` integer NOT NULL,
	`strikes` integer NOT NULL,
	`logged_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `throttle_expires_idx` ON `throttle` (`expires_at`);
--> statement-breakpoint
-- Salts were stored in clear next to the visitor keys they make: drop them. Node now keeps them
-- in files beside the database, Workers only sealed under VISITOR_SECRET. Today's uniques start over.
DELETE FROM `visitor_salts`;
--> statement-breakpoint
-- Admin sessions were stored under a plain hash of their token, which no key change could end.
DELETE FROM `sessions` WHERE `api_key_id` IS NULL;
