/**
 * The byline module's own handler (`index.bylineResolver`), wired to Forge as deployed: rights are
 * read with `asUser().requestConfluence` of @forge/api (a jest mock here; `asApp` must never be
 * used for them), the log and ledger through the real @forge/kvs over kvs-wire-fake.ts. The caller
 * and the page come from the runtime and the module context, never from the payload.
 */
const mockUserRequest = jest.fn();

jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asUser: (...args: unknown[]) => {
    if (args.length > 0) throw new Error('rights must be read as the calling user');
    return { requestConfluence: (...a: unknown[]) => mockUserRequest(...a) };
  },
  asApp: () => {
    throw new Error('rights must never be read as the app');
  },
}));

import { bylineResolver } from '../../../src/index';
import { KvsWireFake } from '../entry/kvs-wire-fake';
import { PAGE, userSite, type Viewer } from './user-site';

const runtime = { principal: { accountId: 'acc-1' }, license: { isActive: true } };
const context = {
  moduleKey: 'relay-page-byline',
  extension: { type: 'confluence:contentBylineItem', content: { id: PAGE, type: 'page' } },
};

let kvs: KvsWireFake;
beforeEach(() => {
  jest.clearAllMocks();
  kvs = new KvsWireFake();
  kvs.install();
  kvs.entity('target').set('hooks', {
    id: 'hooks',
    name: 'Knowledge hooks',
    kind: 'webhook',
    url: 'https://hooks.example.com/relay',
    enabled: true,
    formats: ['storage'],
    timeoutSeconds: 15,
    rev: 1,
    updatedAt: 1,
  });
  kvs.entity('ledger').set(`${PAGE}:hooks`, {
    contentId: PAGE,
    targetId: 'hooks',
    version: 18,
    digest: 'd',
    fetchedAt: 1,
    status: 'synced',
    rev: 4,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt: 2,
  });
});
afterEach(() => kvs.uninstall());

function as(viewer: Viewer, seen: string[]) {
  const site = userSite(viewer, seen);
  mockUserRequest.mockImplementation((route: { value: string }) => site.request(route.value));
}

const call = (functionKey: string, payload: unknown = {}) =>
  bylineResolver({ call: { functionKey, payload }, context }, runtime);

describe('bylineResolver on Forge', () => {
  it('reads the page as the viewer and shows its status per target (behind: 18 of 19)', async () => {
    const seen: string[] = [];
    as('reader', seen);
    expect(await call('getPageStatus', { pageId: '1' })).toEqual({
      visible: true,
      version: 19,
      canPush: false,
      targets: [{ targetId: 'hooks', targetName: 'Knowledge hooks', state: 'behind', deliveredVersion: 18 }],
    });
    expect(seen).toEqual([`/wiki/api/v2/pages/${PAGE}?include-operations=true`]);
  });

  it('shows nothing, and reads nothing of the app, for a viewer who cannot read the page', async () => {
    as('stranger', []);
    expect(await call('getPageStatus')).toEqual({ visible: false });
    expect(kvs.callsTo('/api/v1/entity/query')).toEqual([]);
  });

  it('refuses a caller the runtime does not name', async () => {
    as('editor', []);
    const anonymous = await bylineResolver(
      { call: { functionKey: 'getPageStatus', payload: {} }, context },
      {},
    );
    expect(anonymous).toEqual({ visible: false });
    expect(mockUserRequest).not.toHaveBeenCalled();
  });
});
