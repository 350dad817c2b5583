import type { Clock } from '../../../src/ports/clock';

/** A Clock whose now() only moves when the test says so (sleep is not used by the fakes). */
export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 2, 2, 10, 0, 0)): TestClock {
  let now = start;
  return {
    now: () => now,
    sleep: () => Promise.reject(new Error('the fakes must not sleep')),
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
