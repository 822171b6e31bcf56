import { z } from 'zod';

/** The opaque cursor of a newest-first list: the id of the last row of the previous page. */
export const cursorField = z
  .string()
  .regex(/^\d+$/, 'cursor must come from a previous nextCursor')
  .transform(Number)
  .optional();

/**
 * Stores are asked for one row more than a page: its presence says another page exists, so
 * the last page never ends with an empty extra request.
 */
export function pageOf<T extends { id: number }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null };
}
