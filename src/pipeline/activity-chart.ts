import { COUNTED, dayOf } from '../domain/delivery-record';
import { ENTITIES } from '../domain/storage-layout';
import type { Store } from '../ports/store';

export interface DailyCount {
  day: string;
  outcome: string;
  n: number;
}

interface Counter {
  targetId: string;
  day: string;
  outcome: string;
  n: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deliveries per day and outcome over the last `days` days (today included), summed over the
 * given targets, from the daily counters the delivery log keeps. Every day and counted outcome is
 * present (0 when nothing happened), oldest first, so a chart has no gaps.
 */
export async function dailyCounts(
  store: Store,
  targetIds: readonly string[],
  days: number,
  now: number,
): Promise<DailyCount[]> {
  const dayList = Array.from({ length: days }, (_, i) => dayOf(now - (days - 1 - i) * DAY_MS));
  const totals = new Map<string, number>();
  for (const targetId of targetIds) {
    let cursor: string | undefined;
    do {
      const page = await store.query<Counter>({
        entity: ENTITIES.counter.name,
        index: 'by-target-day',
        partition: [targetId],
        range: { op: 'between', value: [dayList[0]!, dayList[dayList.length - 1]!] },
        limit: 100,
        cursor,
      });
      for (const { value } of page.items) {
        const key = `${value.day}|${value.outcome}`;
        totals.set(key, (totals.get(key) ?? 0) + value.n);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return dayList.flatMap((day) =>
    [...COUNTED].map((outcome) => ({ day, outcome, n: totals.get(`${day}|${outcome}`) ?? 0 })),
  );
}
