import { createRequire } from 'node:module';
import pino from 'pino';
import type { Logger, LogLevel } from '../domain/index.js';

export interface NodeLoggerOptions {
  level?: LogLevel;
  /** Human-readable lines instead of JSON; the entry passes whether stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go; stdout by default. */
  destination?: NodeJS.WritableStream;
}

/**
 * The Node logger: pino, one JSON object a line with `time` (ISO), `level` (a word) and
 * `message`, written synchronously so a line logged just before an exit is not lost.
 */
export function createNodeLogger({
  level = 'info',
  pretty: readable = false,
  destination,
}: NodeLoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  // pino-pretty only for a terminal: a server logging JSON (and its click thread) never loads it.
  const stream = readable
    ? (createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty'))({
        sync: true,
        messageKey: 'message',
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        destination: destination ?? 1,
      })
    : (destination ?? pino.destination({ dest: 1, sync: true }));
  const p = pino(options, stream);
  return {
    debug: (message, fields) => p.debug(fields ?? {}, message),
    info: (message, fields) => p.info(fields ?? {}, message),
    warn: (message, fields) => p.warn(fields ?? {}, message),
    error: (message, fields) => p.error(fields ?? {}, message),
  };
}
