/**
 * Shared set-up of the activity tests: the in-memory kvs (declared entities, indexes, TTL) on a
 * virtual clock, the real DeliveryLog writing the records, and a queue that validates each push
 * against Forge's limits (50 events, 200 KB, delay ≤ 900 s) and keeps what was pushed.
 */
import type { DeliveryRecord } from '../../../src/domain/delivery-record';
import { DeliveryLog } from '../../../src/pipeline/delivery-log';
import { validatePushJobs } from '../../../src/platform/node/job-queue-validation';
import { MemoryLog } from '../../../src/platform/node/memory-log';
import { MemorySecretStore } from '../../../src/platform/node/memory-secret-store';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { JobQueue, PushJob } from '../../../src/ports/job-queue';
import type { Platform } from '../../../src/ports/platform';

export class CheckedQueue implements JobQueue {
  readonly pushes: PushJob[][] = [];
  async push(jobs: PushJob[]): Promise<void> {
    validatePushJobs(jobs);
    this.pushes.push(jobs);
  }
  get jobs(): PushJob[] {
    return this.pushes.flat();
  }
}

export const T0 = Date.parse('2026-11-20T10:00:00.000Z');

export function activityPlatform() {
  const clock = new VirtualClock(T0);
  const store = new MemoryStore({ clock });
  const queue = new CheckedQueue();
  const platform: Platform = {
    store,
    secrets: new MemorySecretStore(),
    queue,
    http: { fetch: () => Promise.reject(new Error('no network in this test')) },
    confluence: { request: () => Promise.reject(new Error('no Confluence in this test')) },
    clock,
    log: new MemoryLog(),
  };
  return { clock, store, queue, platform, log: new DeliveryLog(store) };
}

let n = 0;
/** A log record as deliver-to-target.ts writes it (an attempt's outcome). */
export function record(over: Partial<DeliveryRecord> & Pick<DeliveryRecord, 'at'>): DeliveryRecord {
  n++;
  const pageId = over.pageId ?? '544112828';
  return {
    deliveryId: `msg_test${n}`,
    attempt: 1,
    targetId: 'hooks',
    pageId,
    spaceKey: 'QM',
    contentId: pageId,
    version: 19,
    action: 'upsert',
    event: 'page.updated',
    status: 'delivered',
    latencyMs: 12,
    ...over,
  };
}
