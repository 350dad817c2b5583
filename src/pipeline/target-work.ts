import type { DeliveryRecord } from '../domain/delivery-record';
import type { Want } from '../domain/ledger';
import type { TargetSettings } from '../domain/settings';
import type { DeliveryItem, TargetAdapter } from '../targets/target-adapter';
import type { DeliveryLog } from './delivery-log';
import type { LedgerRepo } from './ledger-repo';
import type { RateState } from './rate-state';
import type { SettingsRepo } from './settings-repo';

/** One item for one target, as the consumer planned it. */
export interface TargetWork {
  target: TargetSettings;
  adapter: TargetAdapter;
  item: DeliveryItem;
  contentId: string;
  want: Want;
  attempt: number;
  /** Requeues that did not count as attempts (waiting for a claim, throttled). */
  waits: number;
  /** Its turn in the target's waiting line, when it waited before. */
  ticketAt?: number;
  spaceKey: string;
  trace?: string;
}

export interface TargetDeps {
  ledger: LedgerRepo;
  log: DeliveryLog;
  rate: RateState;
  settings: SettingsRepo;
  now: () => number;
  random: () => number;
  signal: AbortSignal;
}

/**
 * What the consumer does next for this target: nothing, or a retry job after a delay. A requeue
 * that is not an attempt (waiting) counts in `waits`; past MAX_WAITS it becomes an attempt, so
 * every chain of jobs ends.
 */
export type TargetStep =
  | { kind: 'done' }
  | { kind: 'requeue'; delaySeconds: number; attempt: number; waits: number; ticketAt?: number };

export const MAX_WAITS = 100;

export type Recorder = (status: DeliveryRecord['status'], extra?: Partial<DeliveryRecord>) => Promise<void>;

export function waitStep(work: TargetWork, delaySeconds: number, ticketAt?: number): TargetStep {
  if (work.waits + 1 < MAX_WAITS) {
    return { kind: 'requeue', delaySeconds, attempt: work.attempt, waits: work.waits + 1, ticketAt };
  }
  return { kind: 'requeue', delaySeconds, attempt: work.attempt + 1, waits: 0, ticketAt };
}
