import { judge, judgeRule, type PageFacts } from '../../../src/domain/eligibility';
import type { SelectionRule } from '../../../src/domain/selection';

const rule = (over: Partial<SelectionRule> = {}): SelectionRule => ({
  spaceKey: 'DOCS',
  pushRestricted: false,
  ...over,
});
const labels = (...names: string[]) => names.map((name) => ({ name, prefix: 'global' }));
const open: PageFacts = {
  status: 'current',
  labels: labels('kb'),
  restriction: { restricted: false },
  ancestors: ['1', '2'],
  state: { name: 'Verified' },
};

describe('eligibility rules', () => {
  it.each<[string, Partial<SelectionRule>, Partial<PageFacts>, string]>([
    ['whole space', {}, {}, 'eligible'],
    ['archived page', {}, { status: 'archived' }, 'is archived'],
    ['draft page', {}, { status: 'draft' }, 'is draft'],
    [
      'include any: has one',
      { labels: { include: ['kb', 'faq'], exclude: [], match: 'any' } },
      {},
      'eligible',
    ],
    [
      'include any: has none',
      { labels: { include: ['faq'], exclude: [], match: 'any' } },
      {},
      'carries none of the labels faq',
    ],
    [
      'include all: lacks one',
      { labels: { include: ['kb', 'faq'], exclude: [], match: 'all' } },
      {},
      'lacks label(s) faq (all of kb, faq required)',
    ],
    [
      'include all: has all',
      { labels: { include: ['kb', 'faq'], exclude: [], match: 'all' } },
      { labels: labels('faq', 'kb') },
      'eligible',
    ],
    [
      'exclude wins',
      { labels: { include: ['kb'], exclude: ['draft'], match: 'any' } },
      { labels: labels('kb', 'draft') },
      'carries the excluded label "draft"',
    ],
    [
      'exclude only',
      { labels: { include: [], exclude: ['draft'], match: 'any' } },
      { labels: [] },
      'eligible',
    ],
    [
      'personal labels do not count',
      { labels: { include: ['kb'], exclude: [], match: 'any' } },
      { labels: [{ name: 'kb', prefix: 'my' }] },
      'carries none of the labels kb',
    ],
    [
      'labels compare case-insensitively',
      { labels: { include: ['KB'], exclude: [], match: 'any' } },
      {},
      'eligible',
    ],
    ['verified', { verifiedStates: ['Verified'] }, {}, 'eligible'],
    ['verified under another name', { verifiedStates: ['Approved', 'verified'] }, {}, 'eligible'],
    [
      'not verified',
      { verifiedStates: ['Verified'] },
      { state: { name: 'In progress' } },
      'is not verified: its status is "In progress" (needs Verified)',
    ],
    [
      'no state',
      { verifiedStates: ['Verified'] },
      { state: null },
      'is not verified: it has no status (needs Verified)',
    ],
    [
      'state API failed: fail closed',
      { verifiedStates: ['Verified'] },
      { state: { error: '500' } },
      'content state could not be read, so the verified rule fails closed: 500',
    ],
    ['in subtree', { subtreeRootId: '2' }, {}, 'eligible'],
    ['outside subtree', { subtreeRootId: '9' }, {}, 'is not below page 9'],
    [
      'restricted (inherited)',
      {},
      { restriction: { restricted: true, where: '1' } },
      'is blocked by a read restriction on page 1',
    ],
    [
      'restricted but opted in',
      { pushRestricted: true },
      { restriction: { restricted: true, where: '1' } },
      'eligible',
    ],
    [
      'restriction check failed: fail closed',
      {},
      { restriction: { error: 'ancestor 404' } },
      'restrictions could not be verified, so the page stays (fail closed): ancestor 404',
    ],
  ])('%s', (_name, over, facts, expected) => {
    const verdict = judgeRule(rule(over), { ...open, ...facts });
    expect(verdict.kind === 'ineligible' ? verdict.reason : verdict.kind).toBe(expected);
  });

  it('asks only for the facts a rule still depends on, cheapest first', () => {
    const bare: PageFacts = { status: 'current', labels: labels('kb') };
    expect(
      judgeRule(
        rule({ labels: { include: ['faq'], exclude: [], match: 'any' }, verifiedStates: ['Verified'] }),
        bare,
      ).kind,
    ).toBe('ineligible');
    expect(judgeRule(rule({ verifiedStates: ['Verified'] }), bare)).toEqual({
      kind: 'needs',
      facts: ['state'],
    });
    expect(judgeRule(rule(), bare)).toEqual({ kind: 'needs', facts: ['restrictions'] });
    expect(judgeRule(rule({ pushRestricted: true }), bare)).toEqual({ kind: 'eligible' });
    expect(judgeRule(rule({ pushRestricted: true, subtreeRootId: '2' }), bare)).toEqual({
      kind: 'needs',
      facts: ['ancestors'],
    });
  });

  it('admits a page when any rule does; explains every refusal otherwise', () => {
    const kb = rule({ labels: { include: ['kb'], exclude: [], match: 'any' } });
    const faq = rule({ labels: { include: ['faq'], exclude: [], match: 'any' } });
    expect(judge([faq, kb], open, 'DOCS')).toEqual({ kind: 'eligible' });
    expect(judge([faq], open, 'DOCS')).toEqual({
      kind: 'ineligible',
      reason: 'page carries none of the labels faq',
    });
    expect(judge([], open, 'HR')).toEqual({
      kind: 'ineligible',
      reason: 'space HR is not mapped to this target',
    });
  });
});
