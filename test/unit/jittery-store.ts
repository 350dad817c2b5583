import { flushMicrotasks } from '../../src/platform/node/virtual-clock';
import type { Store } from '../../src/ports/store';

/** A Store whose every call yields a random number of macrotasks first: parallel callers interleave. */
export function jittery(store: Store, seed = 7): Store {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pause = async () => {
    for (let i = Math.floor(random() * 4); i > 0; i -= 1) await flushMicrotasks();
  };
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await pause();
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        await pause();
        return result;
      };
    },
  });
}
