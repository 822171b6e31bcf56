import type { Logger } from '../domain/index.js';

/** A `log(message, err?)` callback over the Logger, for code that reports one failure at a time. */
export const logLine =
  (logger: Logger) =>
  (message: string, err?: unknown): void =>
    err === undefined ? logger.warn(message) : logger.error(message, { err });
