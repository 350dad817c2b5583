import type { DeliveryOptions, LabelFilter, SelectionRule } from './selection';

/** What the consumer knows of a page; facts it has not fetched yet are undefined. */
export interface PageFacts {
  status: string;
  labels: Array<{ name: string; prefix: string }>;
  /** null: the page has no content state. */
  state?: { name: string } | null | { error: string };
  restriction?: { restricted: boolean; where?: string } | { error: string };
  /** Ancestor ids, root first. */
  ancestors?: string[] | { error: string };
}

export type Fact = 'state' | 'restrictions' | 'ancestors';

export type Verdict =
  | { kind: 'eligible'; options?: DeliveryOptions }
  | { kind: 'ineligible'; reason: string }
  | { kind: 'needs'; facts: Fact[] };

const no = (reason: string): Verdict => ({ kind: 'ineligible', reason });
const isError = (v: unknown): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

function judgeLabels(filter: LabelFilter | undefined, labels: PageFacts['labels']): Verdict | undefined {
  if (!filter) return undefined;
  const names = new Set(labels.filter((l) => l.prefix === 'global').map((l) => l.name.toLowerCase()));
  const excluded = filter.exclude.find((l) => names.has(l.toLowerCase()));
  if (excluded) return no(`carries the excluded label "${excluded}"`);
  if (filter.include.length === 0) return undefined;
  const has = filter.include.filter((l) => names.has(l.toLowerCase()));
  if (filter.match === 'all' && has.length < filter.include.length) {
    return no(
      `lacks label(s) ${filter.include.filter((l) => !has.includes(l)).join(', ')} (all of ${filter.include.join(', ')} required)`,
    );
  }
  if (has.length === 0) return no(`carries none of the labels ${filter.include.join(', ')}`);
  return undefined;
}

function judgeSubtree(rootId: string | undefined, facts: PageFacts): Verdict | undefined {
  if (!rootId) return undefined;
  if (facts.ancestors === undefined) return { kind: 'needs', facts: ['ancestors'] };
  if (isError(facts.ancestors))
    return no(`ancestors could not be read, so the subtree rule fails closed: ${facts.ancestors.error}`);
  return facts.ancestors.includes(rootId) ? undefined : no(`is not below page ${rootId}`);
}

function judgeState(states: string[] | undefined, facts: PageFacts): Verdict | undefined {
  if (!states) return undefined;
  if (facts.state === undefined) return { kind: 'needs', facts: ['state'] };
  if (isError(facts.state))
    return no(`content state could not be read, so the verified rule fails closed: ${facts.state.error}`);
  const name = facts.state?.name;
  if (name && states.some((s) => s.toLowerCase() === name.toLowerCase())) return undefined;
  return no(
    `is not verified: ${name ? `its status is "${name}"` : 'it has no status'} (needs ${states.join(' or ')})`,
  );
}

function judgeRestriction(pushRestricted: boolean, facts: PageFacts): Verdict | undefined {
  if (pushRestricted) return undefined;
  if (facts.restriction === undefined) return { kind: 'needs', facts: ['restrictions'] };
  if (isError(facts.restriction))
    return no(
      `restrictions could not be verified, so the page stays (fail closed): ${facts.restriction.error}`,
    );
  if (!facts.restriction.restricted) return undefined;
  return no(
    `is blocked by a read restriction${facts.restriction.where ? ` on page ${facts.restriction.where}` : ''}`,
  );
}

/** One rule, cheapest checks first; facts are asked for only when a rule still depends on them. */
export function judgeRule(rule: SelectionRule, facts: PageFacts): Verdict {
  if (facts.status !== 'current') return no(`is ${facts.status}`);
  const checks = [
    () => judgeLabels(rule.labels, facts.labels),
    () => judgeSubtree(rule.subtreeRootId, facts),
    () => judgeState(rule.verifiedStates, facts),
    () => judgeRestriction(rule.pushRestricted, facts),
  ];
  for (const check of checks) {
    const verdict = check();
    if (verdict) return verdict;
  }
  return { kind: 'eligible' };
}

/** A page may go to a target when any of the target's rules for its space admits it. */
export function judge(rules: SelectionRule[], facts: PageFacts, spaceKey: string | undefined): Verdict {
  if (rules.length === 0) return no(`space ${spaceKey ?? '?'} is not mapped to this target`);
  const verdicts = rules.map((rule) => judgeRule(rule, facts));
  const admitting = rules.find((_, i) => verdicts[i]!.kind === 'eligible');
  if (admitting)
    return admitting.options ? { kind: 'eligible', options: admitting.options } : { kind: 'eligible' };
  const needs = [...new Set(verdicts.flatMap((v) => (v.kind === 'needs' ? v.facts : [])))];
  if (needs.length > 0) return { kind: 'needs', facts: needs };
  const reasons = [...new Set(verdicts.map((v) => (v.kind === 'ineligible' ? v.reason : '')))];
  return no(`page ${reasons.join('; ')}`);
}
