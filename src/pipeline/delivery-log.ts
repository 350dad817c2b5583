import { randomUUID } from 'node:crypto';
import { COUNTED, dayOf, type DeliveryRecord } from '../domain/delivery-record';
import { DELIVERY_RETENTION_DAYS, ENTITIES, keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';
import { TransactionConflictError } from '../ports/store';

const RETENTION_SECONDS = DELIVERY_RETENTION_DAYS * 24 * 3600;

interface Counter {
  targetId: string;
  day: string;
  outcome: string;
  n: number;
}

/** The delivery log (kept for the retention period) and its daily counters. */
export class DeliveryLog {
  constructor(private readonly store: Store) {}

  /**
   * An attempt is one item that moves from "attempting" to its outcome; decisions (skipped,
   * throttled, waiting) get an item of their own each, so a duplicate never hides an attempt.
   */
  static key(record: Pick<DeliveryRecord, 'deliveryId' | 'attempt' | 'status' | 'latencyMs'>): string {
    const isAttempt = record.status === 'attempting' || record.latencyMs !== undefined;
    return isAttempt
      ? `${record.deliveryId}:${record.attempt}`
      : `${record.deliveryId}:${record.attempt}:${randomUUID()}`;
  }

  /** The page's latest log entries (its comments' too), newest first. */
  async recentForPage(pageId: string, limit: number): Promise<DeliveryRecord[]> {
    const page = await this.store.query<DeliveryRecord>({
      entity: ENTITIES.delivery.name,
      index: 'by-page',
      partition: [pageId],
      sort: 'DESC',
      limit,
    });
    return page.items.map((item) => item.value);
  }

  async record(record: DeliveryRecord): Promise<void> {
    const value = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    await this.store.setEntity(ENTITIES.delivery.name, DeliveryLog.key(record), value, {
      ttlSeconds: RETENTION_SECONDS,
    });
    if (COUNTED.has(record.status)) await this.count(record.targetId, dayOf(record.at), record.status);
  }

  /** Increments a daily counter with compare-and-set; concurrent consumers retry. */
  private async count(targetId: string, day: string, outcome: string): Promise<void> {
    const entity = ENTITIES.counter.name;
    const key = keys.counter(day, targetId, outcome);
    for (let tries = 0; tries < 5; tries++) {
      const current = await this.store.getEntity<Counter>(entity, key);
      const condition = current
        ? ({ op: 'equalTo', value: current.n } as const)
        : ({ op: 'notExists' } as const);
      try {
        await this.store.transact([
          {
            kind: 'set',
            entity,
            key,
            value: { targetId, day, outcome, n: (current?.n ?? 0) + 1 },
            conditions: { operator: 'and', items: [{ field: 'n', condition }] },
            ttlSeconds: RETENTION_SECONDS * 3,
          },
        ]);
        return;
      } catch (error) {
        if (!(error instanceof TransactionConflictError)) throw error;
      }
    }
  }
}
