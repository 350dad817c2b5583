import { keys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import type { BitrixClient } from './bitrix-client';
import { batchCommand } from './php-query';

interface FilterProof {
  /** Per task field: whether `tasks.task.list` filters on it, and when that was learnt. */
  [field: string]: { works: boolean; at: number };
}

const RECHECK_MS = 86_400_000;

/**
 * Filtering `tasks.task.list` on a custom `UF_…` field is not documented (targets.md B.3), and a
 * portal that does not support a filter key ignores it and answers every task (UNVERIFIED but
 * what makes a blind filter unsafe). Proof, once a day per field, in one batch: the portal has
 * tasks, and a filter on a value no task holds answers none. Only then is the filter used.
 */
export class ServerFilter {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly targetId: string,
  ) {}

  async works(client: BitrixClient, field: string): Promise<boolean> {
    const key = `${keys.bitrixPortal(this.targetId)}:filter`;
    const proofs = (await this.store.get<FilterProof>(key)) ?? {};
    const known = proofs[field];
    if (known && this.clock.now() - known.at < RECHECK_MS) return known.works;
    const nonce = `relay-probe-${this.clock.now().toString(36)}`;
    const list = (filter: Record<string, unknown>) =>
      batchCommand('tasks.task.list', { filter, select: ['ID'], order: { ID: 'asc' } });
    const outcome = await client.batch([
      ['all', list({})],
      ['none', list({ [field]: nonce })],
    ]);
    const count = (k: string) => {
      const tasks = (outcome.results.get(k) as { tasks?: unknown[] } | undefined)?.tasks;
      return Array.isArray(tasks) ? tasks.length : undefined;
    };
    const all = count('all');
    const none = count('none');
    // No tasks on the portal proves nothing: ask again later.
    if (all === undefined || all === 0 || none === undefined) return false;
    const works = none === 0;
    await this.store.set(key, { ...proofs, [field]: { works, at: this.clock.now() } });
    return works;
  }
}
