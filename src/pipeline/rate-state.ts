import { keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';

/** Per-target rate state in storage (not memory: consumers run in parallel invocations). */
export class RateState {
  constructor(private readonly store: Store) {}

  /** Seconds until the target may be called again; 0 when it may be called now. */
  async waitSeconds(targetId: string, now: number): Promise<number> {
    const state = await this.store.get<{ nextAllowedAt: number }>(keys.rate(targetId));
    if (!state || state.nextAllowedAt <= now) return 0;
    return Math.ceil((state.nextAllowedAt - now) / 1000);
  }

  async throttle(targetId: string, nextAllowedAt: number): Promise<void> {
    await this.store.set(keys.rate(targetId), { nextAllowedAt }, { ttlSeconds: 3600 });
  }
}
