import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { UsageError, type CliContext } from './context.js';

/**
 * backup PATH: SQLite's online backup of the live database into a new file, page by page, so a
 * running server keeps answering and writing meanwhile; then an integrity check of the copy.
 * An existing file is never overwritten; a missing folder is created.
 */
export async function backupCommand(ctx: CliContext, args: string[], flags: Record<string, string | true>) {
  if (args.length !== 1 || Object.keys(flags).length > 0) throw new UsageError('usage: backup PATH');
  const target = resolve(args[0]!);
  if (existsSync(target)) throw new UsageError(`${target} already exists; give a new file name`);
  if (target === resolve(ctx.config.databasePath))
    throw new UsageError('the backup must be another file than DATABASE_PATH');
  mkdirSync(dirname(target), { recursive: true });
  const started = Date.now();
  // Large steps: a step that a writer interrupts starts over, and small ones under steady clicks might never end.
  await ctx.database.sqlite.backup(target, { progress: () => 1_000_000 });
  const copy = new Sqlite(target, { readonly: true });
  try {
    const problems = copy.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const verdict = problems.map((p) => p.integrity_check);
    if (verdict.length !== 1 || verdict[0] !== 'ok')
      throw new Error(`the copy at ${target} failed its integrity check: ${verdict.slice(0, 5).join('; ')}`);
    const links = copy.prepare('SELECT count(*) FROM links').pluck().get() as number;
    const clicks = copy.prepare('SELECT count(*) FROM clicks').pluck().get() as number;
    ctx.out(
      `Backed up ${links.toLocaleString('en-US')} links and ${clicks.toLocaleString('en-US')} clicks to ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s; integrity check: ok.`,
    );
  } finally {
    copy.close();
  }
}
