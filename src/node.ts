/**
 * Node entry: settings from process.env, the embedded SQLite database, JSON logs, graceful
 * shutdown. Everything else is the shared app.
 */
import { ConfigError, parseConfig } from './config.js';
import { createNodeLogger } from './node/logger.js';
import { ServerLockError } from './node/serverLock.js';
import { startServer } from './node/server.js';

async function main() {
  const config = parseConfig(process.env);
  // JSON lines for log collectors; readable lines when a person watches a terminal.
  const pretty = process.stdout.isTTY === true;
  const logger = createNodeLogger({ level: config.logLevel, pretty });
  const server = await startServer(config, logger, pretty);
  // Handlers first: a SIGTERM sent the moment the listening line appears must not find the
  // default action (instant exit, clicks unsaved).
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('finishing requests and saving clicks', { signal });
    server.close().then(
      () => {
        logger.info('linkpost stopped cleanly');
        process.exit(0);
      },
      (err) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  if (server.firstKey) {
    // The one secret linkpost ever shows, once, to whoever started it: plain text, never a log
    // line, and before the listening line so whoever waits for that line also has the key.
    process.stdout.write(
      `\nFirst start: created an API key. It is shown only this once, so keep it:\n\n  ${server.firstKey}\n\n`,
    );
  }
  logger.info(`linkpost listening on ${server.url}`, {
    url: server.url,
    database: config.databasePath,
    dashboard: `${config.publicUrl}/dashboard/`,
    clickRetentionDays: config.clickRetentionDays,
  });
  if (!server.firstKey) logger.info('sign in with an API key; make one with: npm run cli -- keys create --name <name>');
}

main().catch((err) => {
  // A bad setting, a second server, or a database that cannot be opened: one line.
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof ServerLockError) {
    console.error(err.message);
    process.exit(1);
  }
  const code = (err as { code?: unknown })?.code;
  console.error(
    `linkpost failed to start: ${err instanceof Error ? err.message : String(err)}${typeof code === 'string' ? ` (${code})` : ''}`,
  );
  process.exit(1);
});
