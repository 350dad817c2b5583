import type { Kit } from './halo-test-kit';
import { at, startKit } from './halo-test-kit';

let kit: Kit;
let token: string;

beforeEach(async () => {
  kit = await startKit();
  token = await kit.token();
});
afterEach(() => kit.halo.close());

const create = async (json: Record<string, unknown>): Promise<number> =>
  ((await kit.call('POST', '/api/KBArticle', { token, json: [json] })).json as { id: number }).id;

describe('fake Halo: injected faults', () => {
  it('answer first, for the given method, path prefix and number of times', async () => {
    kit.halo.injectFaults([
      { method: 'POST', pathPrefix: '/api/kbarticle', status: 503, retryAfterSeconds: 7, times: 2 },
    ]);
    const first = await kit.call('POST', '/api/KBArticle', { json: [{ name: 'x' }] });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.json).toEqual({ ClassName: 'System.Exception', Message: 'Injected fault' });
    expect((await kit.call('GET', '/api/KBArticle', { token })).status).toBe(200);
    expect((await kit.call('POST', '/api/KBArticle', { token, json: [{ name: 'x' }] })).status).toBe(503);
    expect((await kit.call('POST', '/api/KBArticle', { token, json: [{ name: 'x' }] })).status).toBe(200);
    expect(kit.halo.stats().byRoute).toMatchObject({ 'POST /api/KBArticle': 3, 'GET /api/KBArticle': 1 });
  });

  it('custom bodies (a string is sent as text), 429 in the rate limiter’s shape, bad rules refused', async () => {
    kit.halo.injectFaults([
      { pathPrefix: '/auth/token', status: 502, body: '<html>Bad Gateway</html>', times: 1 },
      { pathPrefix: '/api/', status: 429, times: 1 },
    ]);
    const gateway = await kit.requestToken({ grant_type: 'client_credentials' });
    expect(gateway).toMatchObject({ status: 502, text: '<html>Bad Gateway</html>', json: undefined });
    expect(gateway.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await kit.call('GET', '/api/FAQLists', { token })).toMatchObject({
      status: 429,
      json: { error: 'Rate Limit Reached - 300 Requests per rolling 5 minute window' },
    });
    expect(() => kit.halo.injectFaults([{ pathPrefix: '/', status: 200, times: 1 }])).toThrow(/4xx\/5xx/);
    expect(() => kit.halo.injectFaults([{ pathPrefix: '/', status: 500, times: 0 }])).toThrow(/times/);
  });
});

describe('fake Halo: admins acting in Halo', () => {
  it('editArticleByHand changes the article, bumps date_edited and names the editor', async () => {
    const id = await create({ name: 'VPN', description: '<p>v1</p>', tag_string: 'confluence-1' });
    kit.clock.advance(60_000);
    kit.halo.editArticleByHand(id, {
      description: '<p>fixed by hand</p>',
      tag_string: 'confluence-1, handmade',
    });
    const got = await kit.call('GET', `/api/KBArticle/${id}`, { token });
    expect(got.json).toMatchObject({
      description: '<p>fixed by hand</p>',
      tag_string: 'confluence-1,handmade',
      date_created: at(),
      date_edited: at(60_000),
      editor_id: 2,
      editor_name: 'Halo Admin',
    });
    expect(() => kit.halo.editArticleByHand(999, { name: 'x' })).toThrow(/no article 999/);
    expect(() => kit.halo.editArticleByHand(id, { faqlistIds: [5] })).toThrow(/no FAQ list 5/);
  });

  it('deleteArticle / deleteFaqList: the API answers 404 afterwards', async () => {
    const list = await kit.call('POST', '/api/FAQLists', { token, json: [{ name: 'IT' }] });
    const listId = (list.json as { id: number }).id;
    const id = await create({ name: 'VPN', faqlists: [{ id: listId }] });
    kit.halo.deleteArticle(id);
    expect((await kit.call('GET', `/api/KBArticle/${id}`, { token })).status).toBe(404);
    expect((await kit.call('POST', '/api/KBArticle', { token, json: [{ id, name: 'x' }] })).status).toBe(404);
    kit.halo.deleteFaqList(listId);
    expect((await kit.call('GET', `/api/FAQLists/${listId}`, { token })).status).toBe(404);
    expect(() => kit.halo.deleteArticle(id)).toThrow(/no article/);
    expect(() => kit.halo.deleteFaqList(listId)).toThrow(/no FAQ list/);
  });

  it('state() is a detached snapshot of lists, articles and images', async () => {
    await kit.call('POST', '/api/FAQLists', { token, json: [{ name: 'IT', showforall: true }] });
    await create({
      name: 'VPN',
      description: '<p>x</p>',
      tag_string: 'a,b',
      faqlists: [{ id: 1 }],
      showforall: true,
    });
    const state = kit.halo.state();
    expect(state).toEqual({
      faqLists: [{ id: 1, name: 'IT', showforall: true, group_id: 0, article_count: 1 }],
      articles: [
        {
          id: 1001,
          name: 'VPN',
          description: '<p>x</p>',
          description_html: '',
          resolution: '',
          resolution_html: '',
          tags: ['a', 'b'],
          faqlistIds: [1],
          showforall: true,
          teamIds: [],
          attachments: [],
          date_created: at(),
          date_edited: at(),
          editor_name: 'API',
        },
      ],
      images: [],
    });
    state.articles[0]?.tags.push('mutated');
    expect(kit.halo.state().articles[0]?.tags).toEqual(['a', 'b']);
    kit.halo.resetStats();
    expect(kit.halo.stats()).toEqual({ requests: 0, byRoute: {}, tokensIssued: 0 });
  });
});
