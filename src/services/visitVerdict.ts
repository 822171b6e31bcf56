import type { Visit } from '../domain/index.js';
import { isBotAgent } from './userAgent.js';

/**
 * Whether a request to a short link is a visit to record: a GET. HEAD only asks about the link.
 * The app's redirect route and Node's fast path both ask this.
 */
export const recordsVisit = (method: string): boolean => method === 'GET';

/**
 * Whether a visit is a person's: no prefetch and no bot's user agent. The redirect asks it to
 * spend a limited link's budget, and capture stores its opposite as the click's bot flag.
 * `botAgent` lets capture pass its cached user-agent verdict.
 */
export function isHumanVisit(
  visit: Pick<Visit, 'userAgent' | 'prefetch'>,
  botAgent: (ua: string) => boolean = isBotAgent,
): boolean {
  return !visit.prefetch && !botAgent(visit.userAgent);
}
