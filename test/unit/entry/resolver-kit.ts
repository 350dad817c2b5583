/**
 * What the settings resolver tests share: the platform's invocation shapes (@forge/resolver 2.0.1
 * `getDefinitions()` takes `({call: {functionKey, payload}, context}, backendRuntimePayload)` and
 * overwrites `context.accountId`/`license` from the runtime payload), the rights answers of
 * Confluence (v1 User with `expand=operations`, v2 SpaceSingle with `include-operations`), stored
 * settings, and the Forge runtime's granted egress (what `permissions.canFetchFrom` of @forge/api
 * reads: `global.__forge_runtime__.appContext.permissions`).
 */
import { adminResolver } from '../../../src/entry/admin-resolver';
import { confluenceRoutes, json, type Reply } from './confluence-replies';
import { mockFetch, mockUserRequest } from './forge-api-stub';
import { KvsWireFake } from './kvs-wire-fake';

export const CURRENT_USER = '/wiki/rest/api/user/current?expand=operations';
export const SPACE_QM = '/wiki/api/v2/spaces/539099246?include-operations=true';
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const NEW_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
export const ACCOUNT = '5b10a2844c20165700ede21g';

/** A webhook target as the page sends a new one. */
export const NEW_WEBHOOK = {
  kind: 'webhook',
  id: 'crm',
  name: 'CRM sync',
  url: 'https://hooks.example.com/crm',
  formats: ['storage', 'markdown'],
};

export const runtime = (license?: { isActive: boolean }) => ({
  installContext: 'ari:cloud:confluence::site/7c6a1f0e-2f4b-4f3e-9d1c-1b2a3c4d5e6f',
  principal: { accountId: ACCOUNT },
  ...(license && { license }),
});

export const globalSettings = {
  moduleKey: 'relay-global-settings',
  extension: { type: 'confluence:globalSettings' },
};
export const spaceSettings = {
  moduleKey: 'relay-space-settings',
  extension: { type: 'confluence:spaceSettings', space: { id: '539099246', key: 'QM' } },
};

export function call(
  functionKey: string,
  payload: unknown,
  context: Record<string, unknown> = globalSettings,
  backend: Record<string, unknown> | undefined = runtime(),
): Promise<unknown> {
  return adminResolver({ call: { functionKey, payload }, context }, backend);
}

type Operation = { operation: string; targetType: string };

/** v1 `User` with `expand=operations`: `operations` is an array of OperationCheckResult. */
export const currentUser = (operations: Operation[]): Reply =>
  json(200, {
    type: 'known',
    accountId: ACCOUNT,
    accountType: 'atlassian',
    displayName: 'Ada Lovelace',
    operations,
    _links: { self: `https://querypie.atlassian.net/wiki/rest/api/user?accountId=${ACCOUNT}` },
  });

/** v2 SpaceSingle with `include-operations=true`: `operations` is a `{results, meta, _links}` collection. */
export const spaceQm = (operations: Operation[]): Reply =>
  json(200, {
    id: '539099246',
    key: 'QM',
    name: 'QueryPie Manual',
    type: 'global',
    status: 'current',
    operations: {
      results: operations,
      meta: { hasMore: false, cursor: null },
      _links: { self: 'https://querypie.atlassian.net/wiki/api/v2/spaces/539099246/operations' },
    },
    _links: { webui: '/spaces/QM', base: 'https://querypie.atlassian.net/wiki' },
  });

export const CONFLUENCE_ADMIN = {
  [CURRENT_USER]: currentUser([{ operation: 'administer', targetType: 'application' }]),
};
export const SPACE_ADMIN = { [SPACE_QM]: spaceQm([{ operation: 'administer', targetType: 'space' }]) };

/** Two webhook targets (one switched off by a 410), a Halo target, and the QM and ENG mappings. */
export function seedSettings(kvs: KvsWireFake): void {
  const webhook = { kind: 'webhook', formats: ['storage'], timeoutSeconds: 15, updatedAt: 1 };
  kvs.entity('target').set('hooks', {
    ...webhook,
    id: 'hooks',
    name: 'Knowledge hooks',
    url: 'https://hooks.example.com/relay',
    enabled: true,
    rev: 1,
  });
  kvs.entity('target').set('archive', {
    ...webhook,
    id: 'archive',
    name: 'Archive',
    url: 'https://archive.example.com/in',
    enabled: false,
    disabledReason: 'archive.example.com answered 410 Gone: the endpoint is retired',
    rev: 3,
    updatedAt: 2,
  });
  kvs.entity('target').set('kb', {
    kind: 'halo',
    id: 'kb',
    name: 'Service desk KB',
    baseUrl: 'https://acme.halopsa.com',
    clientId: 'relay-app',
    tenant: 'acme',
    faqLists: { ENG: 12 },
    enabled: true,
    rev: 4,
    updatedAt: 3,
  });
  kvs.entity('space-mapping').set('QM', {
    spaceKey: 'QM',
    targets: [{ targetId: 'hooks', pushRestricted: false }],
    rev: 1,
    updatedAt: 1,
  });
  kvs.entity('space-mapping').set('ENG', {
    spaceKey: 'ENG',
    targets: [
      { targetId: 'hooks', pushRestricted: false },
      { targetId: 'archive', pushRestricted: true },
      { targetId: 'kb', pushRestricted: false },
    ],
    rev: 2,
    updatedAt: 2,
  });
  kvs.secrets.set('target:hooks:signing-secrets', JSON.stringify([SECRET]));
  kvs.secrets.set('target:kb:halo-client-secret', 'halo-client-secret-value');
}

const runtimeGlobal = globalThis as typeof globalThis & { __forge_runtime__?: unknown };

/** The egress the installed app was granted (the manifest's list on a real site). */
export function grantEgress(addresses: string[]): void {
  runtimeGlobal.__forge_runtime__ = {
    metrics: { counter: () => ({ incr: () => undefined }) },
    appContext: { permissions: { scopes: [], external: { fetch: { backend: addresses } } } },
    lambdaContext: {},
  };
}

export function revokeRuntime(): void {
  delete runtimeGlobal.__forge_runtime__;
}

/**
 * Each test: a fresh kvs with the seeded settings, the granted egress, a Confluence admin calling
 * (tests switch `mockUserRequest` for other callers), no target calls unless a test routes
 * `mockFetch`, and console output kept quiet. Returns the current kvs.
 */
export function settingsWorld(egress: string[]): () => KvsWireFake {
  let kvs = new KvsWireFake();
  let logs: jest.SpyInstance[] = [];
  beforeEach(() => {
    jest.clearAllMocks();
    kvs = new KvsWireFake();
    kvs.install();
    seedSettings(kvs);
    grantEgress(egress);
    mockUserRequest.mockImplementation(confluenceRoutes(CONFLUENCE_ADMIN));
    mockFetch.mockImplementation(() => {
      throw new Error('this operation must not call a target');
    });
    logs = (['log', 'warn', 'error'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => {}),
    );
  });
  afterEach(() => {
    kvs.uninstall();
    revokeRuntime();
    logs.forEach((spy) => spy.mockRestore());
  });
  return () => kvs;
}
