import { handleConfluenceEvent } from '../../pipeline/handle-event';
import type { SandboxEnv } from './sandbox-env';

/**
 * A trigger that asks for a retry is retried after the delay it asks for, up to 4 times as the
 * queue's retries (UNVERIFIED for product-event triggers); then the event is lost and counted.
 */
const TRIGGER_RETRIES = 4;

export interface ArrivalFigures {
  /** Triggers refused by the queue's push limit (500 events a minute) and retried. */
  retriedTriggers: number;
  /** Events whose trigger was still refused after its retries. */
  lostEvents: number;
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
  let lostEvents = 0;
  let outstanding = 0;
  let failure: unknown;
  const accept = async (event: unknown): Promise<void> => {
    for (let retries = 0; ; retries++) {
      const outcome = await handleConfluenceEvent(env.platform, event);
      if (outcome.kind !== 'retry') return;
      if (retries === TRIGGER_RETRIES) {
        lostEvents++;
        return;
      }
      retriedTriggers++;
      await env.clock.sleep(outcome.afterSeconds * 1000);
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
    else if (outstanding > 0)
      await new Promise((resolve) => setTimeout(resolve, 1)); // real I/O
    else if (env.queue.backlog().pending === 0) return { retriedTriggers, lostEvents };
  }
}
