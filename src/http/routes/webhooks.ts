import { Hono } from 'hono';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  redeliver,
  updateWebhook,
  webhookId,
  type WebhookDeps,
} from '../../services/webhooks.js';
import { readJson } from '../body.js';
import { deliveryView, webhookView } from '../webhookView.js';

/** /api/webhooks: receivers, their deliveries, and redelivery. */
export function webhookRoutes(deps: WebhookDeps) {
  return new Hono()
    .post('/', async (c) => {
      const hook = await createWebhook(deps, await readJson(c));
      // The only time the secret is shown: receivers need it to verify signatures.
      return c.json({ ...webhookView(hook), secret: hook.secret }, 201);
    })
    .get('/', async (c) => c.json({ webhooks: (await deps.webhooks.list()).map(webhookView) }))
    .get('/:webhookId', async (c) => c.json(webhookView(await getWebhook(deps, webhookId(c.req.param('webhookId'))))))
    .patch('/:webhookId', async (c) =>
      c.json(webhookView(await updateWebhook(deps, webhookId(c.req.param('webhookId')), await readJson(c)))),
    )
    .delete('/:webhookId', async (c) => {
      await deleteWebhook(deps, webhookId(c.req.param('webhookId')));
      return c.body(null, 204);
    })
    .get('/:webhookId/deliveries', async (c) =>
      c.json({ deliveries: (await listDeliveries(deps, webhookId(c.req.param('webhookId')))).map(deliveryView) }),
    )
    .post('/:webhookId/deliveries/:deliveryId/redeliver', async (c) => {
      const d = await redeliver(deps, webhookId(c.req.param('webhookId')), webhookId(c.req.param('deliveryId')));
      return c.json(deliveryView(d), 202);
    });
}
