/** Who may see what: client report links and API keys, for the OpenAPI table in operations.ts. */
import { createKeyInput } from '../../services/apiKeys.js';
import { createReportBody } from '../../services/reportInput.js';
import * as K from './keyResponses.js';
import type { Operation } from './operations.js';
import * as P from './reportResponses.js';

export const ACCESS_OPERATIONS: Operation[] = [
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
];
