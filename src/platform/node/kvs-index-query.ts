import type { EntityDefinition, IndexDefinition } from '../../domain/storage-layout';
import type { IndexQuery, Page, Stored } from '../../ports/store';
import { compareScalars, matchesCondition, matchesConditions } from './kvs-conditions';
import { KVS_LIMITS, pageLimit } from './kvs-rules';

type Item = Stored<Record<string, unknown>>;

interface Position {
  range: unknown;
  key: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.range, position.key])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new Error(`kvs: invalid cursor "${cursor}"`, { cause });
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') {
    throw new Error(`kvs: invalid cursor "${cursor}"`);
  }
  return { range: parsed[0], key: parsed[1] };
}

export function findIndex(entity: EntityDefinition, name: string): IndexDefinition {
  const index = entity.indexes.find((candidate) => candidate.name === name);
  if (!index) {
    const known = entity.indexes.map((candidate) => candidate.name).join(', ');
    throw new Error(`kvs: entity "${entity.name}" has no index "${name}" (declared: ${known})`);
  }
  return index;
}

function checkPartition(
  entity: EntityDefinition,
  index: IndexDefinition,
  partition: readonly unknown[],
): void {
  const expected = index.partition ?? [];
  if (partition.length !== expected.length) {
    throw new Error(
      `kvs: index "${index.name}" of "${entity.name}" takes ${expected.length} partition value(s) ` +
        `[${expected.join(', ')}], got ${partition.length}`,
    );
  }
}

function comparePositions(a: Position, b: Position): number {
  const byRange = compareScalars(a.range, b.range) ?? 0;
  return byRange !== 0 ? byRange : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function rangeAttribute(index: IndexDefinition): string {
  const attribute = index.range[0];
  if (attribute === undefined) throw new Error(`kvs: index "${index.name}" declares no range attribute`);
  return attribute;
}

function selectItems(
  items: Item[],
  index: IndexDefinition,
  partition: readonly unknown[],
  query: IndexQuery,
): Item[] {
  const rangeAttr = rangeAttribute(index);
  const partitionAttrs = index.partition ?? [];
  return items
    .filter((item) => partitionAttrs.every((attr, i) => item.value[attr] === partition[i]))
    .filter((item) => item.value[rangeAttr] !== undefined && item.value[rangeAttr] !== null)
    .filter((item) => query.range === undefined || matchesCondition(item.value[rangeAttr], query.range))
    .filter((item) => query.filter === undefined || matchesConditions(item.value, query.filter));
}

/**
 * Runs an index query over the live items of one entity, as kvs does: items lacking an indexed
 * attribute are not in the index; partition must match exactly; `range` applies to the range
 * attribute, `filter` to any attribute; sorted by range value then key; paged by an opaque cursor.
 */
export function runIndexQuery(entity: EntityDefinition, items: Item[], query: IndexQuery): Page<Item> {
  const index = findIndex(entity, query.index);
  const partition = query.partition ?? [];
  checkPartition(entity, index, partition);
  const rangeAttr = rangeAttribute(index);
  const direction = query.sort === 'DESC' ? -1 : 1;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const position = (item: Item): Position => ({ range: item.value[rangeAttr], key: item.key });

  const matching = selectItems(items, index, partition, query)
    .sort((a, b) => direction * comparePositions(position(a), position(b)))
    .filter((item) => after === undefined || direction * comparePositions(position(item), after) > 0);

  const limit = pageLimit(query.limit, KVS_LIMITS.queryMaxLimit);
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  const more = matching.length > limit && last !== undefined;
  return more ? { items: page, nextCursor: encodeCursor(position(last)) } : { items: page };
}
