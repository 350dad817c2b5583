import { ConfluenceClient } from '../../src/pipeline/confluence/confluence-client';
import { ExpectedError } from '../../src/pipeline/errors';
import { RestConfluenceApi } from '../../src/platform/node/rest-confluence-api';
import { VirtualClock } from '../../src/platform/node/virtual-clock';
import { ConfluenceState } from '../../src/sandbox/fake-confluence/confluence-state';
import {
  startFakeConfluence,
  type FakeConfluence,
} from '../../src/sandbox/fake-confluence/fake-confluence-server';

const CREDENTIALS = { email: 'relay@example.com', apiToken: 'token' };

describe('restriction checks against the fake Confluence (v1, as the real API needs)', () => {
  let fake: FakeConfluence;
  let state: ConfluenceState;
  let client: ConfluenceClient;
  const chain: string[] = [];

  beforeEach(async () => {
    const clock = new VirtualClock();
    state = new ConfluenceState(clock);
    fake = await startFakeConfluence({ state, credentials: CREDENTIALS, clock });
    state.setBaseUrl(`${fake.url}/wiki`);
    state.addUser({ accountId: 'u1', displayName: 'Alice' });
    state.addUser({ accountId: 'u2', displayName: 'Bob' });
    const space = state.addSpace({ key: 'DOCS', name: 'Docs' });
    chain.length = 0;
    for (let level = 0; level < 5; level++) {
      const event = state.createPage({
        spaceId: space.id,
        parentId: chain[level - 1],
        title: `Level ${level}`,
        body: '<p/>',
        authorId: 'u1',
      });
      chain.push(event.content.id);
    }
    client = new ConfluenceClient(new RestConfluenceApi({ baseUrl: fake.url, ...CREDENTIALS }), () =>
      clock.now(),
    );
  });
  afterEach(() => fake.close());

  const leaf = () => chain[4]!;

  it('finds a read restriction three levels up in one request; edit-only restrictions do not block', async () => {
    state.setRestrictions(chain[1]!, { read: { users: ['u2'], groups: [] } });
    state.setRestrictions(chain[3]!, { update: { users: ['u2'], groups: [] } });
    fake.resetStats();
    expect(await client.pageContext(leaf(), true)).toEqual({
      ancestors: chain.slice(0, 4),
      restriction: { restricted: true, where: chain[1] },
      unchecked: [],
    });
    expect(fake.stats().requests).toBe(1);
  });

  it('passes a page whose ancestors carry edit restrictions only', async () => {
    state.setRestrictions(chain[2]!, { update: { users: ['u2'], groups: [] } });
    expect((await client.pageContext(leaf(), true)).restriction).toEqual({
      restricted: false,
      where: undefined,
    });
  });

  it('counts a group restriction on the page itself', async () => {
    state.setRestrictions(leaf(), { read: { users: [], groups: ['confluence-users'] } });
    expect((await client.pageContext(leaf(), true)).restriction).toEqual({ restricted: true, where: leaf() });
  });

  it('falls back to one request per ancestor when Confluence refuses the nested expansion (CONFCLOUD-77618)', async () => {
    state.setRestrictions(chain[2]!, { read: { users: ['u2'], groups: [] } });
    state.createDraft({
      spaceId: state.getPage(chain[0]!)!.spaceId,
      parentId: chain[3],
      title: 'Draft',
      body: '<p/>',
      authorId: 'u1',
    });
    state.archivePage(chain[0]!);
    fake.resetStats();
    const context = await client.pageContext(leaf(), true);
    expect(context.restriction).toEqual({ restricted: true, where: chain[2] });
    const routes = fake.stats().byRoute;
    expect(routes['GET /wiki/rest/api/content/{id}']).toBe(2);
    // Nearest ancestors first: level 3, then level 2 (restricted), and no further.
    expect(
      Object.entries(routes)
        .filter(([r]) => r.includes('restriction/byOperation'))
        .reduce((s, [, n]) => s + n, 0),
    ).toBe(2);
  });

  it('checks every ancestor on its own when one is archived, and fails closed when one cannot be read', async () => {
    state.archivePage(chain[3]!);
    expect((await client.pageContext(leaf(), true)).restriction).toEqual({ restricted: false });
    fake.injectFaults([
      { pathPrefix: `/wiki/rest/api/content/${chain[1]}/restriction`, status: 404, times: 1 },
    ]);
    const fresh = new ConfluenceClient(new RestConfluenceApi({ baseUrl: fake.url, ...CREDENTIALS }), () => 0);
    await expect(fresh.pageContext(leaf(), true)).rejects.toBeInstanceOf(ExpectedError);
  });
});
