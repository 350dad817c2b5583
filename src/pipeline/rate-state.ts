import { keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';

interface State {
  nextAllowedAt: number;
  /** The end of the waiting line: the turn the next delivery to wait gets. */
  nextTicketAt?: number;
}

export interface Turn {
  waitSeconds: number;
  /** The turn held in the line (carried by the requeued job). */
  ticketAt?: number;
}

/**
 * Per-target rate state in storage (not memory: consumers run in parallel invocations). While a
 * target is throttled, deliveries queue up: each takes a turn `spacingMs` after the previous one
 * and comes back then, once, instead of a herd that wakes together, jumps the line and spends the
 * queue's 500-events-a-minute budget. Newcomers join the end of the line while it lasts. (Two
 * consumers may draw the same turn: harmless, the later one simply waits again.)
 */
export class RateState {
  constructor(private readonly store: Store) {}

  /** Whether a delivery may call its target now, or how long to wait for its turn. */
  async turn(targetId: string, now: number, spacingMs: number, held?: number): Promise<Turn> {
    const state = await this.store.get<State>(keys.rate(targetId));
    if (!state) return { waitSeconds: 0 };
    const throttled = state.nextAllowedAt > now;
    const line = (state.nextTicketAt ?? 0) > now;
    if (!throttled && (!line || (held !== undefined && held <= now + 1000))) return { waitSeconds: 0 };
    if (held !== undefined && held > now + 1000) return { waitSeconds: seconds(held - now), ticketAt: held };
    if (held !== undefined && throttled)
      return { waitSeconds: seconds(state.nextAllowedAt - now), ticketAt: state.nextAllowedAt };
    return this.ticket(targetId, state, now, spacingMs);
  }

  /**
   * The target is busy until `nextAllowedAt`. A delivery that already held a turn keeps its place
   * at the front (it came a little early); any other joins the end of the line.
   */
  async throttle(
    targetId: string,
    nextAllowedAt: number,
    now: number,
    spacingMs: number,
    held?: number,
  ): Promise<Turn> {
    const state = (await this.store.get<State>(keys.rate(targetId))) ?? { nextAllowedAt };
    const merged = { ...state, nextAllowedAt: Math.max(state.nextAllowedAt, nextAllowedAt) };
    if (held === undefined) return this.ticket(targetId, merged, now, spacingMs);
    await this.store.set(keys.rate(targetId), merged, { ttlSeconds: 3600 });
    return { waitSeconds: seconds(nextAllowedAt - now), ticketAt: nextAllowedAt };
  }

  /** The target asked for a pause (Retry-After): nobody calls it before `nextAllowedAt`. */
  async block(targetId: string, nextAllowedAt: number): Promise<void> {
    const state = await this.store.get<State>(keys.rate(targetId));
    const merged = { ...state, nextAllowedAt: Math.max(state?.nextAllowedAt ?? 0, nextAllowedAt) };
    await this.store.set(keys.rate(targetId), merged, { ttlSeconds: 3600 });
  }

  private async ticket(targetId: string, state: State, now: number, spacingMs: number): Promise<Turn> {
    const at = Math.max(state.nextTicketAt ?? 0, state.nextAllowedAt, now);
    await this.store.set(
      keys.rate(targetId),
      { ...state, nextTicketAt: at + spacingMs },
      { ttlSeconds: 3600 },
    );
    return { waitSeconds: seconds(at - now), ticketAt: at };
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
