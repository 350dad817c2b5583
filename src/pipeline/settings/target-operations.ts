import { z } from 'zod';
import { ENTITIES } from '../../domain/storage-layout';
import type { Platform } from '../../ports/platform';
import { loadEditable, targetView } from '../settings-overview';
import { SettingsRepo } from '../settings-repo';
import { anyTargetSchema, isTargetKind, schemaForKind, secretKeysOf, type AnyTarget } from './any-target';
import { markPurge, purgePending, startPurge, unmarkPurge } from '../target-purge';
import { fieldIssues } from './field-issues';
import type { FieldIssue, Outcome, TargetView } from './settings-api';
import { secretInputSchema, secretProblem, storeSecret } from './target-secrets';

const saveTargetPayload = z.object({
  target: z.looseObject({ kind: z.unknown() }),
  /** The `rev` the admin's form was loaded with; 0 for a new target. */
  rev: z.number().int().min(0),
  secret: secretInputSchema.optional(),
});

const deleteTargetPayload = z.object({ id: z.string().min(1), rev: z.number().int().min(1) });

const TARGET = ENTITIES.target.name;

function invalid<T>(issues: FieldIssue[]): Outcome<T> {
  return { status: 'invalid', issues };
}

async function current(platform: Platform, id: string): Promise<TargetView | null> {
  const raw = await platform.store.getEntity(TARGET, id);
  const parsed = anyTargetSchema.safeParse(raw);
  return parsed.success ? targetView(platform, parsed.data) : null;
}

/**
 * Why Relay switched a target off stays until an admin switches it on again; the form cannot set
 * it. `rev` and `updatedAt` are the repo's.
 */
function withServerFields(target: AnyTarget, previous: AnyTarget | undefined): AnyTarget {
  const { disabledReason: _ignored, ...rest } = target;
  const reason = !target.enabled && previous && !previous.enabled ? previous.disabledReason : undefined;
  return reason ? { ...rest, disabledReason: reason } : rest;
}

/** Creates or replaces a target (compare-and-set on `rev`), then stores a new secret if one came. */
export async function saveTarget(platform: Platform, payload: unknown): Promise<Outcome<TargetView>> {
  const envelope = saveTargetPayload.safeParse(payload);
  if (!envelope.success) return invalid(fieldIssues(envelope.error));
  const { target: input, rev, secret } = envelope.data;
  if (!isTargetKind(input.kind))
    return invalid([{ field: 'kind', message: 'must be one of webhook, halo, bitrix24' }]);
  const parsed = schemaForKind(input.kind).safeParse(input);
  if (!parsed.success) return invalid(fieldIssues(parsed.error));
  const target: AnyTarget = parsed.data;

  const existing = await current(platform, target.id);
  if (rev === 0 && existing)
    return invalid([{ field: 'id', message: 'another target already uses this id' }]);
  if (rev === 0 && (await purgePending(platform, target.id)))
    return invalid([
      {
        field: 'id',
        message:
          'a target with this id was just removed and what Relay stored about it is still being cleared: try again in a few minutes, or choose another id',
      },
    ]);
  if (existing && existing.target.kind !== target.kind)
    return invalid([
      { field: 'kind', message: 'the kind of a target cannot change; add a new target instead' },
    ]);
  const problem = secret ? secretProblem(target, secret.value) : undefined;
  if (problem) return invalid([{ field: 'secret', message: problem }]);
  if (rev === 0 && !secret) return invalid([{ field: 'secret', message: 'must be set for a new target' }]);

  const next = {
    ...withServerFields(target, existing?.target),
    rev: rev + 1,
    updatedAt: platform.clock.now(),
  };
  const write = { entity: TARGET, key: target.id, value: next, expectedRev: rev };
  if ((await new SettingsRepo(platform.store, platform.log).writeIfUnchanged([write])) === 'conflict')
    return { status: 'conflict', current: await current(platform, target.id) };
  if (secret) await storeSecret(platform.secrets, next, secret);
  platform.log.info('target saved', { targetId: target.id, rev: next.rev, secretReplaced: Boolean(secret) });
  return { status: 'saved', value: await targetView(platform, next) };
}

/**
 * Removes a target and its secrets, and starts clearing what Relay stored about it; refused while
 * spaces still map to it (they are named).
 */
export async function deleteTarget(platform: Platform, payload: unknown): Promise<Outcome<null>> {
  const parsed = deleteTargetPayload.safeParse(payload);
  if (!parsed.success) return invalid(fieldIssues(parsed.error));
  const { id, rev } = parsed.data;
  const { mappings } = await loadEditable(platform);
  const spaces = mappings.filter((m) => m.targets.some((t) => t.targetId === id)).map((m) => m.spaceKey);
  if (spaces.length > 0) return { status: 'refused', refusal: { code: 'targetInUse', spaces } };
  const existing = await current(platform, id);
  const stored = await platform.store.getEntity<{ rev?: number }>(TARGET, id);
  if (stored?.rev !== rev) return { status: 'conflict', current: null };
  const removedAt = await markPurge(platform, id);
  const removal = { entity: TARGET, key: id, remove: true as const, expectedRev: rev };
  if ((await new SettingsRepo(platform.store, platform.log).writeIfUnchanged([removal])) === 'conflict') {
    await unmarkPurge(platform, id);
    return { status: 'conflict', current: null };
  }
  if (existing)
    await Promise.all(secretKeysOf(existing.target).map((key) => platform.secrets.deleteSecret(key)));
  // What was delivered to it, its rate windows, waiting line and indexes: cleared in the background.
  await startPurge(platform, id, removedAt);
  platform.log.info('target removed', { targetId: id });
  return { status: 'saved', value: null };
}
