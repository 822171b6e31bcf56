/**
 * What startServer does before anything is served: lock and open the database, and listen.
 * A setting that cannot be used is a ConfigError naming it (DATABASE_PATH, HOST, PORT).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { dirname } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { ConfigError, type Config } from '../config.js';
import type { createFastRedirect } from './fastRedirect.js';
import { acquireServerLock, type ServerLock } from './serverLock.js';
import { openDatabase, type NodeDatabase } from './sqlite.js';

type FastRedirect = ReturnType<typeof createFastRedirect>;

/**
 * Slow clients must not hold sockets for long: Node's defaults wait 60 s for headers (checked
 * only every 30 s) and 300 s for a request. Real clients send headers in milliseconds and our
 * request bodies are at most 64 KB.
 */
export const SERVER_TIMEOUTS = {
  /** Whole request headers must arrive within this. */
  headersMs: 10_000,
  /** The whole request, body included. */
  requestMs: 30_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** No bytes either way for this long ends the socket (a stalled download too). */
  idleMs: 60_000,
  /** How often Node looks for sockets past headersMs or requestMs. */
  checkEveryMs: 1_000,
};

function invalidSetting(name: string, value: string | number, reason: string) {
  return new ConfigError(`Invalid setting ${name}=${JSON.stringify(String(value))}: ${reason}`);
}

/** The error's own code, or its cause's (drizzle wraps driver errors). */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

const PATH_PROBLEMS = new Set(['SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH']);

/**
 * The server lock, then openDatabase, with a folder or file that cannot be used reported as
 * DATABASE_PATH. The lock comes first: a second server must not even migrate the file.
 */
export function openSettingsDatabase(path: string): { database: NodeDatabase; lock: ServerLock } {
  let lock: ServerLock | null = null;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    lock = acquireServerLock(path);
    return { database: openDatabase(path), lock };
  } catch (err) {
    lock?.release();
    const code = errorCode(err);
    if ((err as NodeJS.ErrnoException).syscall === 'mkdir') {
      throw invalidSetting('DATABASE_PATH', path, `cannot create its folder (${code})`);
    }
    // Only what the path itself causes; a busy, full or corrupt database is not a bad setting.
    if (code !== undefined && PATH_PROBLEMS.has(code)) {
      const what = String((err as Error).message)
        .replace(/\s+/g, ' ')
        .trim();
      throw invalidSetting('DATABASE_PATH', path, `cannot open it: ${what} (${code})`);
    }
    throw err;
  }
}

/** Listens on HOST:PORT; an address or port that cannot be used is reported by its setting's name. */
export async function listen(
  fetch: Parameters<typeof getRequestListener>[0],
  fastRedirect: FastRedirect,
  { host, port }: Config,
) {
  // Four dotted numbers that are no IPv4 address (999.999.1.1) would otherwise go to DNS.
  if (/^[\d.]+$/.test(host) && !isIP(host)) throw invalidSetting('HOST', host, 'not a valid IP address');
  try {
    return await new Promise<Server>((resolve, reject) => {
      const app = getRequestListener(fetch, { hostname: host });
      // Cached live links are answered before the adapter builds a Request (fastRedirect.ts).
      const s = createServer(
        {
          headersTimeout: SERVER_TIMEOUTS.headersMs,
          requestTimeout: SERVER_TIMEOUTS.requestMs,
          connectionsCheckingInterval: SERVER_TIMEOUTS.checkEveryMs,
        },
        (req, res) => void (fastRedirect(req, res) || app(req, res)),
      );
      s.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
      // A socket with nothing moving either way (a client that stopped reading) is let go too.
      s.timeout = SERVER_TIMEOUTS.idleMs;
      s.listen(port, host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    const code = errorCode(err);
    const { syscall } = err as NodeJS.ErrnoException;
    if (syscall === 'getaddrinfo') throw invalidSetting('HOST', host, `cannot resolve it (${code})`);
    if (code === 'EADDRNOTAVAIL') throw invalidSetting('HOST', host, `not an address of this machine (${code})`);
    if (code === 'EADDRINUSE') throw invalidSetting('PORT', port, `already in use on ${host} (${code})`);
    if (code === 'EACCES') throw invalidSetting('PORT', port, `not allowed to listen on it (${code})`);
    throw err;
  }
}
