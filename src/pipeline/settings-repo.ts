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
    const targets = await this.parseAll(ENTITIES.target.name, (v) => targetSchema.safeParse(v));
    const mappings = await this.parseAll(ENTITIES.spaceMapping.name, (v) => spaceMappingSchema.safeParse(v));
    return { targets, mappings };
  }

  private async parseAll<T>(
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

  private async compareAndSet(
    entity: string,
    key: string,
    value: Record<string, unknown>,
    expectedRev: number,
  ) {
    const condition =
      expectedRev === 0 ? ({ op: 'notExists' } as const) : ({ op: 'equalTo', value: expectedRev } as const);
    try {
      await this.store.transact([
        {
          kind: 'set',
          entity,
          key,
          value,
          conditions: { operator: 'and', items: [{ field: 'rev', condition }] },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionConflictError) {
        throw new ExpectedError(`${entity} "${key}" was changed by someone else; reload and try again`);
      }
      throw error;
    }
  }
}
