/**
 * Every operation under /api, with the schemas that check its input (the services' own) and
 * those of its answers. The document is generated from this table, and a test holds the table
 * to the routes the app really answers.
 */
import { z } from 'zod';
import { createBioPageInput, updateBioPageInput } from '../../services/bioPageInput.js';
import { compareInput } from '../../services/compareStats.js';
import { bioPageStatsInput } from '../../services/getBioPageStats.js';
import { MAX_BULK_LINKS } from '../../services/createLinks.js';
import { exportClicksInput } from '../../services/exportClicks.js';
import { statsInput } from '../../services/getStats.js';
import { createLinkInput, listLinksInput, updateLinkInput } from '../../services/linkInput.js';
import { campaignsInput } from '../../services/listCampaigns.js';
import { listClicksInput } from '../../services/listClicks.js';
import { qrCodeInput } from '../../services/qrCode.js';
import { signInInput } from '../../services/sessions.js';
import { MAX_BULK_BODY_BYTES } from '../limits.js';
import * as B from './bioPageResponses.js';
import * as P from './reportResponses.js';
import { createReportBody } from '../../services/reportInput.js';
import * as R from './responses.js';
import * as I from './insightResponses.js';
import * as K from './keyResponses.js';
import { createKeyInput } from '../../services/apiKeys.js';
import { heatmapInput } from '../../services/getHeatmap.js';
import { timingInput } from '../../services/timingInput.js';
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
const handleParam = {
  handle: z.string().meta({ description: 'The bio page’s handle (case-sensitive), as in /@handle' }),
};
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
  {
    method: 'get',
    path: '/api/stats',
    tag: 'Analytics',
    summary: 'Totals, a series and breakdowns, from the counters',
    query: statsInput,
    injected: ['now'],
    answers: { 200: { description: 'Analytics for the range', schema: R.stats } },
  },
  {
    method: 'get',
    path: '/api/stats/compare',
    tag: 'Analytics',
    summary: 'Posts, campaigns or networks side by side, aligned at posting time',
    query: compareInput,
    answers: { 200: { description: 'One series per post or group', schema: R.comparison } },
  },
  {
    method: 'get',
    path: '/api/stats/heatmap',
    tag: 'Analytics',
    summary: 'Clicks per local weekday and hour, as they came or by posting time (metric=first24h)',
    query: heatmapInput,
    injected: ['now'],
    answers: { 200: { description: '168 cells, Monday 0', schema: I.heatmap } },
  },
  {
    method: 'get',
    path: '/api/stats/lifetime',
    tag: 'Analytics',
    summary: 'How each post posted in the range lived: first hour, day, 3 days, week, peak and half-life',
    query: timingInput,
    injected: ['now'],
    answers: { 200: { description: 'Posts and medians per network', schema: I.lifetime } },
  },
  {
    method: 'get',
    path: '/api/insights',
    tag: 'Analytics',
    summary: 'Recommendations and warnings with their evidence and confidence',
    query: timingInput,
    injected: ['now'],
    answers: { 200: { description: 'Statements, recommendations first', schema: I.insightList } },
  },
  {
    method: 'get',
    path: '/api/campaigns',
    tag: 'Analytics',
    summary: 'Campaigns with their posts, clicks and best network',
    query: campaignsInput,
    injected: ['now'],
    answers: { 200: { description: 'One row per campaign', schema: R.campaignList } },
  },
  {
    method: 'post',
    path: '/api/bio-pages',
    tag: 'Bio pages',
    summary: 'Create a link-in-bio page from existing links',
    body: createBioPageInput,
    answers: { 201: { description: 'Created', schema: B.bioPageBody } },
  },
  {
    method: 'get',
    path: '/api/bio-pages',
    tag: 'Bio pages',
    summary: 'Every bio page, oldest first',
    answers: { 200: { description: 'The pages', schema: B.bioPageList } },
  },
  {
    method: 'get',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Read a bio page, with every entry and its state',
    answers: { 200: { description: 'The page', schema: B.bioPageBody } },
  },
  {
    method: 'patch',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Edit a bio page; links replaces the entries',
    body: updateBioPageInput,
    answers: { 200: { description: 'The edited page', schema: B.bioPageBody } },
  },
  {
    method: 'delete',
    path: '/api/bio-pages/{handle}',
    tag: 'Bio pages',
    summary: 'Delete a bio page and its views (the links stay)',
    answers: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/bio-pages/{handle}/stats',
    tag: 'Bio pages',
    summary: 'A bio page’s views and its entries’ clicks from the page',
    query: bioPageStatsInput,
    answers: { 200: { description: 'Views per day and clicks per entry', schema: B.bioPageStats } },
  },
  ...WEBHOOK_OPERATIONS,
  {
    method: 'post',
    path: '/api/reports',
    tag: 'Reports',
    summary: 'Create a client report link for a campaign or up to 50 posts',
    body: createReportBody,
    answers: { 201: { description: 'Created; `url` holds the token and is shown once', schema: P.reportCreated } },
  },
  {
    method: 'get',
    path: '/api/reports',
    tag: 'Reports',
    summary: 'Every report link, newest first (never their tokens)',
    answers: { 200: { description: 'The reports', schema: P.reportList } },
  },
  {
    method: 'delete',
    path: '/api/reports/{id}',
    tag: 'Reports',
    summary: 'Revoke a report link: its page answers 404 from then on',
    answers: { 204: { description: 'Revoked' } },
    errors: { 404: 'No report has this id' },
  },
  {
    method: 'post',
    path: '/api/keys',
    tag: 'Keys',
    summary: 'Create an API key with scopes, optionally limited to campaigns (admin)',
    body: createKeyInput,
    answers: { 201: { description: 'Created: the key is in this answer only', schema: K.keyCreated } },
  },
  {
    method: 'get',
    path: '/api/keys',
    tag: 'Keys',
    summary: 'Every API key, revoked ones too, never the key itself (admin)',
    answers: { 200: { description: 'The keys, oldest first', schema: K.keyList } },
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    tag: 'Keys',
    summary: 'Revoke an API key; its dashboard sessions end with it (admin)',
    answers: { 204: { description: 'Revoked' } },
    errors: { 404: 'No active key has this id' },
  },
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
