/** Request bodies the API reads: small for every route, larger for bulk creation. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Bulk creation takes up to 1,000 link bodies: 2 MB leaves each about 2 KB. */
export const MAX_BULK_BODY_BYTES = 2 * 1024 * 1024;
