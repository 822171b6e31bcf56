import type { VisitsMessage } from './visitMessage.js';

/**
 * What wrangler.toml and the dashboard bind to the Worker. Settings arrive here per request,
 * never through process.env.
 */
export interface Env {
  /** The D1 database ([[d1_databases]] binding "DB"). */
  DB: D1Database;
  /** The dashboard files from public/ ([assets] binding "ASSETS"). */
  ASSETS: Fetcher;
  /** Optional: redirects enqueue visits here and the queue() handler writes them in batches. */
  CLICKS_QUEUE?: Queue<VisitsMessage>;
  /** Base of short URLs; defaults to the origin each request arrived on. */
  PUBLIC_URL?: string;
  /** A key accepted besides stored ones; set with `wrangler secret put ADMIN_API_KEY`. */
  ADMIN_API_KEY?: string;
  /**
   * Required: seals the daily visitor salts in D1 and keys the rate limits' client tags
   * (32+ characters; `wrangler secret put VISITOR_SECRET`). Changing it starts the day's uniques over.
   */
  VISITOR_SECRET?: string;
  /** Requests per minute per API key; 0 turns the limit off. */
  API_RATE_LIMIT?: string;
  /** Keep raw clicks this many days; the cron trigger deletes older ones. */
  CLICK_RETENTION_DAYS?: string;
  WEBHOOK_ALLOW_PRIVATE?: string;
}
