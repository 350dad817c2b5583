import type { FieldCondition, RangeCondition } from '../../../src/ports/store';
import { toFilterClause, toKvsFilter, toWhereClause } from '../../../src/platform/forge/to-kvs-conditions';

const filterCases: Array<[FieldCondition, unknown]> = [
  [
    { op: 'equalTo', value: true },
    { condition: 'EQUAL_TO', values: [true] },
  ],
  [
    { op: 'notEqualTo', value: 'x' },
    { condition: 'NOT_EQUAL_TO', values: ['x'] },
  ],
  [
    { op: 'lessThan', value: 5 },
    { condition: 'LESS_THAN', values: [5] },
  ],
  [
    { op: 'lessThanEqualTo', value: 5 },
    { condition: 'LESS_THAN_EQUAL_TO', values: [5] },
  ],
  [
    { op: 'greaterThan', value: 5 },
    { condition: 'GREATER_THAN', values: [5] },
  ],
  [
    { op: 'greaterThanEqualTo', value: 'b' },
    { condition: 'GREATER_THAN_EQUAL_TO', values: ['b'] },
  ],
  [
    { op: 'beginsWith', value: 'pre' },
    { condition: 'BEGINS_WITH', values: ['pre'] },
  ],
  [
    { op: 'between', value: [1, 9] },
    { condition: 'BETWEEN', values: [1, 9] },
  ],
  [{ op: 'exists' }, { condition: 'EXISTS', values: [true] }],
  [{ op: 'notExists' }, { condition: 'NOT_EXISTS', values: [true] }],
];

const whereCases: Array<[RangeCondition, unknown]> = [
  [
    { op: 'greaterThan', value: 5 },
    { condition: 'GREATER_THAN', values: [5] },
  ],
  [
    { op: 'lessThanEqualTo', value: 7 },
    { condition: 'LESS_THAN_EQUAL_TO', values: [7] },
  ],
  [
    { op: 'beginsWith', value: '2026-' },
    { condition: 'BEGINS_WITH', values: ['2026-'] },
  ],
  [
    { op: 'between', value: ['a', 'z'] },
    { condition: 'BETWEEN', values: ['a', 'z'] },
  ],
];

describe('toFilterClause', () => {
  it.each(filterCases)('maps %j to the kvs clause', (condition, expected) => {
    expect(toFilterClause(condition)).toEqual(expected);
  });
});

describe('toWhereClause', () => {
  it.each(whereCases)('maps %j to the kvs where clause', (range, expected) => {
    expect(toWhereClause(range)).toEqual(expected);
  });
});

describe('toKvsFilter', () => {
  it('builds an AND filter with every item in order', () => {
    const filter = toKvsFilter({
      operator: 'and',
      items: [
        { field: 'rev', condition: { op: 'equalTo', value: 3 } },
        { field: 'claimToken', condition: { op: 'notExists' } },
      ],
    });
    expect(filter.operator()).toBe('and');
    expect(filter.filters()).toEqual([
      { property: 'rev', condition: 'EQUAL_TO', values: [3] },
      { property: 'claimToken', condition: 'NOT_EXISTS', values: [true] },
    ]);
  });

  it('builds an OR filter', () => {
    const filter = toKvsFilter({
      operator: 'or',
      items: [
        { field: 'status', condition: { op: 'equalTo', value: 'failed' } },
        { field: 'status', condition: { op: 'equalTo', value: 'dead' } },
      ],
    });
    expect(filter.operator()).toBe('or');
    expect(filter.filters()).toEqual([
      { property: 'status', condition: 'EQUAL_TO', values: ['failed'] },
      { property: 'status', condition: 'EQUAL_TO', values: ['dead'] },
    ]);
  });

  it('rejects empty conditions with a clear error', () => {
    expect(() => toKvsFilter({ operator: 'and', items: [] })).toThrow('at least one item');
  });
});
