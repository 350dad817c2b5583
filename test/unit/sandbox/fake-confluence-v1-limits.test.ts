import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, BOB, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';

let s: Site;
let fake: FakeConfluence;
let get: Get;

afterEach(() => fake.close());

describe('fake Confluence v1 endpoints', () => {
  beforeEach(async () => {
    s = site();
    ({ fake, get } = await serve(s));
  });

  it('content state: null until set, then {id,name,color} with lastUpdated', async () => {
    const path = `/wiki/rest/api/content/${s.childId}/state?status=current`;
    expect((await get(path)).json).toEqual({ contentState: null, lastUpdated: expect.any(String) });
    s.clock.advance(60_000);
    s.state.setContentState(s.childId, { state: { id: 3, name: 'Verified', color: '#1f845a' } });
    expect((await get(path)).json).toEqual({
      contentState: { id: 3, name: 'Verified', color: '#1f845a' },
      lastUpdated: new Date(s.clock.now()).toISOString(),
    });
    expect((await get(`/wiki/rest/api/content/${s.childId}/state?status=bogus`)).status).toBe(400);
  });

  it('restriction/byOperation lists users and groups per operation', async () => {
    s.state.setRestrictions(s.childId, { read: { users: [BOB], groups: ['confluence-users'] } });
    const reply = await get(`/wiki/rest/api/content/${s.childId}/restriction/byOperation`);
    expect(reply.json).toMatchObject({
      read: {
        operation: 'read',
        restrictions: {
          user: { results: [{ accountId: BOB, displayName: 'Bob Example', type: 'known' }], size: 1 },
          group: { results: [{ type: 'group', name: 'confluence-users' }], size: 1 },
        },
      },
      update: {
        operation: 'update',
        restrictions: { user: { results: [], size: 0 }, group: { results: [], size: 0 } },
      },
    });
  });

  it('content with expand=ancestors and the page’s own read restrictions', async () => {
    s.state.setRestrictions(s.rootId, { read: { users: [ALICE] } });
    const expand = 'ancestors,restrictions.read.restrictions.user,restrictions.read.restrictions.group';
    const reply = await get(`/wiki/rest/api/content/${s.childId}?expand=${expand}`);
    expect(reply.json).toMatchObject({
      id: s.childId,
      type: 'page',
      status: 'current',
      title: 'User Agent',
      ancestors: [{ id: s.rootId, type: 'page', title: 'Handbook' }],
      restrictions: { read: { operation: 'read', restrictions: { user: { size: 0 }, group: { size: 0 } } } },
      _links: { base: `${fake.url}/wiki`, context: '/wiki' },
    });
    const ancestors = reply.json.ancestors as Array<Record<string, unknown>>;
    expect(ancestors[0]).not.toHaveProperty('restrictions');
    const root = await get(`/wiki/rest/api/content/${s.rootId}?expand=restrictions.read.restrictions.user`);
    expect(root.json).toMatchObject({
      restrictions: { read: { restrictions: { user: { results: [{ accountId: ALICE }] } } } },
    });
  });

  it('user by accountId, 404 in the v1 error shape for an unknown one', async () => {
    expect((await get(`/wiki/rest/api/user?accountId=${ALICE}`)).json).toMatchObject({
      accountId: ALICE,
      displayName: 'Alice Example',
      publicName: 'Alice Example',
      email: 'alice@example.com',
      accountType: 'atlassian',
      type: 'known',
    });
    expect((await get(`/wiki/rest/api/user?accountId=${BOB}`)).json).not.toHaveProperty('email');
    const missing = await get('/wiki/rest/api/user?accountId=nobody');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      statusCode: 404,
      data: { authorized: true, valid: false, errors: [], successful: false },
      message: 'No user found with accountId: nobody',
    });
  });
});

describe('fake Confluence drafts', () => {
  it('serves a draft only with status=draft or get-draft=true', async () => {
    s = site();
    ({ fake, get } = await serve(s));
    const draft = s.state.createDraft({ spaceId: s.spaceId, title: 'WIP', body: '<p/>', authorId: ALICE });
    expect((await get(`/wiki/api/v2/pages/${draft.id}`)).status).toBe(404);
    expect((await get(`/wiki/api/v2/pages/${draft.id}?get-draft=true`)).json.status).toBe('draft');
    expect((await get(`/wiki/api/v2/pages/${draft.id}?status=draft`)).status).toBe(200);
    expect((await get(`/wiki/rest/api/content/${draft.id}`)).status).toBe(404);
  });
});

describe('fake Confluence rate limits and injected faults', () => {
  it('answers 429 with Retry-After past the per-minute limit, in virtual time', async () => {
    s = site();
    ({ fake, get } = await serve(s, { requestsPerMinute: 3 }));
    const path = `/wiki/api/v2/pages/${s.childId}`;
    for (let i = 0; i < 3; i += 1) {
      const ok = await get(path);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
      s.clock.advance(10_000);
    }
    const limited = await get(path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(limited.json).toMatchObject({ errors: [{ status: 429 }] });
    s.clock.advance(30_000);
    expect((await get(path)).status).toBe(200);
  });

  it('injected faults answer first, for the given method, prefix and number of times', async () => {
    s = site();
    ({ fake, get } = await serve(s));
    fake.injectFaults([
      { method: 'GET', pathPrefix: '/wiki/api/v2/pages/', status: 503, retryAfterSeconds: 4, times: 2 },
    ]);
    const path = `/wiki/api/v2/pages/${s.childId}`;
    const first = await get(path, null);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('4');
    expect((await get('/wiki/rest/api/user?accountId=x')).status).toBe(404);
    expect((await get(path)).status).toBe(503);
    expect((await get(path)).status).toBe(200);
    expect(fake.stats().byRoute['GET /wiki/api/v2/pages/{id}']).toBe(3);
    expect(() => fake.injectFaults([{ pathPrefix: '/', status: 200, times: 1 }])).toThrow(/4xx\/5xx/);
  });
});
