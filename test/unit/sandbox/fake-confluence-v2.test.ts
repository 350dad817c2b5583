import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, BOB, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { EMAIL, basic, serve } from './confluence-http';

const V2_NOT_FOUND = { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] };

let s: Site;
let fake: FakeConfluence;
let get: Get;

beforeEach(async () => {
  s = site();
  ({ fake, get } = await serve(s));
});
afterEach(() => fake.close());

describe('fake Confluence v2: auth and page shape', () => {
  it('answers 401 without or with wrong Basic credentials, in each API family shape', async () => {
    const none = await get(`/wiki/api/v2/pages/${s.childId}`, null);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ errors: [{ status: 401, code: 'UNAUTHORIZED' }] });
    expect((await get(`/wiki/api/v2/pages/${s.childId}`, basic(EMAIL, 'wrong'))).status).toBe(401);
    expect((await get(`/wiki/api/v2/pages/${s.childId}`, 'Bearer abc')).status).toBe(401);
    const v1 = await get(`/wiki/rest/api/content/${s.childId}`, null);
    expect(v1.json).toMatchObject({ statusCode: 401, data: { authorized: false, successful: false } });
  });

  it('serves a page like the real v2 response, with the storage body', async () => {
    const reply = await get(`/wiki/api/v2/pages/${s.childId}?body-format=storage`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json).sort()).toEqual(
      [
        '_links',
        'authorId',
        'body',
        'createdAt',
        'id',
        'lastOwnerId',
        'ownerId',
        'parentId',
        'parentType',
        'position',
        'spaceId',
        'status',
        'title',
        'version',
      ].sort(),
    );
    expect(reply.json).toMatchObject({
      id: s.childId,
      status: 'current',
      title: 'User Agent',
      spaceId: s.spaceId,
      parentId: s.rootId,
      parentType: 'page',
      authorId: ALICE,
      version: { number: 1, message: '', minorEdit: false, authorId: ALICE },
      body: { storage: { representation: 'storage', value: '<h2>UA</h2>' } },
      _links: {
        webui: `/spaces/ENG/pages/${s.childId}/User+Agent`,
        editui: `/pages/resumedraft.action?draftId=${s.childId}`,
        base: `${fake.url}/wiki`,
      },
    });
    const lean = await get(`/wiki/api/v2/pages/${s.childId}?include-version=false`);
    expect(lean.json).not.toHaveProperty('version');
    expect(lean.json.body).toEqual({});
  });

  it('refuses unknown and unserved body formats and malformed parameters with 400', async () => {
    const unknown = await get(`/wiki/api/v2/pages/${s.childId}?body-format=markdown`);
    expect(unknown.status).toBe(400);
    const view = await get(`/wiki/api/v2/pages/${s.childId}?body-format=view`);
    expect(view.status).toBe(400);
    expect(JSON.stringify(view.json)).toContain('not supported by the fake');
    expect((await get(`/wiki/api/v2/pages/${s.childId}?include-labels=yes`)).status).toBe(400);
    expect((await get('/wiki/api/v2/pages/abc')).status).toBe(400);
  });

  it('hides trashed, archived and purged pages unless their status is asked for', async () => {
    s.state.trashPage(s.childId);
    const path = `/wiki/api/v2/pages/${s.childId}`;
    expect(await get(path)).toMatchObject({ status: 404, json: V2_NOT_FOUND });
    expect((await get(`${path}?status=trashed`)).json.status).toBe('trashed');
    expect((await get(`${path}?status=current,trashed`)).status).toBe(200);
    expect((await get(`${path}?status=current&status=trashed`)).status).toBe(200);
    expect((await get(`${path}?status=gone`)).status).toBe(400);
    s.state.deletePage(s.childId);
    expect((await get(`${path}?status=trashed`)).status).toBe(404);
    expect((await get(`/wiki/rest/api/content/${s.childId}?status=any`)).status).toBe(404);
    s.state.archivePage(s.rootId);
    expect((await get(`/wiki/api/v2/pages/${s.rootId}`)).status).toBe(404);
    expect((await get(`/wiki/api/v2/pages/${s.rootId}?status=archived`)).status).toBe(200);
  });

  it('unknown paths are 404 in the v2 shape, wrong methods 405; stats count route templates', async () => {
    expect(await get('/wiki/api/v2/nope')).toMatchObject({ status: 404, json: V2_NOT_FOUND });
    const post = await get(`/wiki/api/v2/pages/${s.childId}`, undefined, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    await get(`/wiki/api/v2/pages/${s.rootId}`);
    expect(fake.stats().byRoute['GET /wiki/api/v2/pages/{id}']).toBe(1);
    expect(fake.stats().requests).toBe(3);
    fake.resetStats();
    expect(fake.stats()).toEqual({ requests: 0, byRoute: {} });
  });
});

describe('fake Confluence v2: labels, ancestors, spaces, comments', () => {
  it('embeds at most 50 labels with hasMore and a cursor the labels endpoint continues from', async () => {
    for (let i = 0; i < 60; i += 1) s.state.addLabel(s.childId, { name: `l${String(i).padStart(2, '0')}` });
    const page = await get(`/wiki/api/v2/pages/${s.childId}?include-labels=true`);
    const labels = page.json.labels as { results: unknown[]; meta: { hasMore: boolean; cursor: string } };
    expect(labels.results).toHaveLength(50);
    expect(labels.meta.hasMore).toBe(true);
    const rest = await get(`/wiki/api/v2/pages/${s.childId}/labels?cursor=${labels.meta.cursor}`);
    expect((rest.json.results as Array<{ name: string }>).map((l) => l.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `l${50 + i}`),
    );
  });

  it('pages the labels endpoint to the end through _links.next and the Link header', async () => {
    for (let i = 0; i < 60; i += 1) s.state.addLabel(s.childId, { name: `x${i}` });
    const seen: string[] = [];
    let next: string | undefined = `/wiki/api/v2/pages/${s.childId}/labels?limit=25`;
    let calls = 0;
    while (next !== undefined) {
      const reply = await get(next);
      calls += 1;
      seen.push(...(reply.json.results as Array<{ name: string }>).map((l) => l.name));
      const links = reply.json._links as { next?: string; base: string };
      expect(links.base).toBe(`${fake.url}/wiki`);
      if (links.next !== undefined) {
        expect(links.next.startsWith('/wiki/api/v2/')).toBe(true);
        expect(reply.headers.get('link')).toBe(`<${links.next}>; rel="next", <${links.base}>; rel="base"`);
      }
      next = links.next;
    }
    expect(calls).toBe(3);
    expect(seen).toHaveLength(60);
    expect((await get(`/wiki/api/v2/pages/${s.childId}/labels?limit=0`)).status).toBe(400);
    expect((await get(`/wiki/api/v2/pages/${s.childId}/labels?limit=251`)).status).toBe(400);
    expect((await get(`/wiki/api/v2/pages/${s.childId}/labels?cursor=garbage`)).status).toBe(400);
  });

  it('lists ancestors root first, and looks spaces up by key', async () => {
    const grandchild = s.state.createPage({
      spaceId: s.spaceId,
      parentId: s.childId,
      title: 'Deep',
      body: '',
      authorId: BOB,
    }).content.id;
    expect((await get(`/wiki/api/v2/pages/${grandchild}/ancestors`)).json.results).toEqual([
      { id: s.rootId, type: 'page' },
      { id: s.childId, type: 'page' },
    ]);
    const spaces = await get('/wiki/api/v2/spaces?keys=DOCS,ENG');
    expect((spaces.json.results as Array<{ key: string }>).map((x) => x.key)).toEqual(['ENG', 'DOCS']);
    expect((await get(`/wiki/api/v2/spaces/${s.spaceId}`)).json).toMatchObject({
      key: 'ENG',
      type: 'global',
      status: 'current',
    });
    const pages = await get(`/wiki/api/v2/spaces/${s.spaceId}/pages?limit=2&body-format=storage`);
    expect(pages.json.results).toHaveLength(2);
    expect((pages.json._links as { next?: string }).next).toContain('cursor=');
  });

  it('serves footer and inline comments only through their own endpoint', async () => {
    const footer = s.state.addComment({ pageId: s.childId, body: '<p>f</p>', authorId: BOB }).content.id;
    const inline = s.state.addComment({
      pageId: s.childId,
      body: '<p>i</p>',
      authorId: BOB,
      location: 'inline',
      inlineMarkerRef: 'abc',
    }).content.id;
    const reply = await get(`/wiki/api/v2/footer-comments/${footer}?body-format=storage`);
    expect(reply.json).toMatchObject({
      id: footer,
      pageId: s.childId,
      title: 'Re: User Agent',
      body: { storage: { value: '<p>f</p>' } },
    });
    expect((await get(`/wiki/api/v2/inline-comments/${footer}`)).status).toBe(404);
    expect((await get(`/wiki/api/v2/inline-comments/${inline}`)).json).toMatchObject({
      properties: { 'inline-marker-ref': 'abc' },
    });
    s.state.deleteComment(footer);
    expect((await get(`/wiki/api/v2/footer-comments/${footer}`)).status).toBe(404);
  });
});
