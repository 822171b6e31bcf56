/** How much a log line matters; `debug` lines are off unless LOG_LEVEL asks for them. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Extra fields of a log line. `err` is an error (logged with its message, and its stack the
 * first time); `requestId` ties the line to a request. Never a secret or a client address.
 */
export type LogFields = { err?: unknown; requestId?: string } & Record<string, unknown>;

/** Where the core writes what an operator should see: one JSON object a line on every runtime. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const nothing = () => {};

/** A logger that writes nothing: the default of tests and embedded uses. */
export const silentLogger: Logger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
