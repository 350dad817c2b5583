import type { Conditions, FieldCondition, Scalar } from '../../ports/store';

/** Orders two scalars of the same type; values of different types are not comparable. */
export function compareScalars(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function compareWith(value: unknown, other: Scalar, test: (order: number) => boolean): boolean {
  const order = compareScalars(value, other);
  return order !== undefined && test(order);
}

/**
 * Evaluates one condition on an attribute value (`undefined` = attribute or item missing):
 * a missing value satisfies only `notExists`, as in kvs.
 */
export function matchesCondition(value: unknown, condition: FieldCondition): boolean {
  const present = value !== undefined && value !== null;
  if (condition.op === 'notExists') return !present;
  if (condition.op === 'exists' || !present) return present;
  switch (condition.op) {
    case 'equalTo':
      return isScalar(value) && value === condition.value;
    case 'notEqualTo':
      return value !== condition.value;
    case 'lessThan':
      return compareWith(value, condition.value, (o) => o < 0);
    case 'lessThanEqualTo':
      return compareWith(value, condition.value, (o) => o <= 0);
    case 'greaterThan':
      return compareWith(value, condition.value, (o) => o > 0);
    case 'greaterThanEqualTo':
      return compareWith(value, condition.value, (o) => o >= 0);
    case 'beginsWith':
      return (
        isScalar(value) && typeof value !== 'boolean' && String(value).startsWith(String(condition.value))
      );
    case 'between':
      return (
        compareWith(value, condition.value[0], (o) => o >= 0) &&
        compareWith(value, condition.value[1], (o) => o <= 0)
      );
  }
}

/** Evaluates and/or conditions on an item; `item` undefined means the item does not exist. */
export function matchesConditions(
  item: Record<string, unknown> | undefined,
  conditions: Conditions,
): boolean {
  const results = conditions.items.map(({ field, condition }) => matchesCondition(item?.[field], condition));
  return conditions.operator === 'and' ? results.every(Boolean) : results.some(Boolean);
}
