import { COUNTED, dayOf, type DeliveryRecord } from '../domain/delivery-record';
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
/** Log reads for a space's chart (the counters are per target, not per space). */
const SPACE_READS = 10;

const lastDays = (days: number, now: number) =>
  Array.from({ length: days }, (_, i) => dayOf(now - (days - 1 - i) * DAY_MS));

function fillDays(dayList: string[], totals: Map<string, number>): DailyCount[] {
  return dayList.flatMap((day) =>
    [...COUNTED].map((outcome) => ({ day, outcome, n: totals.get(`${day}|${outcome}`) ?? 0 })),
  );
}

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
  const dayList = lastDays(days, now);
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
  return fillDays(dayList, totals);
}

/**
 * The same chart for one space (space settings), counted from the space's log entries over its
 * by-space index; `partial` when the space logged more than the reads allowed cover (the counts
 * then cover the most recent entries only).
 */
export async function spaceDailyCounts(
  store: Store,
  spaceKey: string,
  days: number,
  now: number,
  targetId?: string,
): Promise<{ days: DailyCount[]; partial: boolean }> {
  const dayList = lastDays(days, now);
  const totals = new Map<string, number>();
  let cursor: string | undefined;
  let reads = 0;
  do {
    const page = await store.query<DeliveryRecord>({
      entity: ENTITIES.delivery.name,
      index: 'by-space',
      partition: [spaceKey],
      range: { op: 'greaterThanEqualTo', value: Date.parse(`${dayList[0]!}T00:00:00.000Z`) },
      sort: 'DESC',
      limit: 100,
      cursor,
    });
    for (const { value } of page.items) {
      if (!COUNTED.has(value.status) || (targetId !== undefined && value.targetId !== targetId)) continue;
      const key = `${dayOf(value.at)}|${value.status}`;
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
    cursor = page.nextCursor;
  } while (cursor && ++reads < SPACE_READS);
  return { days: fillDays(dayList, totals), partial: cursor !== undefined };
}
