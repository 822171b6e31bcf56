import { z } from 'zod';
import type { Visit } from '../domain/index.js';

/**
 * A visit as a Queue message: plain JSON, versioned, so a consumer deployed later can still
 * read what an older producer sent. It carries the client address, which exists only inside
 * the queue (Cloudflare keeps unconsumed messages up to the queue's retention period); the
 * consumer turns it into a visitor key and never stores it.
 */
export type QueuedVisit = z.infer<typeof queuedVisit>;

const nullableText = (max: number) => z.string().max(max).nullable();
/** Headers can be long; a message must stay far below the queue's 128 KB limit. */
const MAX_HEADER_TEXT = 4096;

const queuedVisit = z.object({
  v: z.literal(1),
  linkId: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  address: nullableText(64),
  userAgent: z.string().max(MAX_HEADER_TEXT),
  referrer: z.string().max(MAX_HEADER_TEXT),
  utmSource: nullableText(1024),
  qr: z.boolean(),
  prefetch: z.boolean(),
  location: z.object({ country: nullableText(64), region: nullableText(256), city: nullableText(256) }).nullable(),
});

export function toMessage(visit: Visit): QueuedVisit {
  return {
    v: 1,
    linkId: visit.linkId,
    at: visit.at,
    address: visit.address,
    // Cropped far above what is stored, so attribution still sees what matters.
    userAgent: visit.userAgent.slice(0, MAX_HEADER_TEXT),
    referrer: visit.referrer.slice(0, MAX_HEADER_TEXT),
    utmSource: visit.utmSource?.slice(0, 1024) ?? null,
    qr: visit.qr,
    prefetch: visit.prefetch,
    location: visit.location ?? null,
  };
}

/** The visit in a message, or null when the body is not one (dropped, never retried). */
export function fromMessage(body: unknown): Visit | null {
  const parsed = queuedVisit.safeParse(body);
  if (!parsed.success) return null;
  const { v: _version, location, ...rest } = parsed.data;
  return location ? { ...rest, location } : rest;
}
