/**
 * The `adminResolver` handler's rights and `getSettings`, invoked the way the Forge runtime invokes
 * it (see resolver-kit.ts). Boundaries: `asUser().requestConfluence` of @forge/api is a jest mock;
 * kvs (settings, secrets) is the real @forge/kvs over the in-memory server of kvs-wire-fake.ts;
 * egress is the real `permissions.canFetchFrom` over a granted list.
 */
jest.mock('@forge/api', () => jest.requireActual('./forge-api-stub').forgeApiStub());

import { confluenceRoutes, json } from './confluence-replies';
import { mockUserRequest } from './forge-api-stub';
import type { KvsWireFake } from './kvs-wire-fake';
import {
  CONFLUENCE_ADMIN,
  CURRENT_USER,
  SPACE_ADMIN,
  SPACE_QM,
  call,
  currentUser,
  globalSettings,
  runtime,
  spaceQm,
  spaceSettings,
  revokeRuntime,
  settingsWorld,
} from './resolver-kit';

const world = settingsWorld(['https://*.halopsa.com', 'https://hooks.example.com']);
let kvs: KvsWireFake;
beforeEach(() => (kvs = world()));

const getSettings = (context: Record<string, unknown>, backend?: Record<string, unknown>) =>
  call('getSettings', {}, context, backend);

describe('getSettings in global settings', () => {
  it('gives a Confluence admin every target with its settings, secretSet and egress, and every mapping; no secret', async () => {
    const seen: string[] = [];
    mockUserRequest.mockImplementation(
      confluenceRoutes(
        {
          [CURRENT_USER]: currentUser([
            { operation: 'use', targetType: 'application' },
            { operation: 'administer', targetType: 'application' },
          ]),
        },
        seen,
      ),
    );
    const result = await getSettings(globalSettings, runtime({ isActive: true }));

    expect(seen).toEqual([CURRENT_USER]);
    expect(result).toMatchObject({
      scope: { kind: 'global' },
      licensed: true,
      targets: [
        {
          target: { id: 'hooks', kind: 'webhook', url: 'https://hooks.example.com/relay', rev: 1 },
          secretSet: true,
          egress: [{ field: 'url', host: 'hooks.example.com', allowed: true }],
        },
        {
          target: { id: 'archive', enabled: false, disabledReason: expect.stringContaining('410 Gone') },
          secretSet: false,
          egress: [{ field: 'url', host: 'archive.example.com', allowed: false }],
        },
        {
          target: { id: 'kb', kind: 'halo', faqLists: { ENG: 12 } },
          secretSet: true,
          egress: [{ field: 'baseUrl', host: 'acme.halopsa.com', allowed: true }],
        },
      ],
      mappings: [
        { spaceKey: 'QM', rev: 1, targets: [{ targetId: 'hooks' }] },
        { spaceKey: 'ENG', rev: 2 },
      ],
    });
    // The secrets were looked at (that is how secretSet is known) but never leave the resolver.
    expect(kvs.callsTo('/api/v1/secret/get')).toContainEqual({ key: 'target:hooks:signing-secrets' });
    const text = JSON.stringify(result);
    expect(text).not.toContain('whsec_');
    expect(text).not.toContain('halo-client-secret-value');
  });

  it('still answers when the runtime cannot say what egress it grants (no hint rather than a failure)', async () => {
    revokeRuntime();
    mockUserRequest.mockImplementation(confluenceRoutes(CONFLUENCE_ADMIN));
    const result = await getSettings(globalSettings, runtime());
    expect(result).toMatchObject({
      targets: [
        { egress: [{ host: 'hooks.example.com', allowed: true }] },
        { egress: [{ host: 'archive.example.com', allowed: true }] },
        { egress: [{ host: 'acme.halopsa.com', allowed: true }] },
      ],
    });
  });

  it('reports the licence the platform passes, not one the frontend claims', async () => {
    mockUserRequest.mockImplementation(confluenceRoutes(CONFLUENCE_ADMIN));
    const claimed = { ...globalSettings, license: { isActive: true } };
    await expect(getSettings(claimed, runtime({ isActive: false }))).resolves.toMatchObject({
      licensed: false,
    });
  });

  it('refuses a user who is not a Confluence admin, before reading any settings', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({
        [CURRENT_USER]: currentUser([
          { operation: 'use', targetType: 'application' },
          { operation: 'create', targetType: 'space' },
          { operation: 'administer', targetType: 'space' },
        ]),
      }),
    );
    await expect(getSettings(globalSettings, runtime())).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notConfluenceAdmin' },
    });
    expect(kvs.calls).toEqual([]);
  });

  it('denies when the rights cannot be read (default deny)', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({
        [CURRENT_USER]: json(403, { message: 'Current user not permitted to use Confluence' }),
      }),
    );
    await expect(getSettings(globalSettings, runtime())).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notConfluenceAdmin' },
    });
    expect(kvs.calls).toEqual([]);
  });

  it('ignores an accountId sent by the frontend: without a platform principal nobody is signed in', async () => {
    const spoofed = { ...globalSettings, accountId: '5b10a2844c20165700ede21g' };
    await expect(
      getSettings(spoofed, { installContext: 'ari:cloud:confluence::site/7c6a1f0e' }),
    ).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'signIn' },
    });
    expect(mockUserRequest).not.toHaveBeenCalled();
    expect(kvs.calls).toEqual([]);
  });

  it('refuses an operation the resolver does not have (no definition)', async () => {
    mockUserRequest.mockImplementation(confluenceRoutes(CONFLUENCE_ADMIN));
    await expect(call('dropEverything', {})).rejects.toThrow(/dropEverything/);
    expect(kvs.calls).toEqual([]);
  });
});

describe('getSettings in space settings', () => {
  it("checks the caller's rights on that space and returns only that space's mapping and the enabled targets by name", async () => {
    const seen: string[] = [];
    mockUserRequest.mockImplementation(confluenceRoutes(SPACE_ADMIN, seen));
    const result = await getSettings(spaceSettings, runtime());

    expect(seen).toEqual([SPACE_QM]);
    expect(result).toEqual({
      scope: { kind: 'space', spaceKey: 'QM' },
      licensed: true,
      targets: [],
      offered: [
        { id: 'hooks', name: 'Knowledge hooks', kind: 'webhook', enabled: true, whenIneligible: 'remove' },
        {
          id: 'kb',
          name: 'Service desk KB',
          kind: 'halo',
          enabled: true,
          whenIneligible: 'remove',
          faqLists: {},
        },
      ],
      mappings: [
        { spaceKey: 'QM', targets: [expect.objectContaining({ targetId: 'hooks' })], rev: 1, updatedAt: 1 },
      ],
    });
    const text = JSON.stringify(result);
    for (const hidden of ['ENG', 'whsec_', 'https://', 'Archive', '410']) expect(text).not.toContain(hidden);
  });

  it('takes the space key from Confluence, not from the module context', async () => {
    mockUserRequest.mockImplementation(confluenceRoutes(SPACE_ADMIN));
    const lying = {
      ...spaceSettings,
      extension: { ...spaceSettings.extension, space: { id: '539099246', key: 'ENG' } },
    };
    await expect(getSettings(lying, runtime())).resolves.toMatchObject({
      scope: { kind: 'space', spaceKey: 'QM' },
      mappings: [{ spaceKey: 'QM' }],
    });
  });

  it('refuses a user who may only read the space', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({
        [SPACE_QM]: spaceQm([
          { operation: 'read', targetType: 'space' },
          { operation: 'create', targetType: 'page' },
        ]),
      }),
    );
    await expect(getSettings(spaceSettings, runtime())).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notSpaceAdmin', spaceKey: 'QM' },
    });
    expect(kvs.calls).toEqual([]);
  });

  it('a Confluence admin who is not admin of the space is refused in space settings', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({
        ...CONFLUENCE_ADMIN,
        [SPACE_QM]: spaceQm([{ operation: 'read', targetType: 'space' }]),
      }),
    );
    await expect(getSettings(spaceSettings, runtime())).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notSpaceAdmin', spaceKey: 'QM' },
    });
  });

  it('accepts the v1-style array of operations as well', async () => {
    mockUserRequest.mockImplementation(
      confluenceRoutes({
        [SPACE_QM]: json(200, {
          id: '539099246',
          key: 'QM',
          operations: [{ operation: 'administer', targetType: 'space' }],
        }),
      }),
    );
    await expect(getSettings(spaceSettings, runtime())).resolves.toMatchObject({
      mappings: [{ spaceKey: 'QM' }],
    });
  });
});
