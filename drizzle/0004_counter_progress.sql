CREATE TABLE `counter_progress` (
	`id` integer PRIMARY KEY NOT NULL,
	`through_click_id` integer NOT NULL
);
--> statement-breakpoint
-- Added by hand: until now every click was counted in its own transaction, so all are counted.
INSERT INTO counter_progress (id, through_click_id) SELECT 1, coalesce(max(id), 0) FROM clicks;
