import type { LogFields, Logger, LogLevel } from '../domain/index.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** An error as a log field: its type, message and stack. */
function errorField(err: unknown) {
  return err instanceof Error ? { type: err.name, message: err.message, stack: err.stack } : { message: String(err) };
}

/**
 * The Workers logger: the same JSON lines as Node's (time, level, message, fields) through
 * console, which Workers Logs and `wrangler tail` collect.
 */
export function createConsoleLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => console.log(l),
): Logger {
  const line = (at: LogLevel) => (message: string, fields?: LogFields) => {
    if (RANK[at] < RANK[level]) return;
    const { err, ...rest } = fields ?? {};
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: at,
        message,
        ...rest,
        ...(err === undefined ? {} : { err: errorField(err) }),
      }),
    );
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
