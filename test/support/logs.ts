import type { LogFields, Logger, LogLevel } from '../../src/domain/index.js';

export interface LogLine {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/** A Logger that keeps its lines, for tests that read what was logged. */
export function memoryLogger(): Logger & { lines: LogLine[]; messages(): string[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      void lines.push({ level, message, fields });
  return {
    lines,
    messages: () => lines.map((l) => l.message),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}
