import { ENTITIES } from '../../../src/domain/storage-layout';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import { TransactionConflictError, type Conditions, type TxOp } from '../../../src/ports/store';

const LEDGER = ENTITIES.ledger.name;
const row = (rev: number, status = 'delivered') => ({
  contentId: 'p1',
  targetId: 't1',
  version: 3,
  rev,
  status,
});
const revIs = (rev: number): Conditions => ({
  operator: 'and',
  items: [{ field: 'rev', condition: { op: 'equalTo', value: rev } }],
});
const absent: Conditions = { operator: 'and', items: [{ field: 'rev', condition: { op: 'notExists' } }] };

describe('MemoryStore entities and transactions', () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore({ clock: new VirtualClock() });
  });

  it('keeps each entity in its own key space, apart from plain keys', async () => {
    await store.setEntity(LEDGER, 'p1:t1', row(1));
    await store.set('p1:t1', 'plain');
    expect(await store.getEntity(LEDGER, 'p1:t1')).toEqual(row(1));
    expect(await store.getEntity(ENTITIES.target.name, 'p1:t1')).toBeUndefined();
    expect(await store.get('p1:t1')).toBe('plain');
    await store.deleteEntity(LEDGER, 'p1:t1');
    expect(await store.getEntity(LEDGER, 'p1:t1')).toBeUndefined();
  });

  it('rejects unknown entities and ill-typed attributes with clear errors', async () => {
    await expect(store.setEntity('ledgers', 'k', {})).rejects.toThrow('unknown entity "ledgers"');
    await expect(store.getEntity('nope', 'k')).rejects.toThrow('"nope"');
    await expect(store.setEntity(LEDGER, 'k', { ...row(1), version: '3' })).rejects.toThrow('"version"');
    await expect(store.setEntity(LEDGER, 'k', { ...row(1), rev: 2 ** 31 })).rejects.toThrow('32-bit');
    await expect(store.setEntity(LEDGER, 'k', { ...row(1), rev: 1.5 })).rejects.toThrow('"rev"');
    await expect(store.setEntity(LEDGER, 'k', { ...row(2 ** 31 - 1) })).resolves.toBeUndefined();
  });

  it('checks integer, float, string and boolean attributes as declared', async () => {
    const typed = new MemoryStore({
      clock: new VirtualClock(),
      entities: [
        {
          name: 'typed',
          attributes: { i: 'integer', f: 'float', s: 'string', b: 'boolean', a: 'any' },
          indexes: [{ name: 'by-i', range: ['i'] }],
        },
      ],
    });
    const ok = { i: -5, f: Date.UTC(2026, 0, 5), s: 'x', b: false, a: { nested: [1] }, extra: 'kept' };
    await typed.setEntity('typed', 'ok', ok);
    expect(await typed.getEntity('typed', 'ok')).toEqual(ok);
    await expect(typed.setEntity('typed', 'k', { i: Date.UTC(2026, 0, 5) })).rejects.toThrow('32-bit');
    await expect(typed.setEntity('typed', 'k', { f: Number.NaN })).rejects.toThrow('"f"');
    await expect(typed.setEntity('typed', 'k', { s: 1 })).rejects.toThrow('"s"');
    await expect(typed.setEntity('typed', 'k', { b: 'true' })).rejects.toThrow('"b"');
    await expect(typed.setEntity(LEDGER, 'k', {})).rejects.toThrow(
      'unknown entity "ledger" (declared: typed)',
    );
  });

  it('creates with notExists, and a second create conflicts without changing anything', async () => {
    const create = (status: string): TxOp[] => [
      { kind: 'set', entity: LEDGER, key: 'p1:t1', value: row(1, status), conditions: absent },
    ];
    await store.transact(create('claimed'));
    await expect(store.transact(create('stolen'))).rejects.toBeInstanceOf(TransactionConflictError);
    expect(await store.getEntity(LEDGER, 'p1:t1')).toEqual(row(1, 'claimed'));
  });

  it('compares and sets on rev', async () => {
    await store.setEntity(LEDGER, 'p1:t1', row(1));
    await store.transact([
      { kind: 'set', entity: LEDGER, key: 'p1:t1', value: row(2), conditions: revIs(1) },
    ]);
    const stale: TxOp = {
      kind: 'set',
      entity: LEDGER,
      key: 'p1:t1',
      value: row(2, 'stale'),
      conditions: revIs(1),
    };
    await expect(store.transact([stale])).rejects.toThrow(TransactionConflictError);
    expect(await store.getEntity(LEDGER, 'p1:t1')).toEqual(row(2));
  });

  it('applies nothing when any condition fails', async () => {
    await store.setEntity(LEDGER, 'p1:t1', row(5));
    await store.setEntity(LEDGER, 'p3:t1', row(5));
    const ops: TxOp[] = [
      { kind: 'set', entity: LEDGER, key: 'p2:t1', value: row(1) },
      { kind: 'delete', entity: LEDGER, key: 'p1:t1', conditions: revIs(5) },
      { kind: 'check', entity: LEDGER, key: 'p3:t1', conditions: revIs(4) },
    ];
    await expect(store.transact(ops)).rejects.toThrow(TransactionConflictError);
    expect(await store.getEntity(LEDGER, 'p2:t1')).toBeUndefined();
    expect(await store.getEntity(LEDGER, 'p1:t1')).toEqual(row(5));
    expect(store.stats()).toMatchObject({ transactions: 1, conflicts: 1 });
  });

  it('applies every set and delete when all conditions hold', async () => {
    await store.setEntity(LEDGER, 'p1:t1', row(5));
    await store.transact([
      { kind: 'set', entity: LEDGER, key: 'p2:t1', value: row(1) },
      { kind: 'delete', entity: LEDGER, key: 'p1:t1', conditions: revIs(5) },
      { kind: 'check', entity: ENTITIES.target.name, key: 't1', conditions: absent },
    ]);
    expect(await store.getEntity(LEDGER, 'p2:t1')).toEqual(row(1));
    expect(await store.getEntity(LEDGER, 'p1:t1')).toBeUndefined();
  });

  it('fails any condition but notExists on a missing item', async () => {
    const exists: Conditions = { operator: 'or', items: [{ field: 'rev', condition: { op: 'exists' } }] };
    await expect(
      store.transact([{ kind: 'check', entity: LEDGER, key: 'none', conditions: exists }]),
    ).rejects.toThrow(TransactionConflictError);
    await expect(
      store.transact([{ kind: 'check', entity: LEDGER, key: 'none', conditions: revIs(0) }]),
    ).rejects.toThrow(TransactionConflictError);
  });

  it('validates like kvs: at most 25 operations, no item twice, at least one', async () => {
    const set = (i: number): TxOp => ({ kind: 'set', entity: LEDGER, key: `p${i}:t1`, value: row(1) });
    const tooMany = Array.from({ length: 26 }, (_, i) => set(i));
    await expect(store.transact(tooMany)).rejects.toThrow('at most 25');
    await expect(store.transact(tooMany)).rejects.not.toBeInstanceOf(TransactionConflictError);
    await expect(store.transact(tooMany.slice(0, 25))).resolves.toBeUndefined();
    await expect(store.transact([set(1), { kind: 'delete', entity: LEDGER, key: 'p1:t1' }])).rejects.toThrow(
      'more than once',
    );
    await expect(store.transact([])).rejects.toThrow('at least one');
    await expect(store.transact([{ ...set(1), entity: 'ghost' }])).rejects.toThrow('"ghost"');
  });

  it('expires entities on the clock and reports live data in the snapshot', async () => {
    const clock = new VirtualClock();
    const timed = new MemoryStore({ clock });
    await timed.setEntity(LEDGER, 'p1:t1', row(1), { ttlSeconds: 10 });
    await timed.transact([{ kind: 'set', entity: LEDGER, key: 'p2:t1', value: row(1), ttlSeconds: 20 }]);
    await clock.advanceBy(10_000);
    expect(await timed.getEntity(LEDGER, 'p1:t1')).toBeUndefined();
    expect(Object.keys(timed.snapshot().entities[LEDGER] ?? {})).toEqual(['p2:t1']);
    await clock.advanceBy(10_000);
    expect(timed.snapshot().entities[LEDGER]).toEqual({});
  });
});
