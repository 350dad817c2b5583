import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';

const VERIFIED = { id: 3, name: 'Verified', color: '#1f845a' };

let s: Site;
let fake: FakeConfluence;
let get: Get;

beforeEach(async () => {
  s = site();
  ({ fake, get } = await serve(s));
});
afterEach(() => fake.close());

function state(id: string, query = '?status=current'): string {
  return `/wiki/rest/api/content/${id}/state${query}`;
}

function v1NotFound(id: string): Record<string, unknown> {
  return {
    statusCode: 404,
    data: { authorized: true, valid: false, errors: [], successful: false },
    message: `No content found with id: ContentId{id=${id}}`,
  };
}

describe('v1 content state: GET /wiki/rest/api/content/{id}/state', () => {
  it('is {contentState: null, lastUpdated} without a state; status defaults to current', async () => {
    const created = s.state.getPage(s.childId)?.version.createdAt;
    const none = { contentState: null, lastUpdated: created };
    const reply = await get(state(s.childId));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(none);
    expect((await get(state(s.childId, ''))).json).toEqual(none);
    expect(fake.stats().byRoute).toEqual({ 'GET /wiki/rest/api/content/{id}/state': 2 });
  });

  it('is exactly {contentState: {id,name,color}, lastUpdated} once set, and null again once cleared', async () => {
    s.clock.advance(60_000);
    s.state.setContentState(s.childId, { state: VERIFIED });
    const setAt = new Date(s.clock.now()).toISOString();
    expect((await get(state(s.childId))).json).toEqual({ contentState: VERIFIED, lastUpdated: setAt });
    s.clock.advance(60_000);
    s.state.setContentState(s.childId, { state: null });
    expect((await get(state(s.childId))).json).toEqual({
      contentState: null,
      lastUpdated: new Date(s.clock.now()).toISOString(),
    });
  });

  it('404s in the v1 shape for unknown, trashed and purged content', async () => {
    expect(await get(state('999999'))).toMatchObject({ status: 404, json: v1NotFound('999999') });
    s.state.trashPage(s.childId);
    expect(await get(state(s.childId))).toMatchObject({ status: 404, json: v1NotFound(s.childId) });
    s.state.deletePage(s.childId);
    expect(await get(state(s.childId))).toMatchObject({ status: 404, json: v1NotFound(s.childId) });
  });

  it('serves each status only from content in that status', async () => {
    s.state.setContentState(s.rootId, { state: VERIFIED });
    s.state.archivePage(s.rootId);
    expect((await get(state(s.rootId))).status).toBe(404);
    expect((await get(state(s.rootId, '?status=archived'))).json).toMatchObject({ contentState: VERIFIED });
    const draft = s.state.createDraft({ spaceId: s.spaceId, title: 'WIP', body: '<p/>', authorId: ALICE });
    expect((await get(state(draft.id))).status).toBe(404);
    expect((await get(state(draft.id, '?status=draft'))).json).toEqual({
      contentState: null,
      lastUpdated: draft.version.createdAt,
    });
  });

  it('400s for a status outside current|draft|archived, a repeated status and a non-numeric id', async () => {
    for (const query of ['?status=trashed', '?status=', '?status=current&status=draft']) {
      const reply = await get(state(s.childId, query));
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ statusCode: 400, data: { successful: false } });
    }
    expect((await get('/wiki/rest/api/content/abc/state')).status).toBe(400);
  });
});
