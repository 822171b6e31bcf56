import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createClickReader } from '../db/clickReader.js';
import { exportClicks, type CsvChunk } from '../services/exportClicks.js';
import { UsageError, type CliContext } from './context.js';
import { checkFlags, type Flags } from './links.js';
import { createProgress, type ProgressSink } from './progress.js';

const USAGE = `usage: export [--slug S] [--campaign C] [--network N] [--from DATE] [--to DATE] [--tz ZONE]
              [--bots include|exclude|only] [--out FILE|DIR/] [--no-bom]`;

const FILTERS = ['slug', 'campaign', 'network', 'from', 'to', 'tz', 'bots'] as const;

/** Writes every chunk, waiting whenever the stream's buffer is full; stops quietly on a closed pipe. */
async function writeChunks(out: Writable, chunks: AsyncGenerator<CsvChunk>, onRows: (n: number) => void) {
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (e: NodeJS.ErrnoException) => void (failure ??= e);
  out.on('error', onError);
  try {
    for await (const chunk of chunks) {
      if (failure) break;
      if (!out.write(chunk.text)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      onRows(chunk.rows);
    }
  } finally {
    await chunks.return(undefined);
    out.off('error', onError);
  }
  if (failure) throw failure;
}

/** --out FILE, or --out DIR/ to use the name the API would suggest. */
function targetPath(out: string, suggested: string): string {
  let isDir = out.endsWith('/');
  try {
    isDir ||= statSync(out).isDirectory();
  } catch {
    // A file that does not exist yet.
  }
  return isDir ? join(out, suggested) : out;
}

/** export [filters] [--out FILE]: every matching click as CSV, on stdout or into a file. */
export async function exportCommand(ctx: CliContext, args: string[], flags: Flags) {
  checkFlags(flags, { values: [...FILTERS, 'out'], booleans: ['no-bom'] }, USAGE, args);
  if (args.length) throw new UsageError(`unexpected argument "${args[0]}"\n${USAGE}`);
  const reader = createClickReader(ctx.database.db);
  const input = Object.fromEntries(FILTERS.filter((f) => flags[f] !== undefined).map((f) => [f, flags[f]]));
  // Parsed before anything is opened: bad filters leave no empty file behind.
  const { filename, filter, chunks } = exportClicks(
    { clickExport: reader, clock: ctx.deps.clock, publicUrl: ctx.deps.publicUrl },
    input,
    { bom: !flags['no-bom'] },
  );
  const stderr: ProgressSink = process.stderr;
  const progress = createProgress(stderr, stderr.isTTY ? await reader.count(filter) : null);

  if (typeof flags.out !== 'string') {
    await writeChunks(process.stdout, chunks, progress.add).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e; // the reader (head, a closed pager) had enough
    });
    const { rows, ms } = progress.finish();
    process.stderr.write(`Exported ${rows.toLocaleString('en-US')} clicks in ${(ms / 1000).toFixed(1)} s\n`);
    return;
  }

  // Written beside the target and renamed at the end: a failed export never leaves half a file.
  const path = targetPath(flags.out, filename);
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const file = createWriteStream(partial);
  try {
    await Promise.race([once(file, 'open'), once(file, 'error').then(([e]) => Promise.reject(e))]);
    await writeChunks(file, chunks, progress.add);
    file.end();
    await once(file, 'close');
    renameSync(partial, path);
  } catch (e) {
    file.destroy();
    rmSync(partial, { force: true });
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.syscall) throw new UsageError(`cannot write ${path}: ${err.code}`);
    throw e;
  }
  const { rows, ms } = progress.finish();
  ctx.out(`Exported ${rows.toLocaleString('en-US')} clicks to ${path} in ${(ms / 1000).toFixed(1)} s`);
}
