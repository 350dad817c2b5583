import type { Clock } from '../../ports/clock';

interface Entry<V> {
  value: V;
  expiresAt?: number;
}

/**
 * A key space whose entries may carry a TTL measured on the injected clock. Expired entries are
 * invisible to every method and purged when seen. Reads return deep copies.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly clock: Clock) {}

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  /** A deep copy of the live value, or undefined. */
  get(key: string): V | undefined {
    const entry = this.live(key);
    return entry === undefined ? undefined : structuredClone(entry.value);
  }

  /** The live value itself (not copied): for evaluating conditions and queries only. */
  peek(key: string): V | undefined {
    return this.live(key)?.value;
  }

  set(key: string, value: V, ttlSeconds?: number): void {
    const entry =
      ttlSeconds === undefined ? { value } : { value, expiresAt: this.clock.now() + ttlSeconds * 1000 };
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Live entries sorted by key, values not copied. */
  liveEntries(): Array<{ key: string; value: V }> {
    return [...this.entries.keys()].sort().flatMap((key) => {
      const entry = this.live(key);
      return entry ? [{ key, value: entry.value }] : [];
    });
  }

  private live(key: string): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
