import type { LedgerRow } from './ledger';
import type { RelayEvent } from './relay-event';
import type { Settings, TargetSettings } from './settings';
import type { PageSnapshot } from './snapshots';

export type PlannedAction = 'upsert' | 'remove' | 'notify' | 'skip';

export interface Planned {
  targetId: string;
  target?: TargetSettings;
  action: PlannedAction;
  reason: string;
  /** Default deny: the page's read restrictions must be checked before anything is sent. */
  needsRestrictionCheck: boolean;
}

export interface PlanInput {
  event: RelayEvent;
  /** undefined when the page is gone (trashed, archived, deleted). */
  page: PageSnapshot | undefined;
  goneReason?: string;
  spaceKey: string | undefined;
  settings: Settings;
  ledger: LedgerRow[];
  /** Restricts the plan to these targets (a retry or a replay). */
  only?: string[];
}

/**
 * One decision per target, from the state the consumer fetched (events only say what to
 * re-evaluate): a page goes to the targets its space is mapped to; a page that left (gone, not
 * current, space unmapped) is removed from the targets it had reached.
 */
export function planDeliveries(input: PlanInput): Planned[] {
  const mapping = input.settings.mappings.find((m) => m.spaceKey === input.spaceKey);
  const mapped = new Map((mapping?.targets ?? []).map((t) => [t.targetId, t]));
  const reached = new Set(input.ledger.filter((r) => r.status === 'synced').map((r) => r.targetId));
  const candidates = [...new Set([...mapped.keys(), ...reached])].filter(
    (id) => !input.only || input.only.includes(id),
  );
  return candidates.map((targetId) => {
    const target = input.settings.targets.find((t) => t.id === targetId);
    const plan = (action: PlannedAction, reason: string, needsRestrictionCheck = false): Planned => ({
      targetId,
      target,
      action,
      reason,
      needsRestrictionCheck,
    });
    if (!target) return plan('skip', 'target no longer exists');
    if (!target.enabled)
      return plan('skip', `target is disabled${target.disabledReason ? `: ${target.disabledReason}` : ''}`);
    if (!input.page) return plan('remove', input.goneReason ?? 'page is gone');
    if (input.page.status !== 'current') return plan('remove', `page is ${input.page.status}`);
    const entry = mapped.get(targetId);
    if (!entry) return plan('remove', `space ${input.spaceKey ?? '?'} is not mapped to this target`);
    const check = !entry.pushRestricted;
    if (input.event.kind === 'comment') return plan('notify', `comment ${input.event.action}`, check);
    return plan('upsert', `${input.event.kind} ${input.event.action}`, check);
  });
}
