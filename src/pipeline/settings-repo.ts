import {
  describeIssues,
  spaceMappingSchema,
  targetSchema,
  type Settings,
  type SpaceMapping,
  type TargetSettings,
} from '../domain/settings';
import { ENTITIES } from '../domain/storage-layout';
import type { ZodError } from 'zod';
import type { Log } from '../ports/log';
import type { Store } from '../ports/store';
import { TransactionConflictError } from '../ports/store';
import { ExpectedError } from './errors';

/** A compare-and-set lost: someone saved (or removed) the item since the caller read it. */
export class SettingsConflictError extends ExpectedError {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} "${key}" was changed by someone else; reload and try again`);
    this.name = 'SettingsConflictError';
  }
}

/** One write of a settings transaction: the item (or its removal) and the `rev` it must still have. */
export type SettingsWrite =
  | { entity: string; key: string; value: Record<string, unknown>; expectedRev: number }
  | { entity: string; key: string; remove: true; expectedRev: number };

function revCondition(expectedRev: number) {
  const condition =
    expectedRev === 0 ? ({ op: 'notExists' } as const) : ({ op: 'equalTo', value: expectedRev } as const);
  return { operator: 'and' as const, items: [{ field: 'rev', condition }] };
}

async function queryAll(store: Store, entity: string): Promise<Array<{ key: string; value: unknown }>> {
  const out: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<unknown>({ entity, index: 'updatedAt', limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Settings as stored: one item per target and per space mapping, each with a compare-and-set `rev`. */
export class SettingsRepo {
  constructor(
    private readonly store: Store,
    private readonly log: Log,
  ) {}

  async load(): Promise<Settings> {
    const targets = await this.loadEntity(ENTITIES.target.name, (v) => targetSchema.safeParse(v));
    const mappings = await this.loadEntity(ENTITIES.spaceMapping.name, (v) =>
      spaceMappingSchema.safeParse(v),
    );
    return { targets, mappings };
  }

  /** Every item of an entity that parses; the others are logged (by key and field) and left out. */
  async loadEntity<T>(
    entity: string,
    parse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError },
  ): Promise<T[]> {
    const out: T[] = [];
    for (const item of await queryAll(this.store, entity)) {
      const parsed = parse(item.value);
      if (parsed.success) out.push(parsed.data);
      else
        this.log.error('stored settings item is invalid and ignored', {
          entity,
          key: item.key,
          issues: JSON.stringify(describeIssues(parsed.error)),
        });
    }
    return out;
  }

  /** Creates (expectedRev 0) or replaces a target if nobody changed it since `expectedRev`. */
  async saveTarget(target: TargetSettings, expectedRev: number, now: number): Promise<TargetSettings> {
    const next = { ...target, rev: expectedRev + 1, updatedAt: now };
    await this.compareAndSet(ENTITIES.target.name, target.id, next, expectedRev);
    return next;
  }

  async saveMapping(mapping: SpaceMapping, expectedRev: number, now: number): Promise<SpaceMapping> {
    const next = { ...mapping, rev: expectedRev + 1, updatedAt: now };
    await this.compareAndSet(ENTITIES.spaceMapping.name, mapping.spaceKey, next, expectedRev);
    return next;
  }

  /** Switches a target off (e.g. after 410 Gone); retries once if the settings changed meanwhile. */
  async disableTarget(targetId: string, reason: string, now: number): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const current = targetSchema.safeParse(await this.store.getEntity(ENTITIES.target.name, targetId));
      if (!current.success || !current.data.enabled) return;
      try {
        await this.saveTarget(
          { ...current.data, enabled: false, disabledReason: reason },
          current.data.rev,
          now,
        );
        return;
      } catch (error) {
        if (!(error instanceof ExpectedError)) throw error;
      }
    }
  }

  /** The stored item as it is (unparsed), or undefined. */
  read(entity: string, key: string): Promise<Record<string, unknown> | undefined> {
    return this.store.getEntity<Record<string, unknown>>(entity, key);
  }

  /**
   * All writes apply, or none: each only if its item still has `expectedRev` (0: does not exist).
   * Throws SettingsConflictError naming the first item when any condition fails.
   */
  async writeAll(writes: SettingsWrite[]): Promise<void> {
    try {
      await this.store.transact(
        writes.map((w) =>
          'remove' in w
            ? {
                kind: 'delete' as const,
                entity: w.entity,
                key: w.key,
                conditions: revCondition(w.expectedRev),
              }
            : {
                kind: 'set' as const,
                entity: w.entity,
                key: w.key,
                value: w.value,
                conditions: revCondition(w.expectedRev),
              },
        ),
      );
    } catch (error) {
      if (error instanceof TransactionConflictError) {
        const first = writes[0];
        throw new SettingsConflictError(first?.entity ?? '', first?.key ?? '');
      }
      throw error;
    }
  }

  /** writeAll, with a lost compare-and-set as an answer instead of an error. */
  async writeIfUnchanged(writes: SettingsWrite[]): Promise<'written' | 'conflict'> {
    try {
      await this.writeAll(writes);
      return 'written';
    } catch (error) {
      if (error instanceof SettingsConflictError) return 'conflict';
      throw error;
    }
  }

  private async compareAndSet(
    entity: string,
    key: string,
    value: Record<string, unknown>,
    expectedRev: number,
  ) {
    await this.writeAll([{ entity, key, value, expectedRev }]);
  }
}
