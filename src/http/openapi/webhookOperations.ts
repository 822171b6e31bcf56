import { z } from 'zod';
import { createWebhookInput, updateWebhookInput } from '../../services/webhookInput.js';
import type { Operation } from './operations.js';
import * as W from './webhookResponses.js';

export const WEBHOOK_PATH_PARAMS: Record<string, z.ZodType> = {
  webhookId: z.string().regex(/^\d+$/).meta({ description: 'The webhook’s id' }),
  deliveryId: z.string().regex(/^\d+$/).meta({ description: 'The delivery’s id' }),
};

/** /api/webhooks: receivers, their deliveries, redelivery. */
export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/webhooks',
    tag: 'Webhooks',
    summary: 'Register a receiver; the answer holds its signing secret, once',
    body: createWebhookInput,
    answers: { 201: { description: 'Created', schema: W.createdWebhook } },
  },
  {
    method: 'get',
    path: '/api/webhooks',
    tag: 'Webhooks',
    summary: 'Every webhook, oldest first (no secrets)',
    answers: { 200: { description: 'The webhooks', schema: W.webhookList } },
  },
  {
    method: 'get',
    path: '/api/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Read a webhook',
    answers: { 200: { description: 'The webhook', schema: W.webhookBody } },
  },
  {
    method: 'patch',
    path: '/api/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Change a webhook’s URL, events, campaigns or zone',
    body: updateWebhookInput,
    answers: { 200: { description: 'The edited webhook', schema: W.webhookBody } },
  },
  {
    method: 'delete',
    path: '/api/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Delete a webhook and its deliveries',
    answers: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/api/webhooks/{webhookId}/deliveries',
    tag: 'Webhooks',
    summary: 'The latest 100 deliveries, newest first, with status and attempts',
    answers: { 200: { description: 'Deliveries', schema: W.deliveryList } },
  },
  {
    method: 'post',
    path: '/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    tag: 'Webhooks',
    summary: 'Send a delivery again as the same message',
    answers: { 202: { description: 'Queued again', schema: W.deliveryBody } },
  },
];
