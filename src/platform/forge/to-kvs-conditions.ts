import { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import type { Conditions, FieldCondition, RangeCondition } from '../../ports/store';

/** Entity values as the kvs builders see them: field names are plain strings. */
export type KvsRow = Record<string, unknown>;

/**
 * A built kvs filter. It is both what `.filters()` of an index query takes and what transaction
 * `conditions` take (the builders returned by `Filter.and`/`Filter.or` extend kvs' BaseFilter).
 */
export type KvsFilter = ReturnType<Filter<KvsRow>['and']> | ReturnType<Filter<KvsRow>['or']>;

type FilterClause = Parameters<Filter<KvsRow>['and']>[1];
type WhereClause = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;

function unreachable(value: never): never {
  throw new Error(`Unsupported storage condition: ${JSON.stringify(value)}`);
}

/** One port FieldCondition as a kvs FilterConditions clause. */
export function toFilterClause(condition: FieldCondition): FilterClause {
  switch (condition.op) {
    case 'equalTo':
      return FilterConditions.equalTo(condition.value);
    case 'notEqualTo':
      return FilterConditions.notEqualTo(condition.value);
    case 'lessThan':
      return FilterConditions.lessThan(condition.value);
    case 'lessThanEqualTo':
      return FilterConditions.lessThanEqualTo(condition.value);
    case 'greaterThan':
      return FilterConditions.greaterThan(condition.value);
    case 'greaterThanEqualTo':
      return FilterConditions.greaterThanEqualTo(condition.value);
    case 'beginsWith':
      return FilterConditions.beginsWith(condition.value);
    case 'between':
      return FilterConditions.between(condition.value[0], condition.value[1]);
    case 'exists':
      return FilterConditions.exists();
    case 'notExists':
      return FilterConditions.notExists();
    default:
      return unreachable(condition);
  }
}

/**
 * A port RangeCondition as a kvs WhereConditions clause (the `where` of an index query). Note: the
 * port's `Extract<…>` drops `equalTo` (it shares a variant with `notEqualTo`), so there is no case.
 */
export function toWhereClause(range: RangeCondition): WhereClause {
  switch (range.op) {
    case 'equalTo':
      return WhereConditions.equalTo(range.value);
    case 'lessThan':
      return WhereConditions.lessThan(range.value);
    case 'lessThanEqualTo':
      return WhereConditions.lessThanEqualTo(range.value);
    case 'greaterThan':
      return WhereConditions.greaterThan(range.value);
    case 'greaterThanEqualTo':
      return WhereConditions.greaterThanEqualTo(range.value);
    case 'beginsWith':
      return WhereConditions.beginsWith(range.value);
    case 'between':
      return WhereConditions.between(range.value[0], range.value[1]);
    default:
      return unreachable(range);
  }
}

/**
 * Port Conditions as a kvs Filter. kvs rejects an empty builder ("Builder must have at least one
 * condition set") only when a transaction executes; we reject it here, for queries too.
 */
export function toKvsFilter(conditions: Conditions): KvsFilter {
  const [first, ...rest] = conditions.items;
  if (!first) throw new Error('Storage conditions need at least one item');
  switch (conditions.operator) {
    case 'and': {
      const filter = new Filter<KvsRow>().and(first.field, toFilterClause(first.condition));
      for (const item of rest) filter.and(item.field, toFilterClause(item.condition));
      return filter;
    }
    case 'or': {
      const filter = new Filter<KvsRow>().or(first.field, toFilterClause(first.condition));
      for (const item of rest) filter.or(item.field, toFilterClause(item.condition));
      return filter;
    }
    default:
      return unreachable(conditions.operator);
  }
}
