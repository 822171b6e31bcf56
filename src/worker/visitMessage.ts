import { z } from 'zod';
import type { Visit } from '../domain/index.js';

/**
 * Visits as Queue messages: plain JSON, versioned, so a consumer deployed later can still read
 * what an older producer sent. v:1 is one visit (older producers); v:2 carries several, so a
 * queue batch of 100 messages holds many more visits and D1 gets fewer writes per click. A
 * visit carries the client address, which exists only inside the queue (Cloudflare keeps
 * unconsumed messages up to the queue's retention period); the consumer turns it into a
 * visitor key and never stores it.
 */
export type QueuedVisits = { v: 2; visits: VisitEntry[] };
/** A message from an older producer: one visit. */
export type QueuedVisit = z.infer<typeof queuedVisit>;
/** What the queue holds: either version. */
export type VisitsMessage = QueuedVisits | QueuedVisit;
type VisitEntry = z.infer<typeof visitEntry>;

const nullableText = (max: number) => z.string().max(max).nullable();
/** Headers can be long; a message must stay far below the queue's 128 KB limit. */
const MAX_HEADER_TEXT = 4096;
/** Visits a v:2 message holds at most, so a queue batch (100 messages) stays one sane D1 write. */
export const MAX_MESSAGE_VISITS = 100;
/**
 * A message's JSON bytes at most: the queue allows 128 KB (of 1,000 bytes) including about
 * 100 bytes of its own; this leaves room for our estimate's slack.
 */
export const MAX_MESSAGE_BYTES = 100_000;

const visitEntry = z.object({
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
const queuedVisit = visitEntry.extend({ v: z.literal(1) });
const queuedVisits = z.object({ v: z.literal(2), visits: z.array(visitEntry).min(1).max(MAX_MESSAGE_VISITS) });

function toEntry(visit: Visit): VisitEntry {
  return {
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

/** A message's visits and a bound on its JSON's UTF-8 bytes. */
export interface SizedMessage {
  body: QueuedVisits;
  visits: Visit[];
  bytes: number;
}

/** The frame around a v:2 message's visits: `{"v":2,"visits":[]}`. */
const FRAME_BYTES = 20;

/**
 * Visits as v:2 messages, in order, each within MAX_MESSAGE_VISITS and MAX_MESSAGE_BYTES.
 * Bytes are bounded by three per UTF-16 unit of each visit's JSON (escaping is in the JSON already).
 */
export function toMessages(visits: readonly Visit[]): SizedMessage[] {
  const messages: SizedMessage[] = [];
  let current: SizedMessage | null = null;
  for (const visit of visits) {
    const entry = toEntry(visit);
    const bytes = 3 * JSON.stringify(entry).length + 1;
    if (!current || current.visits.length >= MAX_MESSAGE_VISITS || current.bytes + bytes > MAX_MESSAGE_BYTES) {
      current = { body: { v: 2, visits: [] }, visits: [], bytes: FRAME_BYTES };
      messages.push(current);
    }
    current.body.visits.push(entry);
    current.visits.push(visit);
    current.bytes += bytes;
  }
  return messages;
}

const toVisit = ({ location, ...rest }: VisitEntry): Visit => (location ? { ...rest, location } : rest);

/** The visits in a message of either version, or null when the body is not one (dropped, never retried). */
export function fromMessage(body: unknown): Visit[] | null {
  const version = (body as { v?: unknown } | null)?.v;
  if (version === 2) {
    const parsed = queuedVisits.safeParse(body);
    return parsed.success ? parsed.data.visits.map(toVisit) : null;
  }
  const parsed = queuedVisit.safeParse(body);
  if (!parsed.success) return null;
  const { v: _version, ...entry } = parsed.data;
  return [toVisit(entry)];
}

/** Queues take at most 100 messages and 256 KB in one sendBatch. */
const MAX_SEND_MESSAGES = 100;
const MAX_SEND_BYTES = 200_000;

/** One sendBatch call's argument: the messages' bodies as JSON. */
export const sendBatchOf = (batch: readonly SizedMessage[]) =>
  batch.map((m) => ({ body: m.body, contentType: 'json' as const }));

/** Messages cut into sendBatch calls within the queue's limits, in order. */
export function sendBatches(messages: readonly SizedMessage[]): SizedMessage[][] {
  const batches: SizedMessage[][] = [];
  let current: SizedMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length > 0 && (current.length >= MAX_SEND_MESSAGES || bytes + message.bytes > MAX_SEND_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
