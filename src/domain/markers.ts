/**
 * Query keys linkpost itself puts on short links and never forwards to the destination:
 * `qr=1` marks a QR scan, `bio=1` an entry followed from a link-in-bio page.
 */
export const LINK_MARKERS: ReadonlySet<string> = new Set(['qr', 'bio']);

/** The source a bio page entry's clicks are recorded as. */
export const BIO_SOURCE = 'bio';

/** The source a short link request names itself: the bio marker, else its utm_source. */
export function requestedSource(query: URLSearchParams | null): string | null {
  if (!query) return null;
  if (query.get('bio') === '1') return BIO_SOURCE;
  return query.get('utm_source');
}
