import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, BOB, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';
import { v1UserJson } from './v1-shapes';

let s: Site;
let fake: FakeConfluence;
let get: Get;
let base: string;
let deepId: string;

beforeEach(async () => {
  s = site();
  ({ fake, get } = await serve(s));
  base = `${fake.url}/wiki`;
  deepId = s.state.createPage({
    spaceId: s.spaceId,
    parentId: s.childId,
    title: 'Deep',
    body: '<p>deep</p>',
    authorId: ALICE,
  }).content.id;
});
afterEach(() => fake.close());

describe('v1 content: space, version and history expansions', () => {
  it('fills only what was asked for; history.lastUpdated is the current version', async () => {
    s.clock.advance(60_000);
    s.state.updatePage(deepId, { body: '<p>v2</p>', by: BOB, message: 'typo' });
    const reply = await get(
      `/wiki/rest/api/content/${deepId}?expand=space,history.lastUpdated,ancestors.version`,
    );
    const bob = v1UserJson(base, { accountId: BOB, displayName: 'Bob Example' });
    const alice = v1UserJson(base, {
      accountId: ALICE,
      displayName: 'Alice Example',
      email: 'alice@example.com',
    });
    const version = {
      by: bob,
      when: new Date(s.clock.now()).toISOString(),
      number: 2,
      minorEdit: false,
      message: 'typo',
      _expandable: { collaborators: '', content: `/rest/api/content/${deepId}` },
      _links: { self: `${base}/rest/api/content/${deepId}/version/2` },
    };
    expect(reply.json.space).toEqual({
      id: Number(s.spaceId),
      key: 'ENG',
      name: 'Engineering',
      type: 'global',
      status: 'current',
    });
    expect(reply.json.history).toEqual({
      latest: true,
      createdBy: alice,
      ownedBy: alice,
      createdDate: s.state.getPage(deepId)?.createdAt,
      lastUpdated: version,
      _expandable: { previousVersion: '', contributors: '', nextVersion: '' },
      _links: { self: `${base}/rest/api/content/${deepId}/history` },
    });
    expect(reply.json).not.toHaveProperty('version');
    expect(reply.json._expandable).toMatchObject({ version: '', restrictions: expect.any(String) });
    const ancestors = reply.json.ancestors as Array<Record<string, unknown>>;
    expect(ancestors.map((a) => (a.version as { number: number }).number)).toEqual([1, 1]);
    expect(ancestors[0]).not.toHaveProperty('history');
  });
});
