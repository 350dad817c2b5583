import { judge, type Fact, type PageFacts } from './eligibility';
import type { LedgerRow } from './ledger';
import type { RelayEvent } from './relay-event';
import { rulesFor, targetsForSpace, type DeliveryOptions } from './selection';
import type { Settings, TargetSettings } from './settings';

export type PlannedAction = 'upsert' | 'remove' | 'notify' | 'skip';

export interface Planned {
  targetId: string;
  target?: TargetSettings;
  action: PlannedAction;
  reason: string;
  options?: DeliveryOptions;
}

export interface PlanInput {
  event: RelayEvent;
  /** undefined when the page is gone (trashed, archived, deleted: a current read 404s). */
  facts: PageFacts | undefined;
  goneReason?: string;
  spaceKey: string | undefined;
  settings: Settings;
  ledger: LedgerRow[];
  /** Restricts the plan to these targets (a retry or a replay). */
  only?: string[];
}

export type Plan = { kind: 'needs'; facts: Fact[] } | { kind: 'plan'; planned: Planned[] };

/**
 * One decision per target, from the state the consumer fetched (events only say what to
 * re-evaluate). A page goes to the targets whose rules admit it; a page that stops being eligible
 * leaves the targets it had reached (or stays, by the target's policy). When a rule depends on a
 * fact not fetched yet (content state, restrictions, ancestors), the plan asks for it first.
 */
export function planDeliveries(input: PlanInput): Plan {
  const { settings, spaceKey } = input;
  const reached = new Set(input.ledger.filter((r) => r.status === 'synced').map((r) => r.targetId));
  const candidates = [...new Set([...targetsForSpace(spaceKey, settings), ...reached])].filter(
    (id) => !input.only || input.only.includes(id),
  );
  const planned: Planned[] = [];
  const needs = new Set<Fact>();
  for (const targetId of candidates) {
    const target = settings.targets.find((t) => t.id === targetId);
    const plan = (action: PlannedAction, reason: string) =>
      planned.push({ targetId, target, action, reason });
    if (!target) plan('skip', 'target no longer exists');
    else if (!target.enabled)
      plan('skip', `target is disabled${target.disabledReason ? `: ${target.disabledReason}` : ''}`);
    else if (!input.facts) plan('remove', input.goneReason ?? 'page is gone');
    else {
      const verdict = judge(rulesFor(target, spaceKey, settings), input.facts, spaceKey);
      if (verdict.kind === 'needs') verdict.facts.forEach((f) => needs.add(f));
      else if (verdict.kind === 'eligible') {
        const action = input.event.kind === 'comment' ? 'notify' : 'upsert';
        const reason = `${input.event.kind} ${input.event.action}`;
        planned.push({ targetId, target, action, reason, options: verdict.options });
      } else if (input.event.kind === 'comment') plan('skip', verdict.reason);
      else if (!reached.has(targetId)) plan('skip', verdict.reason);
      else if (target.whenIneligible === 'keep')
        plan('skip', `kept at the target by its policy although the ${verdict.reason}`);
      else plan('remove', verdict.reason);
    }
  }
  return needs.size > 0 ? { kind: 'needs', facts: [...needs] } : { kind: 'plan', planned };
}
