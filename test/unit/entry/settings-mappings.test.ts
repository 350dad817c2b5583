/**
 * Space mapping operations of the settings resolver, for Confluence admins (any space) and space
 * admins (their space, taken from the module context through Confluence; a payload naming another
 * space is refused). Boundaries as in admin-resolver.test.ts.
 */
jest.mock('@forge/api', () => jest.requireActual('./forge-api-stub').forgeApiStub());

import { confluenceRoutes } from './confluence-replies';
import { mockUserRequest } from './forge-api-stub';
import type { KvsWireFake } from './kvs-wire-fake';
import { SPACE_ADMIN, SPACE_QM, call, spaceQm, spaceSettings, settingsWorld } from './resolver-kit';

const world = settingsWorld(['https://*.halopsa.com', 'https://hooks.example.com']);
let kvs: KvsWireFake;
beforeEach(() => (kvs = world()));

const everyOption = {
  targetId: 'hooks',
  labels: { include: ['KB', 'howto'], exclude: ['draft'], match: 'all' },
  verifiedOnly: true,
  verifiedStates: ['Verified', 'Approved'],
  subtreeRootId: '544112828',
  pushRestricted: true,
};

describe('saveMapping by a Confluence admin', () => {
  it('saves a new space with every per-mapping option, labels normalised', async () => {
    const mapping = { spaceKey: 'OPS', targets: [everyOption] };
    const result = await call('saveMapping', { mapping, rev: 0 });
    expect(result).toMatchObject({
      status: 'saved',
      value: {
        spaceKey: 'OPS',
        rev: 1,
        targets: [{ ...everyOption, labels: { include: ['kb', 'howto'], exclude: ['draft'], match: 'all' } }],
      },
    });
    expect(kvs.entity('space-mapping').get('OPS')).toMatchObject({ spaceKey: 'OPS', rev: 1 });
  });

  it('names the field of each problem: schema, unknown target, options of another kind, selector-ruled target', async () => {
    kvs.entity('target').set('tagged', {
      kind: 'webhook',
      id: 'tagged',
      name: 'Tagged',
      url: 'https://hooks.example.com/t',
      selector: 'OPS{runbook}',
      rev: 1,
    });
    const mapping = {
      spaceKey: 'OPS',
      targets: [
        {
          targetId: 'hooks',
          labels: { include: ['two words'] },
          subtreeRootId: 'home',
          haloVisibility: 'agents',
        },
        { targetId: 'ghost' },
        { targetId: 'tagged', bitrixDialogId: 'chat42' },
      ],
    };
    const invalid = await call('saveMapping', { mapping, rev: 0 });
    expect(invalid).toEqual({
      status: 'invalid',
      issues: [
        {
          field: 'targets.0.labels.include.0',
          message: 'a label has no spaces, commas or braces',
          code: 'invalid_format',
        },
        { field: 'targets.0.subtreeRootId', message: 'must be a page id', code: 'invalid_format' },
      ],
    });
    mapping.targets[0] = { targetId: 'hooks', haloVisibility: 'agents' } as (typeof mapping.targets)[0];
    const crossChecked = await call('saveMapping', { mapping, rev: 0 });
    expect(crossChecked).toEqual({
      status: 'invalid',
      issues: [
        { field: 'targets.0.haloVisibility', message: 'only for Halo targets' },
        { field: 'targets.1.targetId', message: 'no such target' },
        {
          field: 'targets.2.targetId',
          message: 'this target chooses its pages with a selector expression; space mappings do not apply',
        },
        { field: 'targets.2.bitrixDialogId', message: 'only for Bitrix24 targets' },
      ],
    });
    expect(kvs.entity('space-mapping').has('OPS')).toBe(false);
  });

  it("sets the space's Halo FAQ list on the target in the same transaction, and visibility on the mapping", async () => {
    const mapping = {
      spaceKey: 'QM',
      targets: [{ targetId: 'hooks' }, { targetId: 'kb', haloVisibility: { teams: [3, 5] } }],
    };
    const result = await call('saveMapping', { mapping, rev: 1, faqLists: { kb: 31 } });
    expect(result).toMatchObject({ status: 'saved', value: { rev: 2 } });
    expect(kvs.entity('target').get('kb')).toMatchObject({ faqLists: { ENG: 12, QM: 31 }, rev: 5 });
    const tx = kvs.callsTo('/api/v1/transaction');
    expect(tx).toHaveLength(1);
    expect((tx[0]!.set as unknown[]).length).toBe(2);

    await call('saveMapping', { mapping, rev: 2, faqLists: { kb: null } });
    expect(kvs.entity('target').get('kb')).toMatchObject({ faqLists: { ENG: 12 }, rev: 6 });
    await expect(call('saveMapping', { mapping, rev: 3, faqLists: { hooks: 'auto' } })).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'faqLists.hooks', message: 'only for Halo targets' }],
    });
  });

  it('a concurrent edit is not overwritten: the second admin gets the newer mapping', async () => {
    await call('saveMapping', { mapping: { spaceKey: 'QM', targets: [{ targetId: 'kb' }] }, rev: 1 });
    const late = await call('saveMapping', {
      mapping: { spaceKey: 'QM', targets: [{ targetId: 'hooks', pushRestricted: true }] },
      rev: 1,
    });
    expect(late).toMatchObject({
      status: 'conflict',
      current: { spaceKey: 'QM', rev: 2, targets: [{ targetId: 'kb' }] },
    });
    expect(kvs.entity('space-mapping').get('QM')).toMatchObject({ targets: [{ targetId: 'kb' }] });
  });

  it('a Halo target changed by someone else meanwhile makes the whole save a conflict (nothing half-written)', async () => {
    const kb = kvs.entity('target').get('kb') as Record<string, unknown>;
    const host = globalThis as unknown as {
      __forge_fetch__: (t: unknown, path: string, init: unknown) => unknown;
    };
    const forward = host.__forge_fetch__;
    // Another admin renames the target between this save's read and its transaction.
    host.__forge_fetch__ = (t, path, init) => {
      if (path === '/api/v1/transaction')
        kvs.entity('target').set('kb', { ...kb, name: 'KB (renamed)', rev: 5 });
      return forward(t, path, init);
    };
    const result = await call('saveMapping', {
      mapping: { spaceKey: 'QM', targets: [{ targetId: 'kb' }] },
      rev: 1,
      faqLists: { kb: 7 },
    });
    expect(result).toMatchObject({ status: 'conflict', current: { spaceKey: 'QM', rev: 1 } });
    expect(kvs.entity('space-mapping').get('QM')).toMatchObject({ rev: 1, targets: [{ targetId: 'hooks' }] });
    expect(kvs.entity('target').get('kb')).toMatchObject({
      name: 'KB (renamed)',
      faqLists: { ENG: 12 },
      rev: 5,
    });
  });

  it('removes a mapping; a stale rev is a conflict', async () => {
    await expect(call('deleteMapping', { spaceKey: 'ENG', rev: 1 })).resolves.toEqual({
      status: 'conflict',
      current: null,
    });
    await expect(call('deleteMapping', { spaceKey: 'ENG', rev: 2 })).resolves.toEqual({
      status: 'saved',
      value: null,
    });
    expect(kvs.entity('space-mapping').has('ENG')).toBe(false);
  });
});

describe('saveMapping by a space admin', () => {
  beforeEach(() => mockUserRequest.mockImplementation(confluenceRoutes(SPACE_ADMIN)));

  it('saves the mapping of their own space, and its FAQ list on the Halo target', async () => {
    const result = await call(
      'saveMapping',
      {
        mapping: { spaceKey: 'QM', targets: [{ targetId: 'kb', verifiedOnly: true }] },
        rev: 1,
        faqLists: { kb: 'auto' },
      },
      spaceSettings,
    );
    expect(result).toMatchObject({ status: 'saved', value: { spaceKey: 'QM', rev: 2 } });
    expect(kvs.entity('target').get('kb')).toMatchObject({ faqLists: { ENG: 12, QM: 'auto' } });
  });

  it('refuses a payload that names another space (or none), writing nothing', async () => {
    for (const spaceKey of ['ENG', undefined, 'qm']) {
      await expect(
        call(
          'saveMapping',
          { mapping: { spaceKey, targets: [{ targetId: 'hooks' }] }, rev: 2 },
          spaceSettings,
        ),
      ).resolves.toEqual({ status: 'refused', refusal: { code: 'otherSpace', spaceKey: 'QM' } });
    }
    await expect(call('deleteMapping', { spaceKey: 'ENG', rev: 2 }, spaceSettings)).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'otherSpace', spaceKey: 'QM' },
    });
    expect(kvs.callsTo('/api/v1/transaction')).toEqual([]);
    expect(kvs.entity('space-mapping').get('ENG')).toMatchObject({ rev: 2 });
  });

  it('removes the mapping of their own space', async () => {
    await expect(call('deleteMapping', { spaceKey: 'QM', rev: 1 }, spaceSettings)).resolves.toEqual({
      status: 'saved',
      value: null,
    });
  });

  it('a reader of the space is refused before anything is read or written', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({ [SPACE_QM]: spaceQm([{ operation: 'read', targetType: 'space' }]) }),
    );
    await expect(
      call('saveMapping', { mapping: { spaceKey: 'QM', targets: [] }, rev: 1 }, spaceSettings),
    ).resolves.toEqual({ status: 'refused', refusal: { code: 'notSpaceAdmin', spaceKey: 'QM' } });
    expect(kvs.calls).toEqual([]);
  });
});
