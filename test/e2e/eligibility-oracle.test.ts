import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import type { ConfluencePage } from '../../src/sandbox/fake-confluence/confluence-model';
import type { ConfluenceState } from '../../src/sandbox/fake-confluence/confluence-state';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

/**
 * An oracle computed from the fake site's final page tree, independently of the rules' code, says
 * which pages each target must hold; every target's final state is compared with it. A rule that
 * denies everything fails here as surely as one that leaks.
 */
type Oracle = (page: ConfluencePage, site: ConfluenceState) => boolean;

const readRestricted = (p: ConfluencePage) =>
  p.restrictions.read.users.length + p.restrictions.read.groups.length > 0;
const chain = (p: ConfluencePage, site: ConfluenceState) => [p, ...site.ancestorsOf(p.id)];
const globalLabels = (p: ConfluencePage) => p.labels.filter((l) => l.prefix === 'global').map((l) => l.name);
const open = (p: ConfluencePage, site: ConfluenceState) =>
  p.status === 'current' && !chain(p, site).some(readRestricted);
const inSpace = (p: ConfluencePage, site: ConfluenceState, key: string) =>
  site.getSpace(p.spaceId)?.key === key;

const TARGETS: Record<string, { mapping: unknown; oracle: Oracle; selector?: string }> = {
  everything: { mapping: 'everything', oracle: (p, s) => inSpace(p, s, 'DOCS') && open(p, s) },
  'kb-or-faq': {
    mapping: { id: 'kb-or-faq', labels: { include: ['kb', 'faq'], exclude: ['draft'] } },
    oracle: (p, s) =>
      inSpace(p, s, 'DOCS') &&
      open(p, s) &&
      globalLabels(p).some((l) => l === 'kb' || l === 'faq') &&
      !globalLabels(p).includes('draft'),
  },
  'kb-and-faq': {
    mapping: { id: 'kb-and-faq', labels: { include: ['kb', 'faq'], match: 'all' } },
    oracle: (p, s) =>
      inSpace(p, s, 'DOCS') &&
      open(p, s) &&
      globalLabels(p).includes('kb') &&
      globalLabels(p).includes('faq'),
  },
  verified: {
    mapping: { id: 'verified', verifiedOnly: true },
    oracle: (p, s) => inSpace(p, s, 'DOCS') && open(p, s) && p.contentState?.name === 'Verified',
  },
  'under-guides': {
    mapping: { id: 'under-guides', subtree: 'guides' },
    oracle: (p, s) =>
      inSpace(p, s, 'DOCS') && open(p, s) && s.ancestorsOf(p.id).some((a) => a.title === 'Guides'),
  },
  'restricted-too': {
    mapping: { id: 'restricted-too', pushRestricted: true },
    oracle: (p, s) => inSpace(p, s, 'DOCS') && p.status === 'current',
  },
  selector: {
    mapping: undefined,
    selector: 'DOCS{faq}, OPS',
    oracle: (p, s) =>
      open(p, s) && ((inSpace(p, s, 'DOCS') && globalLabels(p).includes('faq')) || inSpace(p, s, 'OPS')),
  },
};

const ALICE = 'u-alice';
const BOB = 'u-bob';

function page(ref: string, title: string, parent?: string, extra: Record<string, unknown> = {}) {
  return { ref, space: 'DOCS', title, parent, body: `<p>${title}</p>`, author: ALICE, ...extra };
}

const scenario = scenarioSchema.parse({
  name: 'eligibility oracle',
  seed: 11,
  users: [
    { accountId: ALICE, displayName: 'Alice' },
    { accountId: BOB, displayName: 'Bob' },
  ],
  spaces: [
    { key: 'DOCS', name: 'Docs' },
    { key: 'OPS', name: 'Ops' },
  ],
  pages: [
    page('home', 'Home'),
    page('guides', 'Guides', 'home', { labels: ['kb'] }),
    page('install', 'Install', 'guides', { labels: ['kb', 'faq'], state: 'Verified' }),
    page('upgrade', 'Upgrade', 'guides', { labels: ['kb', 'draft'] }),
    page('deep1', 'Deep 1', 'install', { labels: ['faq'] }),
    page('deep2', 'Deep 2', 'deep1', { labels: ['faq', 'kb'], state: 'Verified' }),
    page('deep3', 'Deep 3', 'deep2', { labels: ['kb'], state: 'In progress' }),
    page('private', 'Private', 'home', { restrictions: { read: [BOB] } }),
    page('private-child', 'Private child', 'private', { labels: ['kb'] }),
    page('private-grandchild', 'Private grandchild', 'private-child', { labels: ['faq'], state: 'Verified' }),
    page('edit-only', 'Edit only', 'home', { labels: ['faq'], restrictions: { update: [BOB] } }),
    page('edit-only-child', 'Edit only child', 'edit-only', { labels: ['kb'] }),
    page('moving', 'Moving', 'private', { labels: ['kb', 'faq'] }),
    page('moving-child', 'Moving child', 'moving', { labels: ['faq'], state: 'Verified' }),
    { ref: 'runbook', space: 'OPS', title: 'Runbook', body: '<p>ops</p>', author: ALICE },
  ],
  targets: Object.entries(TARGETS).map(([id, t]) => ({
    id,
    name: id,
    kind: 'webhook',
    settings: t.selector === undefined ? {} : { selector: t.selector },
  })),
  mappings: [
    { space: 'DOCS', targets: Object.values(TARGETS).flatMap((t) => (t.mapping ? [t.mapping] : [])) },
  ],
  steps: [],
  expect: { targets: {} },
});

describe('which pages may leave Confluence (oracle)', () => {
  let env: SandboxEnv;
  beforeAll(async () => {
    env = await startSandbox(scenario, (v) => v);
  });
  afterAll(() => env.close());

  const id = (ref: string) => env.refs.get(ref)!;
  const send = async (event: unknown) => {
    await handleConfluenceEvent(env.platform, event);
    await env.queue.runUntilIdle();
  };

  function check(when: string) {
    const pages = env.state.listPages();
    for (const [targetId, t] of Object.entries(TARGETS)) {
      const held = env.receivers.get(targetId)!.state();
      const expected = pages
        .filter((p) => t.oracle(p, env.state))
        .map((p) => p.title)
        .sort();
      const actual = pages
        .filter((p) => held[p.id]?.present)
        .map((p) => p.title)
        .sort();
      expect({ when, targetId, pages: actual }).toEqual({ when, targetId, pages: expected });
      expect(env.receivers.get(targetId)!.violations()).toEqual([]);
    }
  }

  it('pushes exactly the eligible pages when every page is edited', async () => {
    for (const p of env.state.listPages())
      await send(env.state.updatePage(p.id, { body: `<p>${p.title} v2</p>` }));
    check('after editing every page');
    // Sanity: the oracle is not trivially empty or full.
    expect(
      Object.values(env.receivers.get('everything')!.state()).filter((s) => s.present).length,
    ).toBeGreaterThan(5);
    expect(env.receivers.get('everything')!.state()[id('private-grandchild')]).toBeUndefined();
  });

  it('removes a page and all below it when it becomes restricted', async () => {
    await send(env.state.setRestrictions(id('install'), { read: { users: [ALICE], groups: [] } }));
    check('after restricting Install');
    expect(env.receivers.get('everything')!.state()[id('deep3')]).toMatchObject({ present: false });
  });

  it('brings a subtree moved out from under a restricted parent, whole', async () => {
    await send(env.state.movePage(id('moving'), { parentId: id('guides') }));
    check('after moving Moving under Guides');
    expect(env.receivers.get('under-guides')!.state()[id('moving-child')]).toMatchObject({ present: true });
  });

  it('follows label, status and state changes', async () => {
    await send(env.state.removeLabel(id('moving'), { name: 'kb' }));
    await send(env.state.addLabel(id('upgrade'), { name: 'faq' }));
    await send(
      env.state.setContentState(id('moving'), { state: { id: 0, name: 'Verified', color: '#1f845a' } }),
    );
    await send(env.state.archivePage(id('edit-only-child')));
    await send(env.state.setRestrictions(id('install'), { read: { users: [], groups: [] } }));
    check('after label, state, archive and unrestrict changes');
  });
});
