import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every server process a test starts leaves its output here; the run's teardown reads it all. */
export const LOG_DIR = fileURLToPath(new URL('../artifacts/server-logs/', import.meta.url));

let n = 0;

/** Keeps one process's whole output (stdout and stderr) for the end-of-run privacy check. */
export function archiveLog(kind: string, text: string) {
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(join(LOG_DIR, `${kind}-${process.pid}-${++n}.log`), text);
}

export function archiveCount(): number {
  try {
    return readdirSync(LOG_DIR).length;
  } catch {
    return 0;
  }
}

export function clearArchive() {
  rmSync(LOG_DIR, { recursive: true, force: true });
}

/** The one secret linkpost prints by design: the first start's key, once, as plain text. */
const FIRST_KEY_BLOCK = /First start: created an API key\. It is shown only this once, so keep it:\s+lp_\S+/g;
/** Any IPv4 address but loopback and the wildcard (the server's own listening line). */
const ADDRESS = /\b(?!127\.0\.0\.1\b|0\.0\.0\.0\b)(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
/** Documentation IPv6 addresses the tests use, and any linkpost key or test admin key. */
const SECRETS = [
  /2001:db8:[0-9a-f:]*/gi,
  /\blp_[A-Za-z0-9]{8}_[A-Za-z0-9]+/g,
  /admin-key-for-[\w-]+/g,
  /lp_session=[^;\s"]+/g,
];

/** What the archived logs hold that they never may: client addresses, keys, session tokens. */
export function leaksInArchive(): string[] {
  let files: string[];
  try {
    files = readdirSync(LOG_DIR);
  } catch {
    return [];
  }
  const leaks: string[] = [];
  for (const file of files) {
    // A refused setting names the operator's own value (HOST=203.0.113.7): no client's address.
    const text = readFileSync(join(LOG_DIR, file), 'utf8')
      .replace(FIRST_KEY_BLOCK, '')
      .replace(/^Invalid setting (?!ADMIN_API_KEY).*$/gm, '');
    for (const pattern of [ADDRESS, ...SECRETS]) {
      for (const m of text.matchAll(pattern)) leaks.push(`${file}: ${m[0]}`);
    }
  }
  return leaks;
}
