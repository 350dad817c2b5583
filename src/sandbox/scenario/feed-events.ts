import { flushMicrotasks } from '../../platform/node/virtual-clock';
import { handleConfluenceEvent } from '../../pipeline/handle-event';
import type { SandboxEnv } from './sandbox-env';

/** Forge retries a trigger whose invocation failed; the delay is not documented (UNVERIFIED: ~1 min). */
const TRIGGER_RETRY_MS = 60_000;

export interface ArrivalFigures {
  /** Triggers refused by the queue's push limit (500 events a minute) and retried. */
  retriedTriggers: number;
}

/**
 * Feeds `count` Confluence events into the sandbox one every `gapMs` of virtual time while the queue
 * keeps consuming, as on Forge, where triggers and consumers run side by side: arrivals are timers
 * on the virtual clock, so the queue's own waits (job delays, rate-limit sleeps) and the arrivals
 * interleave in time order. Resolves when every event has been accepted and the queue is idle.
 */
export async function feedEvents(
  env: SandboxEnv,
  count: number,
  gapMs: number,
  eventAt: (i: number) => unknown,
): Promise<ArrivalFigures> {
  let retriedTriggers = 0;
  let outstanding = 0;
  let failure: unknown;
  const accept = async (event: unknown): Promise<void> => {
    while ((await handleConfluenceEvent(env.platform, event)).kind === 'retry') {
      retriedTriggers++;
      await env.clock.sleep(TRIGGER_RETRY_MS);
    }
  };
  const arrive = (event: unknown): void => {
    outstanding++;
    accept(event).then(
      () => void outstanding--,
      (error: unknown) => {
        outstanding--;
        failure ??= error;
      },
    );
  };
  outstanding++;
  void (async () => {
    for (let i = 0; i < count; i++) {
      await env.clock.sleep(gapMs);
      arrive(eventAt(i));
    }
  })().then(
    () => void outstanding--,
    (error: unknown) => {
      outstanding--;
      failure ??= error;
    },
  );
  for (;;) {
    await env.queue.runUntilIdle();
    if (failure !== undefined) throw failure;
    // The queue is idle: move to the next arrival (or trigger retry), or let one in progress finish.
    const next = env.clock.nextTimerAt();
    if (next !== undefined) await env.clock.advanceTo(next);
    else if (outstanding > 0) await flushMicrotasks();
    else if (env.queue.backlog().pending === 0) return { retriedTriggers };
  }
}
