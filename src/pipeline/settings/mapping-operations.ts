import { z } from 'zod';
import { spaceMappingSchema, type SpaceMapping } from '../../domain/settings';
import { ENTITIES } from '../../domain/storage-layout';
import type { Platform } from '../../ports/platform';
import { loadEditable } from '../settings-overview';
import { SettingsRepo, type SettingsWrite } from '../settings-repo';
import type { AnyTarget } from './any-target';
import { fieldIssues } from './field-issues';
import { mappingIssues } from './mapping-checks';
import type { FieldIssue, Outcome, SettingsScope } from './settings-api';

const MAPPING = ENTITIES.spaceMapping.name;
const faqListChoice = z.union([z.number().int().positive(), z.literal('auto')]);

const saveMappingPayload = z.object({
  mapping: z.looseObject({ spaceKey: z.unknown() }),
  rev: z.number().int().min(0),
  /** Halo targets: this space's FAQ list (kept on the target); null: back to the target's default. */
  faqLists: z.record(z.string(), faqListChoice.nullable()).default({}),
});
const deleteMappingPayload = z.object({ spaceKey: z.string().min(1), rev: z.number().int().min(1) });

type Refused = Extract<Outcome<never>, { status: 'refused' }>;

/** A space admin names only their own space (from the module context); anything else is refused. */
function outOfScope(scope: SettingsScope, spaceKey: unknown): Refused | undefined {
  if (scope.kind === 'global' || spaceKey === scope.spaceKey) return undefined;
  return { status: 'refused', refusal: { code: 'otherSpace', spaceKey: scope.spaceKey } };
}

async function currentMapping(platform: Platform, spaceKey: string): Promise<SpaceMapping | null> {
  const parsed = spaceMappingSchema.safeParse(await platform.store.getEntity(MAPPING, spaceKey));
  return parsed.success ? parsed.data : null;
}

/** Writes of Halo targets whose FAQ list for the space changes (each compare-and-set on its rev). */
function faqListWrites(
  spaceKey: string,
  choices: Record<string, number | 'auto' | null>,
  targets: AnyTarget[],
  now: number,
): { writes: SettingsWrite[]; issues: FieldIssue[] } {
  const writes: SettingsWrite[] = [];
  const issues: FieldIssue[] = [];
  for (const [targetId, choice] of Object.entries(choices)) {
    const target = targets.find((t) => t.id === targetId);
    if (target?.kind !== 'halo') {
      issues.push({ field: `faqLists.${targetId}`, message: 'only for Halo targets' });
      continue;
    }
    const { [spaceKey]: before, ...others } = target.faqLists;
    if (before === (choice ?? undefined)) continue;
    const faqLists = choice === null ? others : { ...others, [spaceKey]: choice };
    const value = { ...target, faqLists, rev: target.rev + 1, updatedAt: now };
    writes.push({ entity: ENTITIES.target.name, key: target.id, value, expectedRev: target.rev });
  }
  return { writes, issues };
}

/**
 * Saves a space's mapping (compare-and-set on `rev`) and, in the same transaction, the FAQ list
 * the space uses on each Halo target. The space is the scope's for space admins.
 */
export async function saveMapping(
  platform: Platform,
  scope: SettingsScope,
  payload: unknown,
): Promise<Outcome<SpaceMapping>> {
  const envelope = saveMappingPayload.safeParse(payload);
  if (!envelope.success) return { status: 'invalid', issues: fieldIssues(envelope.error) };
  const refused = outOfScope(scope, envelope.data.mapping.spaceKey);
  if (refused) return refused;
  const parsed = spaceMappingSchema.safeParse(envelope.data.mapping);
  if (!parsed.success) return { status: 'invalid', issues: fieldIssues(parsed.error) };
  const { rev, faqLists } = envelope.data;
  const { targets } = await loadEditable(platform);
  const now = platform.clock.now();
  const faq = faqListWrites(parsed.data.spaceKey, faqLists, targets, now);
  const issues = [...mappingIssues(parsed.data, targets), ...faq.issues];
  if (issues.length > 0) return { status: 'invalid', issues };

  const next = { ...parsed.data, rev: rev + 1, updatedAt: now };
  const mappingWrite = { entity: MAPPING, key: next.spaceKey, value: next, expectedRev: rev };
  const repo = new SettingsRepo(platform.store, platform.log);
  if ((await repo.writeIfUnchanged([mappingWrite, ...faq.writes])) === 'conflict')
    return { status: 'conflict', current: await currentMapping(platform, next.spaceKey) };
  platform.log.info('space mapping saved', { spaceKey: next.spaceKey, rev: next.rev });
  return { status: 'saved', value: next };
}

/** Removes a space's mapping (compare-and-set on `rev`): the space's pages go nowhere any more. */
export async function deleteMapping(
  platform: Platform,
  scope: SettingsScope,
  payload: unknown,
): Promise<Outcome<null>> {
  const parsed = deleteMappingPayload.safeParse(payload);
  if (!parsed.success) return { status: 'invalid', issues: fieldIssues(parsed.error) };
  const refused = outOfScope(scope, parsed.data.spaceKey);
  if (refused) return refused;
  const { spaceKey, rev } = parsed.data;
  const removal = { entity: MAPPING, key: spaceKey, remove: true as const, expectedRev: rev };
  const repo = new SettingsRepo(platform.store, platform.log);
  if ((await repo.writeIfUnchanged([removal])) === 'conflict') return { status: 'conflict', current: null };
  platform.log.info('space mapping removed', { spaceKey });
  return { status: 'saved', value: null };
}
