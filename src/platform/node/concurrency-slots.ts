/** In-flight consumer invocations per concurrency key, as @forge/events caps them. */
export class ConcurrencySlots {
  private readonly load = new Map<string, number>();
  private readonly peaks = new Map<string, number>();

  hasRoom(concurrency: { key: string; limit: number } | undefined): boolean {
    return concurrency === undefined || (this.load.get(concurrency.key) ?? 0) < concurrency.limit;
  }

  acquire(key: string | undefined): void {
    if (key === undefined) return;
    const load = (this.load.get(key) ?? 0) + 1;
    this.load.set(key, load);
    this.peaks.set(key, Math.max(load, this.peaks.get(key) ?? 0));
  }

  release(key: string | undefined): void {
    if (key === undefined) return;
    const load = (this.load.get(key) ?? 0) - 1;
    if (load > 0) this.load.set(key, load);
    else this.load.delete(key);
  }

  /** The highest number of invocations seen in flight at once, per key. */
  maxInFlightByKey(): Record<string, number> {
    return Object.fromEntries(this.peaks);
  }
}
