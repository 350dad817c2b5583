import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import { UNREADABLE_ANCESTOR_MESSAGE } from '../../../src/sandbox/fake-confluence/v1-content';
import type { Site } from './confluence-fixture';
import { ALICE, BOB, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';
import { v1ContentLinks, v1OperationJson, v1UserJson } from './v1-shapes';

const ANCESTOR_RESTRICTIONS = [
  'ancestors.restrictions.read.restrictions.user',
  'ancestors.restrictions.read.restrictions.group',
  'ancestors.restrictions.update.restrictions.user',
  'ancestors.restrictions.update.restrictions.group',
].join(',');

let s: Site;
let fake: FakeConfluence;
let get: Get;
let base: string;
/** Handbook (read: Bob + group) → User Agent (edit-only: Alice) → Deep. */
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
  s.state.setRestrictions(s.rootId, { read: { users: [BOB], groups: ['hr-team'] } });
  s.state.setRestrictions(s.childId, { update: { users: [ALICE] } });
});
afterEach(() => fake.close());

function ancestorJson(id: string, title: string, restrictions: unknown): Record<string, unknown> {
  return {
    id,
    type: 'page',
    status: 'current',
    title,
    restrictions,
    extensions: { position: Number(id) },
    _expandable: {
      space: '/rest/api/space/ENG',
      version: '',
      history: `/rest/api/content/${id}/history`,
      ancestors: '',
      body: '',
      metadata: '',
    },
    _links: v1ContentLinks(base, id, `/spaces/ENG/pages/${id}/${title.replace(/ /g, '+')}`),
  };
}

describe('v1 content: nested ancestor restriction expansions', () => {
  it('expands each ancestor’s own read and edit restrictions, root first, kept apart', async () => {
    const reply = await get(`/wiki/rest/api/content/${deepId}?expand=${ANCESTOR_RESTRICTIONS}`);
    expect(reply.status).toBe(200);
    const bob = v1UserJson(base, { accountId: BOB, displayName: 'Bob Example' });
    const alice = v1UserJson(base, {
      accountId: ALICE,
      displayName: 'Alice Example',
      email: 'alice@example.com',
    });
    const hrTeam = { type: 'group', name: 'hr-team', id: expect.stringMatching(/^[0-9a-f-]{36}$/) };
    const byOperation = (id: string) => `${base}/rest/api/content/${id}/restriction/byOperation`;
    expect(reply.json.ancestors).toEqual([
      ancestorJson(s.rootId, 'Handbook', {
        read: v1OperationJson(base, s.rootId, 'read', [bob], [hrTeam]),
        update: v1OperationJson(base, s.rootId, 'update', [], []),
        _links: { self: byOperation(s.rootId) },
      }),
      ancestorJson(s.childId, 'User Agent', {
        read: v1OperationJson(base, s.childId, 'read', [], []),
        update: v1OperationJson(base, s.childId, 'update', [alice], []),
        _links: { self: byOperation(s.childId) },
      }),
    ]);
    // The page's own restrictions were not asked for: they stay in _expandable.
    expect(reply.json).not.toHaveProperty('restrictions');
    expect(reply.json._expandable).toMatchObject({
      restrictions: `/rest/api/content/${deepId}/restriction/byOperation`,
    });
  });

  it('leaves what was not asked for in _expandable: update, then the group list', async () => {
    const expand = 'ancestors.restrictions.read.restrictions.user';
    const reply = await get(`/wiki/rest/api/content/${deepId}?expand=${expand}`);
    const [root] = reply.json.ancestors as Array<Record<string, unknown>>;
    const self = `/rest/api/content/${s.rootId}/restriction/byOperation`;
    expect(root?.restrictions).toEqual({
      read: {
        operation: 'read',
        restrictions: {
          user: {
            results: [v1UserJson(base, { accountId: BOB, displayName: 'Bob Example' })],
            start: 0,
            limit: 200,
            size: 1,
          },
          _expandable: { group: `${self}/read/group` },
        },
        _expandable: { content: `/rest/api/content/${s.rootId}` },
        _links: { self: `${base}${self}/read` },
      },
      _expandable: { update: `${self}/update` },
      _links: { self: `${base}${self}` },
    });
  });

  it('expands the page’s own restrictions and its ancestors’ independently', async () => {
    s.state.setRestrictions(deepId, { update: { groups: ['editors'] } });
    const expand = 'ancestors,restrictions.read.restrictions.user,restrictions.update.restrictions.group';
    const reply = await get(`/wiki/rest/api/content/${deepId}?expand=${expand}`);
    const own = reply.json.restrictions as Record<string, Record<string, unknown>>;
    expect(own.read?.restrictions).toEqual({
      user: { results: [], start: 0, limit: 200, size: 0 },
      _expandable: { group: `/rest/api/content/${deepId}/restriction/byOperation/read/group` },
    });
    expect(own.update?.restrictions).toMatchObject({
      group: { results: [{ type: 'group', name: 'editors' }], size: 1 },
    });
    for (const ancestor of reply.json.ancestors as Array<Record<string, unknown>>) {
      expect(ancestor).not.toHaveProperty('restrictions');
      expect(ancestor._expandable).toMatchObject({ restrictions: expect.any(String) });
    }
  });
});

describe('v1 content: CONFCLOUD-77618 / 76424 on an unreadable ancestor', () => {
  const notFoundBody = {
    statusCode: 404,
    data: { authorized: true, valid: false, errors: [], successful: false },
    message: UNREADABLE_ANCESTOR_MESSAGE,
  };

  it('404s when an ancestor is trashed and its restrictions are expanded', async () => {
    s.state.trashPage(s.childId);
    for (const expand of [
      ANCESTOR_RESTRICTIONS,
      'ancestors.restrictions.read.restrictions.user,ancestors.restrictions.read.restrictions.group',
      'ancestors.restrictions.update.restrictions.user',
    ]) {
      const reply = await get(`/wiki/rest/api/content/${deepId}?expand=${expand}`);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual(notFoundBody);
      expect(reply.json.message).toContain('Cannot find content. Outdated version/old_draft/trashed');
    }
  });

  it('succeeds on the same page without the nested expansion', async () => {
    s.state.trashPage(s.childId);
    const plain = await get(`/wiki/rest/api/content/${deepId}?expand=ancestors`);
    expect(plain.status).toBe(200);
    expect(plain.json.ancestors).toMatchObject([
      { id: s.rootId, status: 'current' },
      { id: s.childId, status: 'trashed' },
    ]);
    const own = await get(
      `/wiki/rest/api/content/${deepId}?expand=ancestors,restrictions.read.restrictions.user`,
    );
    expect(own.status).toBe(200);
    expect((await get(`/wiki/rest/api/content/${deepId}`)).status).toBe(200);
  });

  it('also 404s for an archived ancestor (not current content)', async () => {
    s.state.archivePage(s.rootId);
    const reply = await get(`/wiki/rest/api/content/${deepId}?expand=${ANCESTOR_RESTRICTIONS}`);
    expect(reply.status).toBe(404);
    s.state.unarchivePage(s.rootId);
    expect((await get(`/wiki/rest/api/content/${deepId}?expand=${ANCESTOR_RESTRICTIONS}`)).status).toBe(200);
  });
});
