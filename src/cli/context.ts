import { parseConfig, type Config } from '../config.js';
import { createApiKeyStore, createLinkStore } from '../db/index.js';
import { createLinkCache, sha256Hex, type CoreDeps } from '../services/index.js';
import { openDatabase, type NodeDatabase } from '../node/sqlite.js';
import { customAlphabet } from 'nanoid';
import { RANDOM_SLUG_LENGTH } from '../domain/index.js';

/** Thrown for a user's mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface CliContext {
  config: Config;
  database: NodeDatabase;
  deps: CoreDeps;
  out: (line: string) => void;
}

/** The same services as the server, on the same database file. */
export async function openCli(
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<CliContext> {
  const config = parseConfig(env);
  const database = openDatabase(config.databasePath);
  const deps: CoreDeps = {
    links: createLinkStore(database.db),
    apiKeys: createApiKeyStore(database.db),
    clock: Date.now,
    linkCache: createLinkCache(),
    publicUrl: config.publicUrl,
    adminKeyHash: config.adminApiKey ? await sha256Hex(config.adminApiKey) : null,
    newSlug: customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', RANDOM_SLUG_LENGTH),
  };
  return { config, database, deps, out };
}

/** --name value / --name=value / positional arguments. */
/**
 * Positional arguments and flags (the last value of a flag wins); `lists` keeps every value of
 * a repeated flag, for those that may be given more than once (`--campaign a --campaign b`).
 */
export function parseArgs(argv: string[]): {
  positional: string[];
  flags: Record<string, string | true>;
  lists: Record<string, string[]>;
} {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  const lists: Record<string, string[]> = {};
  const set = (name: string, value: string | true) => {
    flags[name] = value;
    if (value !== true) (lists[name] ??= []).push(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) set(arg.slice(2, eq), arg.slice(eq + 1));
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) set(arg.slice(2), argv[++i]!);
      else set(arg.slice(2), true);
    } else positional.push(arg);
  }
  return { positional, flags, lists };
}

export function stringFlag(flags: Record<string, string | true>, name: string): string | undefined {
  const v = flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}
