import type { LedgerRow } from '../domain/ledger';
import { ENTITIES, keys } from '../domain/storage-layout';
import type { Conditions, Store } from '../ports/store';
import { TransactionConflictError } from '../ports/store';

const entity = ENTITIES.ledger.name;

/** Ledger rows: (content, target) → delivered state, remote id, status, claim. */
export class LedgerRepo {
  constructor(private readonly store: Store) {}

  get(contentId: string, targetId: string): Promise<LedgerRow | undefined> {
    return this.store.getEntity<LedgerRow>(entity, keys.ledger(contentId, targetId));
  }

  async forContent(contentId: string): Promise<LedgerRow[]> {
    const rows: LedgerRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query<LedgerRow>({
        entity,
        index: 'by-content',
        partition: [contentId],
        limit: 100,
        cursor,
      });
      rows.push(...page.items.map((i) => i.value));
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  /** Writes `row` if `conditions` hold; false when another consumer got there first. */
  async write(row: LedgerRow, conditions: Conditions): Promise<boolean> {
    try {
      await this.store.transact([
        { kind: 'set', entity, key: keys.ledger(row.contentId, row.targetId), value: { ...row }, conditions },
      ]);
      return true;
    } catch (error) {
      if (error instanceof TransactionConflictError) return false;
      throw error;
    }
  }

  /** Writes the settled row only while the claim `token` still holds. */
  settle(row: LedgerRow, token: string): Promise<boolean> {
    return this.write(row, {
      operator: 'and',
      items: [{ field: 'claimToken', condition: { op: 'equalTo', value: token } }],
    });
  }
}
