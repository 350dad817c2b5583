import type { Kit } from './halo-test-kit';
import { at, startKit } from './halo-test-kit';

let kit: Kit;
let token: string;
let listId: number;

beforeEach(async () => {
  kit = await startKit();
  token = await kit.token();
  const list = await kit.call('POST', '/api/FAQLists', {
    token,
    json: [{ name: 'IT / Network', showforall: true }],
  });
  listId = (list.json as { id: number }).id;
});
afterEach(() => kit.halo.close());

const article = (extra: Record<string, unknown> = {}) => ({
  name: 'VPN setup (mirrored from Confluence)',
  description: '<h2>Steps</h2><p>Install the client…</p>',
  description_html: '<h2>Steps</h2><p>Install the client…</p>',
  resolution: '',
  tag_string: 'confluence,confluence-12345',
  faqlists: [{ id: listId }],
  showforall: true,
  ...extra,
});

const post = (json: unknown) => kit.call('POST', '/api/KBArticle', { token, json });

describe('fake Halo: /api/KBArticle create, get, update, list, delete', () => {
  it('creates with POST [ {...} ] and answers the article object (details included)', async () => {
    const created = await post([article()]);
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      id: 1001,
      name: 'VPN setup (mirrored from Confluence)',
      description: '<h2>Steps</h2><p>Install the client…</p>',
      description_html: '<h2>Steps</h2><p>Install the client…</p>',
      resolution: '',
      resolution_html: '',
      tag_string: 'confluence,confluence-12345',
      tags: [
        { id: 1, text: 'confluence' },
        { id: 2, text: 'confluence-12345' },
      ],
      showforall: true,
      date_created: at(),
      date_edited: at(),
      creator_id: 1,
      creator_name: 'API',
      editor_id: 1,
      editor_name: 'API',
      view_count: 0,
      useful_count: 0,
      notuseful_count: 0,
      faqlists: [
        {
          id: listId,
          name: 'IT / Network',
          showforall: true,
          level: 0,
          is_group: false,
          group_id: 0,
          group_name: '',
          full_name: 'IT / Network',
          article_count: 1,
        },
      ],
      teams: [],
      attachments: [],
    });
  });

  it('GET by id: nested objects only with includedetails=true', async () => {
    const { id } = (await post([article()])).json as { id: number };
    const plain = await kit.call('GET', `/api/KBArticle/${id}`, { token });
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({ id, name: 'VPN setup (mirrored from Confluence)' });
    expect(plain.json).not.toHaveProperty('faqlists');
    const detailed = await kit.call('GET', `/api/KBArticle/${id}?includedetails=true`, { token });
    expect(detailed.json).toMatchObject({ id, faqlists: [{ id: listId }], attachments: [], teams: [] });
  });

  it('updates in place with [ {id, …changed fields} ]: same id, other fields kept, date_edited bumped', async () => {
    const { id } = (await post([article()])).json as { id: number };
    kit.clock.advance(90_000);
    const updated = await post([{ id, name: 'VPN setup v2', tag_string: 'confluence-12345' }]);
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      id,
      name: 'VPN setup v2',
      description: '<h2>Steps</h2><p>Install the client…</p>',
      tag_string: 'confluence-12345',
      faqlists: [{ id: listId }],
      date_created: at(),
      date_edited: at(90_000),
    });
    expect(kit.halo.state().articles).toHaveLength(1);
  });

  it('lists {record_count, articles} by search over tags, paginated, with summaries only', async () => {
    await post([article()]);
    await post([article({ name: 'Printer', tag_string: 'confluence,confluence-123' })]);
    await post([article({ name: 'Mail', tag_string: 'confluence,confluence-99' })]);
    const byTag = await kit.call(
      'GET',
      '/api/KBArticle?search=confluence-12345&pageinate=true&page_size=50&page_no=1',
      {
        token,
      },
    );
    expect(byTag.json).toEqual({
      record_count: 1,
      page_no: 1,
      page_size: 50,
      articles: [
        {
          id: 1001,
          name: 'VPN setup (mirrored from Confluence)',
          tag_string: 'confluence,confluence-12345',
          showforall: true,
          date_created: at(),
          date_edited: at(),
          view_count: 0,
        },
      ],
    });
    // A substring search: the caller must check the exact tag.
    const prefix = (await kit.call('GET', '/api/KBArticle?search=confluence-123', { token })).json;
    expect(prefix).toMatchObject({ record_count: 2, articles: [{ id: 1001 }, { id: 1002 }] });
    const page2 = await kit.call('GET', '/api/KBArticle?paginate=true&page_size=2&page_no=2&order=name', {
      token,
    });
    expect(page2.json).toMatchObject({
      record_count: 3,
      page_no: 2,
      page_size: 2,
      articles: [{ name: 'VPN setup (mirrored from Confluence)' }],
    });
    // An undocumented filter is ignored, as ASP.NET ignores unknown parameters.
    expect((await kit.call('GET', '/api/KBArticle?tag=confluence-99', { token })).json).toMatchObject({
      record_count: 3,
    });
    expect((await kit.call('GET', '/api/KBArticle?count=1&orderdesc=true', { token })).json).toEqual({
      record_count: 3,
      articles: [expect.objectContaining({ id: 1003 })],
    });
    expect((await kit.call('GET', '/api/KBArticle?page_size=abc', { token })).status).toBe(400);
  });

  it('deletes: 200 with an empty body, then 404 on get, update and delete', async () => {
    const { id } = (await post([article()])).json as { id: number };
    const deleted = await kit.call('DELETE', `/api/KBArticle/${id}`, { token });
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    const missing = {
      status: 404,
      json: { ClassName: 'System.Exception', Message: `KBArticle with id ${id} not found` },
    };
    expect(await kit.call('GET', `/api/KBArticle/${id}`, { token })).toMatchObject(missing);
    expect(await post([{ id, name: 'again' }])).toMatchObject(missing);
    expect(await kit.call('DELETE', `/api/KBArticle/${id}`, { token })).toMatchObject(missing);
    expect((await kit.call('GET', '/api/KBArticle/abc', { token })).status).toBe(400);
  });

  it('several elements answer an array; the FAQ list counts its articles', async () => {
    const both = await post([article({ name: 'A' }), article({ name: 'B' })]);
    expect(both.json).toEqual([
      expect.objectContaining({ id: 1001, name: 'A' }),
      expect.objectContaining({ id: 1002, name: 'B' }),
    ]);
    expect((await kit.call('GET', `/api/FAQLists/${listId}`, { token })).json).toMatchObject({
      article_count: 2,
    });
  });
});
