import type { DeliveryRecord } from '../../domain/delivery-record';
import type { Scenario } from './scenario-schema';

export interface ReceivedPage {
  present: boolean;
  version: number;
  title?: string;
  labels?: string[];
}

export interface TargetState {
  pages: Record<string, ReceivedPage>;
  enabled: boolean;
  messages: number;
  /** Bitrix24: messages per task ref and per chat name, personal messages in all. */
  tasks?: Record<string, number>;
  chats?: Record<string, number>;
  people?: number;
}

/** Compares every target's final state with the scenario's expectation; returns the differences. */
export function checkExpectations(
  scenario: Scenario,
  refs: Map<string, string>,
  targets: Record<string, TargetState>,
  deliveries: DeliveryRecord[],
): string[] {
  const out: string[] = [];
  for (const [targetId, expected] of Object.entries(scenario.expect.targets)) {
    const actual = targets[targetId];
    if (!actual) {
      out.push(`${targetId}: no such target in the scenario`);
      continue;
    }
    if (expected.enabled !== undefined && expected.enabled !== actual.enabled) {
      out.push(
        `${targetId}: expected ${expected.enabled ? 'enabled' : 'disabled'}, is ${actual.enabled ? 'enabled' : 'disabled'}`,
      );
    }
    out.push(...countMismatches(targetId, expected, actual));
    for (const [ref, want] of Object.entries(expected.pages)) {
      const pageId = refs.get(ref);
      const got = pageId ? actual.pages[pageId] : undefined;
      const where = `${targetId}/${ref}`;
      if (!got?.present) {
        if (want.present) out.push(`${where}: expected present, ${got ? 'was removed' : 'never arrived'}`);
        continue;
      }
      if (!want.present) out.push(`${where}: expected absent, is present at version ${got.version}`);
      if (want.version !== undefined && got.version !== want.version)
        out.push(`${where}: expected version ${want.version}, got ${got.version}`);
      if (want.title !== undefined && got.title !== want.title)
        out.push(`${where}: expected title "${want.title}", got "${got.title}"`);
      if (
        want.labels &&
        JSON.stringify([...want.labels].sort()) !== JSON.stringify([...(got.labels ?? [])].sort())
      ) {
        out.push(
          `${where}: expected labels [${want.labels.join(', ')}], got [${(got.labels ?? []).join(', ')}]`,
        );
      }
    }
  }
  const rejected = deliveries.filter((d) => d.status === 'rejected').length;
  if (scenario.expect.rejectedEvents !== undefined && rejected !== scenario.expect.rejectedEvents) {
    out.push(`expected ${scenario.expect.rejectedEvents} rejected event(s), logged ${rejected}`);
  }
  return out;
}

type ExpectedTarget = Scenario['expect']['targets'][string];

/** Bitrix24 message counts: per task, per chat, personal. */
function countMismatches(targetId: string, expected: ExpectedTarget, actual: TargetState): string[] {
  const out: string[] = [];
  const compare = (what: string, want: number | undefined, got: number | undefined) => {
    if (want !== undefined && want !== (got ?? 0))
      out.push(`${targetId}/${what}: expected ${want} message(s), got ${got ?? 0}`);
  };
  for (const [ref, n] of Object.entries(expected.tasks ?? {})) compare(`task ${ref}`, n, actual.tasks?.[ref]);
  for (const [name, n] of Object.entries(expected.chats ?? {}))
    compare(`chat ${name}`, n, actual.chats?.[name]);
  compare('personal', expected.people, actual.people);
  return out;
}
