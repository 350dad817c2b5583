import type { PageFacts } from '../../../src/domain/eligibility';
import type { LedgerRow } from '../../../src/domain/ledger';
import { planDeliveries, type PlanInput } from '../../../src/domain/plan';
import type { RelayEvent } from '../../../src/domain/relay-event';
import { spaceMappingSchema, webhookTargetSchema, type Settings } from '../../../src/domain/settings';

const event: RelayEvent = {
  kind: 'label',
  action: 'removed',
  pageId: '42',
  label: 'kb',
  minorEdit: false,
  suppressNotifications: false,
};
const target = (id: string, extra: Record<string, unknown> = {}) =>
  webhookTargetSchema.parse({ id, name: id, kind: 'webhook', url: 'https://h.example.org', ...extra });
const settings: Settings = {
  targets: [
    target('remove-me'),
    target('keep-me', { whenIneligible: 'keep' }),
    target('off', { enabled: false, disabledReason: 'receiver answered 410 Gone' }),
    target('sel', { selector: 'DOCS{faq}' }),
  ],
  mappings: [
    spaceMappingSchema.parse({
      spaceKey: 'DOCS',
      targets: [
        { targetId: 'remove-me', pushRestricted: true, labels: { include: ['kb'] } },
        { targetId: 'keep-me', pushRestricted: true, labels: { include: ['kb'] } },
        { targetId: 'off', pushRestricted: true },
      ],
    }),
  ],
};
const row = (targetId: string): LedgerRow => ({
  contentId: '42',
  targetId,
  version: 3,
  digest: 'd',
  fetchedAt: 1,
  status: 'synced',
  rev: 1,
  claimToken: '',
  claimVersion: 0,
  claimUntil: 0,
  updatedAt: 1,
});
const facts: PageFacts = { status: 'current', labels: [{ name: 'howto', prefix: 'global' }] };
const base: PlanInput = { event, facts, spaceKey: 'DOCS', settings, ledger: [] };

function decisions(input: PlanInput) {
  const plan = planDeliveries(input);
  if (plan.kind !== 'plan') throw new Error(`asked for ${plan.facts.join(', ')}`);
  return Object.fromEntries(plan.planned.map((p) => [p.targetId, `${p.action}: ${p.reason}`]));
}

describe('planDeliveries', () => {
  it('explains every target that does not get the page', () => {
    expect(decisions(base)).toEqual({
      'remove-me': 'skip: page carries none of the labels kb',
      'keep-me': 'skip: page carries none of the labels kb',
      off: 'skip: target is disabled: receiver answered 410 Gone',
      sel: 'skip: page carries none of the labels faq',
    });
  });

  it('removes a page that lost eligibility from the targets it reached, unless the target keeps it', () => {
    const reached = { ...base, ledger: [row('remove-me'), row('keep-me')] };
    expect(decisions(reached)).toMatchObject({
      'remove-me': 'remove: page carries none of the labels kb',
      'keep-me': 'skip: kept at the target by its policy although the page carries none of the labels kb',
    });
  });

  it('removes a gone page from every target it reached, even one no longer mapped', () => {
    const gone = {
      ...base,
      facts: undefined,
      goneReason: 'page is trashed, archived or deleted',
      spaceKey: 'HR',
      ledger: [row('remove-me')],
    };
    expect(decisions(gone)).toEqual({ 'remove-me': 'remove: page is trashed, archived or deleted' });
  });

  it('pushes to the targets whose rules admit the page', () => {
    const labelled = {
      ...base,
      facts: {
        status: 'current',
        labels: [
          { name: 'kb', prefix: 'global' },
          { name: 'faq', prefix: 'global' },
        ],
      },
    };
    const plan = planDeliveries(labelled);
    expect(plan).toEqual({ kind: 'needs', facts: ['restrictions'] }); // the selector target is default deny
    const known = { ...labelled, facts: { ...labelled.facts, restriction: { restricted: false } } };
    expect(decisions(known)).toMatchObject({
      'remove-me': 'upsert: label removed',
      'keep-me': 'upsert: label removed',
      sel: 'upsert: label removed',
    });
  });

  it('narrows to the targets of a retry', () => {
    expect(Object.keys(decisions({ ...base, only: ['keep-me'] }))).toEqual(['keep-me']);
  });
});
