/**
 * Every operation under /api, with the schemas that check its input (the services' own) and
 * those of its answers. The document is generated from this table, and a test holds the table
 * to the routes the app really answers.
 */
import { z } from 'zod';
import { MAX_BULK_LINKS } from '../../services/createLinks.js';
import { exportClicksInput } from '../../services/exportClicks.js';
import { statsInput } from '../../services/getStats.js';
import { createLinkInput, listLinksInput, updateLinkInput } from '../../services/linkInput.js';
import { listClicksInput } from '../../services/listClicks.js';
import { qrCodeInput } from '../../services/qrCode.js';
import { signInInput } from '../../services/sessions.js';
import { MAX_BULK_BODY_BYTES } from '../limits.js';
import * as R from './responses.js';
import { ACCESS_OPERATIONS } from './accessOperations.js';
import { ANALYTICS_OPERATIONS } from './analyticsOperations.js';
import { BIO_PAGE_OPERATIONS, handleParam } from './bioPageOperations.js';
import { WEBHOOK_OPERATIONS, WEBHOOK_PATH_PARAMS } from './webhookOperations.js';

export interface Answer {
  description: string;
  /** A JSON body; absent for 204. */
  schema?: z.ZodType;
  /** A CSV file instead of JSON. */
  csv?: true;
  /** An image of this media type instead of JSON. */
  image?: 'image/svg+xml' | 'image/png';
}

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** As OpenAPI writes it: /api/links/{slug}. */
  path: string;
  summary: string;
  tag:
    | 'Links'
    | 'Clicks'
    | 'Analytics'
    | 'Export'
    | 'Session'
    | 'Reference'
    | 'Bio pages'
    | 'Reports'
    | 'Webhooks'
    | 'Keys';
  /** Whether an API key (or a session cookie) is needed; true unless said. */
  auth?: boolean;
  query?: z.ZodType;
  /** Input fields the route fills in itself, not the caller (the clock's `now`). */
  injected?: string[];
  body?: z.ZodType;
  /** The body limit when it is not the API's 64 KB. */
  maxBodyBytes?: number;
  answers: Record<number, Answer>;
  /** Error statuses beyond those every operation of its kind has (400, 401, 404, 409, 413). */
  errors?: Record<number, string>;
}

const slugParam = { slug: z.string().meta({ description: 'The short link’s slug (case-sensitive)' }) };
const bulkBody = z.object({ links: z.array(createLinkInput).min(1).max(MAX_BULK_LINKS) }).strict();

export const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/session',
    tag: 'Session',
    auth: false,
    summary: 'Sign in with an API key (sets the session cookie)',
    body: signInInput,
    answers: { 201: { description: 'Signed in', schema: R.session } },
    errors: { 401: 'The key is wrong or revoked' },
  },
  {
    method: 'get',
    path: '/api/session',
    tag: 'Session',
    auth: false,
    summary: 'Whether this browser is signed in',
    answers: { 200: { description: 'The session, or signedIn: false', schema: R.sessionState } },
  },
  {
    method: 'delete',
    path: '/api/session',
    tag: 'Session',
    auth: false,
    summary: 'Sign out',
    answers: { 204: { description: 'Signed out' } },
    errors: { 403: 'A signed-in browser sent no valid X-CSRF-Token' },
  },
  {
    method: 'post',
    path: '/api/links',
    tag: 'Links',
    summary: 'Create a post’s short link',
    body: createLinkInput,
    answers: { 201: { description: 'Created', schema: R.linkBody } },
  },
  {
    method: 'get',
    path: '/api/links',
    tag: 'Links',
    summary: 'List posts, newest first',
    query: listLinksInput,
    answers: { 200: { description: 'A page of links', schema: R.linkList } },
  },
  {
    method: 'post',
    path: '/api/links/bulk',
    tag: 'Links',
    summary: 'Create up to 1,000 posts at once, all or none',
    query: z.object({
      dryRun: z.enum(['true', 'false']).optional().meta({ description: 'Check every row and create nothing' }),
    }),
    body: bulkBody,
    maxBodyBytes: MAX_BULK_BODY_BYTES,
    answers: {
      201: { description: 'All created, in the order given', schema: R.bulkCreated },
      200: { description: 'Dry run: every row is valid; nothing was created', schema: R.bulkPreview },
    },
  },
  {
    method: 'get',
    path: '/api/links/{slug}',
    tag: 'Links',
    summary: 'Read a post',
    answers: { 200: { description: 'The link', schema: R.linkBody } },
  },
  {
    method: 'get',
    path: '/api/links/{slug}/qr.svg',
    tag: 'Links',
    summary: 'The post’s QR code as SVG (its short URL with ?qr=1)',
    query: qrCodeInput,
    answers: { 200: { description: 'An SVG image', image: 'image/svg+xml' } },
  },
  {
    method: 'get',
    path: '/api/links/{slug}/qr.png',
    tag: 'Links',
    summary: 'The post’s QR code as PNG (Node; Workers draw SVG only)',
    query: qrCodeInput,
    answers: { 200: { description: 'A PNG image', image: 'image/png' } },
  },
  {
    method: 'patch',
    path: '/api/links/{slug}',
    tag: 'Links',
    summary: 'Edit a post',
    body: updateLinkInput,
    answers: { 200: { description: 'The edited link', schema: R.linkBody } },
  },
  {
    method: 'delete',
    path: '/api/links/{slug}',
    tag: 'Links',
    summary: 'Delete a post and its clicks',
    answers: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/clicks',
    tag: 'Clicks',
    summary: 'Stored clicks, newest first',
    query: listClicksInput,
    answers: { 200: { description: 'A page of clicks', schema: R.clickList } },
  },
  {
    method: 'get',
    path: '/api/clicks.csv',
    tag: 'Export',
    summary: 'Every click of a filter as a CSV file, streamed',
    query: exportClicksInput,
    answers: { 200: { description: 'CSV, one row per click', csv: true } },
  },
  {
    method: 'get',
    path: '/api/stats.csv',
    tag: 'Export',
    summary: 'One row per post with its totals, as a CSV file',
    query: statsInput,
    injected: ['now'],
    answers: { 200: { description: 'CSV, one row per post', csv: true } },
  },
  ...ANALYTICS_OPERATIONS,
  ...BIO_PAGE_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...ACCESS_OPERATIONS,
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'Reference',
    auth: false,
    summary: 'This document',
    answers: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  },
];

/** Path parameters by name, for the paths that have them. */
const idParam = {
  id: z
    .string()
    .regex(/^\d+$/)
    .meta({ description: 'The key’s or report’s id, as GET /api/keys or /api/reports lists it' }),
};
export const PATH_PARAMS: Record<string, z.ZodType> = {
  ...slugParam,
  ...handleParam,
  ...idParam,
  ...WEBHOOK_PATH_PARAMS,
};
