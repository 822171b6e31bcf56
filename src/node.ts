/**
 * Node entry: settings from process.env, the embedded SQLite database, graceful shutdown.
 * Everything else is the shared app.
 */
import { ConfigError, parseConfig } from './config.js';
import { startServer } from './node/server.js';

async function main() {
  const config = parseConfig(process.env);
  const server = await startServer(config);
  // Handlers first: a SIGTERM sent the moment the listening line appears must not find the
  // default action (instant exit, clicks unsaved).
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests and saving clicks…`);
    server.close().then(
      () => {
        console.log('linkpost stopped cleanly');
        process.exit(0);
      },
      (err) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // One write, so whoever waits for the "listening" line also has the key.
  const lines = [`linkpost listening on ${server.url} (database ${config.databasePath})`];
  lines.push(`Dashboard: ${config.publicUrl}/dashboard/`);
  if (server.firstKey) {
    lines.push('', 'First start: created an API key. It is shown only this once, so keep it:', '', `  ${server.firstKey}`, '');
  } else {
    lines.push('Sign in with an API key; make one with: npm run cli -- keys create --name <name>');
  }
  console.log(lines.join('\n'));
}

main().catch((err) => {
  // A bad setting, whether parsing found it or opening the database or listening did: one line.
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('linkpost failed to start:', err);
  process.exit(1);
});
