/** What went wrong, in the domain's words; the HTTP layer maps each kind to a status once. */
export type ErrorKind =
  'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'too_large' | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new AppError('invalid', code, message, details);
export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
export const conflict = (code: string, message: string) => new AppError('conflict', code, message);
export const gone = (code: string, message: string) => new AppError('gone', code, message);
export const unauthorized = (message = 'A valid API key is required') =>
  new AppError('unauthorized', 'unauthorized', message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
