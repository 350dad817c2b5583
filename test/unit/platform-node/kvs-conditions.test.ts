import type { FieldCondition } from '../../../src/ports/store';
import { matchesCondition, matchesConditions } from '../../../src/platform/node/kvs-conditions';

describe('kvs conditions', () => {
  const cases: Array<[unknown, FieldCondition, boolean]> = [
    [3, { op: 'equalTo', value: 3 }, true],
    ['3', { op: 'equalTo', value: 3 }, false],
    [3, { op: 'notEqualTo', value: 4 }, true],
    [3, { op: 'lessThan', value: 4 }, true],
    [4, { op: 'lessThan', value: 4 }, false],
    [4, { op: 'lessThanEqualTo', value: 4 }, true],
    [5, { op: 'greaterThan', value: 4 }, true],
    [4, { op: 'greaterThanEqualTo', value: 4 }, true],
    ['b', { op: 'greaterThan', value: 'a' }, true],
    ['10', { op: 'greaterThan', value: 9 }, false],
    ['2026-01-05', { op: 'beginsWith', value: '2026-01' }, true],
    [12345, { op: 'beginsWith', value: 123 }, true],
    ['x2026', { op: 'beginsWith', value: '2026' }, false],
    [5, { op: 'between', value: [5, 9] }, true],
    [9, { op: 'between', value: [5, 9] }, true],
    [10, { op: 'between', value: [5, 9] }, false],
    ['x', { op: 'exists' }, true],
    [undefined, { op: 'exists' }, false],
    [undefined, { op: 'notExists' }, true],
    [0, { op: 'notExists' }, false],
    [undefined, { op: 'notEqualTo', value: 1 }, false],
    [undefined, { op: 'lessThan', value: 1 }, false],
  ];

  it.each(cases)('%p %j → %p', (value, condition, expected) => {
    expect(matchesCondition(value, condition)).toBe(expected);
  });

  it('combines items with and/or, and a missing item satisfies only notExists', () => {
    const item = { rev: 2, status: 'ok' };
    const rev2 = { field: 'rev', condition: { op: 'equalTo', value: 2 } } as const;
    const failed = { field: 'status', condition: { op: 'equalTo', value: 'failed' } } as const;
    expect(matchesConditions(item, { operator: 'and', items: [rev2, failed] })).toBe(false);
    expect(matchesConditions(item, { operator: 'or', items: [rev2, failed] })).toBe(true);
    const absent = { field: 'rev', condition: { op: 'notExists' } } as const;
    expect(matchesConditions(undefined, { operator: 'and', items: [absent] })).toBe(true);
    expect(matchesConditions(undefined, { operator: 'and', items: [rev2] })).toBe(false);
  });
});
