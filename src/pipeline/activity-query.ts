import type { DeliveryRecord, DeliveryStatus } from '../domain/delivery-record';
import { ENTITIES } from '../domain/storage-layout';
import type { Conditions, Stored, Store } from '../ports/store';

/** What the Activity tab filters the delivery log by; `spaceKey` is forced in space settings. */
export interface ActivityFilter {
  targetId?: string;
  spaceKey?: string;
  status?: DeliveryStatus;
  pageId?: string;
}

export interface ActivityEntry extends DeliveryRecord {
  /** The log item's key: what Replay names. */
  key: string;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export const ALL_STATUSES = [
  'attempting',
  'delivered',
  'skipped',
  'retrying',
  'failed',
  'rejected',
] as const satisfies readonly DeliveryStatus[];

/** Keyset position: entries at or before `at`, minus the keys already shown at exactly `at`. */
interface Position {
  at: number;
  seen: string[];
}

const READS_PER_PARTITION = 5;
/** kvs returns at most 100 items per query; more come through its cursor. */
const KVS_MAX_LIMIT = 100;
const entity = ENTITIES.delivery.name;

type Field = keyof ActivityFilter;
/** The most selective filter picks the index; the others filter within it. */
const INDEX_OF: Array<[Field, string]> = [
  ['pageId', 'by-page'],
  ['targetId', 'by-target'],
  ['spaceKey', 'by-space'],
  ['status', 'by-status'],
];

export function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePosition(cursor: string): Position {
  const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
  if (typeof parsed.at !== 'number' || !Array.isArray(parsed.seen)) throw new Error('invalid cursor');
  return { at: parsed.at, seen: parsed.seen.filter((k): k is string => typeof k === 'string') };
}

/**
 * The delivery log, newest first, through its indexes. Without any filter the status partitions
 * are merged by time. Paging is by position (time plus the keys shown at that time), so the same
 * cursor works across merged partitions and never repeats or drops an entry.
 */
export async function queryActivity(
  store: Store,
  filter: ActivityFilter,
  limit: number,
  cursor?: string,
): Promise<ActivityPage> {
  const position = cursor ? decodePosition(cursor) : undefined;
  const chosen = INDEX_OF.find(([field]) => filter[field] !== undefined);
  const rest = INDEX_OF.filter(([field]) => field !== chosen?.[0] && filter[field] !== undefined);
  const conditions: Conditions | undefined = rest.length
    ? {
        operator: 'and',
        items: rest.map(([field]) => ({
          field,
          condition: { op: 'equalTo' as const, value: String(filter[field]) },
        })),
      }
    : undefined;
  const index = chosen?.[1] ?? 'by-status';
  const partitions = chosen ? [String(filter[chosen[0]])] : ALL_STATUSES;
  const found = await Promise.all(
    partitions.map((p) => readPartition(store, index, p, conditions, limit, position)),
  );
  const merged = found
    .flat()
    .sort((a, b) => b.value.at - a.value.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  const entries = merged.slice(0, limit).map((s) => ({ ...s.value, key: s.key }));
  const last = entries[entries.length - 1];
  if (!last || merged.length <= limit) return { entries };
  const sameAt = entries.filter((e) => e.at === last.at).map((e) => e.key);
  const carried = position && position.at === last.at ? position.seen : [];
  return { entries, nextCursor: encodePosition({ at: last.at, seen: [...carried, ...sameAt] }) };
}

/** Up to `limit + 1` entries of one partition at or before the position (one more tells "more"). */
async function readPartition(
  store: Store,
  index: string,
  partition: string,
  filter: Conditions | undefined,
  limit: number,
  position: Position | undefined,
): Promise<Array<Stored<DeliveryRecord>>> {
  const out: Array<Stored<DeliveryRecord>> = [];
  const seen = new Set(position?.seen ?? []);
  let kvsCursor: string | undefined;
  for (let read = 0; read < READS_PER_PARTITION && out.length <= limit; read++) {
    const page = await store.query<DeliveryRecord>({
      entity,
      index,
      partition: [partition],
      ...(position && { range: { op: 'lessThanEqualTo' as const, value: position.at } }),
      ...(filter && { filter }),
      sort: 'DESC',
      limit: Math.min(KVS_MAX_LIMIT, limit + 1 + seen.size),
      cursor: kvsCursor,
    });
    out.push(...page.items.filter((i) => !seen.has(i.key)));
    kvsCursor = page.nextCursor;
    if (!kvsCursor) break;
  }
  return out;
}
