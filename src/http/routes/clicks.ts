import { Hono } from 'hono';
import { rawClicksFrom, type ClickReader, type ClickRow, type Clock } from '../../domain/index.js';
import { listClicks } from '../../services/listClicks.js';
import { scoped } from '../access.js';
import type { ClickBody } from '../openapi/responses.js';

/** A stored click as the API shows it. */
export function clickView(c: ClickRow): ClickBody {
  return {
    id: c.id,
    clickedAt: new Date(c.clickedAt).toISOString(),
    slug: c.slug,
    campaign: c.campaign,
    network: c.network,
    source: c.source,
    referrer: c.referrer,
    referrerHost: c.referrerHost,
    device: c.device,
    os: c.os,
    browser: c.browser,
    country: c.country,
    region: c.region,
    city: c.city,
    bot: c.bot,
    visitor: c.visitor,
    qr: c.qr,
  };
}

/**
 * GET /api/clicks: the raw click log, filtered and paged. `rawClicksFrom` says where raw
 * clicks start under CLICK_RETENTION_DAYS (null: all are kept), so the dashboard can say so.
 */
export function clickRoutes(deps: {
  clicks: Pick<ClickReader, 'list'>;
  clock: Clock;
  clickRetentionDays?: number | null;
}) {
  return new Hono().get('/', async (c) => {
    const { clicks, nextCursor } = await listClicks(scoped(c, deps), c.req.query());
    const days = deps.clickRetentionDays ?? null;
    const from = days === null ? null : new Date(rawClicksFrom(deps.clock(), days)).toISOString();
    return c.json({ clicks: clicks.map(clickView), nextCursor, rawClicksFrom: from });
  });
}
