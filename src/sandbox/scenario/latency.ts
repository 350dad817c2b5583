import type { Clock } from '../../ports/clock';
import type { Platform } from '../../ports/platform';
import type { Store } from '../../ports/store';

/** Virtual time each call takes, as calls take real time on Forge (benches; none by default). */
export interface Latency {
  /** Each Confluence request and each target request. */
  networkMs: number;
  /** Each storage call. */
  storageMs: number;
}

/** The platform with every Confluence, target and storage call taking its latency on the clock. */
export function withLatency(platform: Platform, clock: Clock, latency: Latency): Platform {
  const { confluence, http } = platform;
  const store = new Proxy(platform.store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || latency.storageMs <= 0) return value;
      return async (...args: unknown[]) => {
        await clock.sleep(latency.storageMs);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  }) as Store;
  return {
    ...platform,
    store,
    confluence: {
      request: async (path, init) => {
        await clock.sleep(latency.networkMs);
        return confluence.request(path, init);
      },
    },
    http: {
      fetch: async (request) => {
        await clock.sleep(latency.networkMs);
        return http.fetch(request);
      },
      egressAllowed: http.egressAllowed?.bind(http),
    },
  };
}
