/**
 * Counting requests per client or per key in a sliding window: two fixed windows, the
 * previous one weighted by how much of it still overlaps the last `windowMs`. Exact enough for
 * limits, and one small row per client whatever the traffic.
 */
export interface ThrottleState {
  /** Start of the current fixed window (a multiple of the window length). */
  windowStart: number;
  /** Events in the current window. */
  count: number;
  /** Events in the window before it. */
  previous: number;
  /** Refused until this instant (failed sign-ins only); 0 when not blocked. */
  blockedUntil: number;
  /** Blocks in a row: each one lasts twice the one before. */
  strikes: number;
  /** When this client's failures were last logged, so the log gets one line per window. */
  loggedAt: number;
}

export const NO_THROTTLE: ThrottleState = {
  windowStart: 0,
  count: 0,
  previous: 0,
  blockedUntil: 0,
  strikes: 0,
  loggedAt: 0,
};

/** Where throttle states live: memory on Node, a D1 table on Workers (shared by isolates). */
export interface ThrottleStore {
  /** The state under `key`, or null when there is none or it expired. */
  get(key: string, now: number): Promise<ThrottleState | null>;
  /**
   * Replaces the state under `key` with what `change` makes of the current one (null: no
   * write). Atomic in memory; on D1 a read then a write, so isolates racing may lose a count.
   */
  update(
    key: string,
    now: number,
    change: (current: ThrottleState | null) => { state: ThrottleState; expiresAt: number } | null,
  ): Promise<ThrottleState | null>;
  /** Forgets expired states. */
  prune(now: number): Promise<void>;
}

/** The state with its windows moved on to the one holding `now`. */
export function rollWindow(state: ThrottleState, now: number, windowMs: number): ThrottleState {
  const start = now - (now % windowMs);
  if (state.windowStart === start) return state;
  const previous = state.windowStart === start - windowMs ? state.count : 0;
  return { ...state, windowStart: start, count: 0, previous };
}

/** Events in the `windowMs` before `now` (state already rolled to now). */
export function windowEstimate(state: ThrottleState, now: number, windowMs: number): number {
  const overlap = 1 - (now - state.windowStart) / windowMs;
  return state.previous * overlap + state.count;
}

/** How long until the estimate drops below `limit` if nothing more happens (state rolled to now). */
export function msUntilBelow(state: ThrottleState, now: number, windowMs: number, limit: number): number {
  if (windowEstimate(state, now, windowMs) < limit) return 0;
  const { windowStart: start, count, previous } = state;
  // This window: previous × (1 − (t − start) / W) + count falls below the limit…
  let t = count < limit && previous > 0 ? start + windowMs * (1 - (limit - count) / previous) : Infinity;
  // …or, in the next one, count × (1 − (t − start − W) / W) does.
  if (t >= start + windowMs) t = start + windowMs + (count < limit ? 0 : windowMs * (1 - limit / count));
  return Math.max(1, Math.floor(t - now) + 1);
}
