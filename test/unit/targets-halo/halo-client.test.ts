import type { ClientKit } from './halo-client-kit';
import { startClientKit } from './halo-client-kit';

let kit: ClientKit;
beforeEach(async () => {
  kit = await startClientKit();
});
afterEach(() => kit.halo.close());

const T0 = () => new Date(kit.clock.now()).toISOString();

describe('HaloClient: knowledge-base articles (targets.md A.4)', () => {
  it('creates, reads, updates in place, deletes; unknown ids are undefined / missing / not-found', async () => {
    const client = kit.client();
    const list = await client.saveFaqList({ name: 'IT / Network', showforall: true });
    const created = await client.saveArticle({
      name: 'VPN setup',
      description: '<h2>Steps</h2><p>Install the client</p>',
      tag_string: 'confluence,confluence-12345',
      faqlists: [{ id: list.id }],
      showforall: true,
    });
    expect(created).toMatchObject({
      id: 1001,
      name: 'VPN setup',
      description_html: '<h2>Steps</h2><p>Install the client</p>',
      tag_string: 'confluence,confluence-12345',
      faqlists: [{ id: list.id, name: 'IT / Network' }],
      showforall: true,
      date_created: T0(),
      date_edited: T0(),
      editor_name: 'API',
    });
    await kit.clock.advanceBy(60_000);
    const updated = await client.saveArticle({
      id: created.id,
      name: 'VPN setup (v2)',
      description: '<p>v2</p>',
    });
    expect(updated).toMatchObject({ id: created.id, name: 'VPN setup (v2)', description_html: '<p>v2</p>' });
    expect(updated.date_edited).toBe(T0());
    expect(updated.tag_string).toBe('confluence,confluence-12345'); // fields not sent stay
    expect(await client.getArticle(created.id)).toEqual(updated);
    expect(kit.halo.state().articles).toHaveLength(1);

    expect(await client.deleteArticle(created.id)).toBe('deleted');
    expect(await client.deleteArticle(created.id)).toBe('missing');
    expect(await client.getArticle(created.id)).toBeUndefined();
    await expect(client.saveArticle({ id: created.id, name: 'again' })).rejects.toMatchObject({
      kind: 'not-found',
      status: 404,
      message: `Halo could not find article ${created.id}: KBArticle with id ${created.id} not found`,
    });
  });

  it('the exact request: POST /api/KBArticle with a one-element JSON array and a bearer token', async () => {
    const seen: Array<{ headers: Record<string, string>; body: unknown }> = [];
    const spy = {
      fetch: async (request: Parameters<typeof kit.http.fetch>[0]) => {
        if (request.url.endsWith('/api/KBArticle'))
          seen.push({ headers: request.headers, body: JSON.parse(String(request.body)) });
        return kit.http.fetch(request);
      },
    };
    await kit.client({}, spy).saveArticle({ name: 'A', description: '<p>a</p>', teams: [{ id: 2 }] });
    expect(seen).toEqual([
      {
        headers: {
          authorization: expect.stringMatching(/^Bearer halo_at_/),
          accept: 'application/json',
          'content-type': 'application/json; charset=utf-8',
          'user-agent': expect.stringMatching(/^Relay-for-Confluence/),
        },
        body: [{ name: 'A', description: '<p>a</p>', description_html: '<p>a</p>', teams: [{ id: 2 }] }],
      },
    ]);
  });

  it('findArticlesByTag: exact tags only (search is a substring match), across every page', async () => {
    const client = kit.client();
    const save = (name: string, tags: string) => client.saveArticle({ name, tag_string: tags });
    await save('Wanted', 'confluence,confluence-123');
    await save('Longer id', 'confluence-1234');
    await save('Title mentions confluence-123', 'other');
    for (let i = 0; i < 120; i += 1) await save(`Noise ${i}`, `confluence-123${i}`);
    await save('Wanted too', 'x, Confluence-123 ');
    const found = await client.findArticlesByTag('confluence-123');
    expect(found.map((a) => a.name)).toEqual(['Wanted', 'Wanted too']);
    expect(kit.halo.stats().byRoute['GET /api/KBArticle']).toBe(3); // 124 matches, 50 per page
    expect(await client.findArticlesByTag('confluence-999')).toEqual([]);
  });
});

describe('HaloClient: FAQ lists (targets.md A.5) and images (A.6)', () => {
  it('lists, gets, creates and renames FAQ lists; a deleted one is undefined', async () => {
    const client = kit.client();
    const it = await client.saveFaqList({ name: 'IT', showforall: true });
    const hr = await client.saveFaqList({ name: 'HR' });
    expect(await client.saveFaqList({ id: hr.id, name: 'People' })).toMatchObject({
      id: hr.id,
      name: 'People',
    });
    expect(await client.listFaqLists()).toEqual([
      { id: it.id, name: 'IT', showforall: true, group_id: 0, article_count: 0 },
      { id: hr.id, name: 'People', showforall: false, group_id: 0, article_count: 0 },
    ]);
    expect(await client.getFaqList(it.id)).toMatchObject({ id: it.id, name: 'IT' });
    kit.halo.deleteFaqList(it.id);
    expect(await client.getFaqList(it.id)).toBeUndefined();
    await expect(client.saveArticle({ name: 'x', faqlists: [{ id: it.id }] })).rejects.toMatchObject({
      kind: 'rejected',
      haloMessage: `FAQ list ${it.id} does not exist`,
    });
  });

  it('uploadImage sends multipart by hand; the link serves the same bytes without a token', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 13, 10, 45, 45]);
    const link = await kit.client().uploadImage('diagram "v2".png', bytes, 'image/png');
    expect(link).toMatch(/\/api\/attachment\/image\?token=[0-9a-f]{32}$/);
    const image = await fetch(link);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);
    expect(kit.halo.state().images).toMatchObject([{ filename: 'diagram _v2_.png', size: bytes.length }]);
    await expect(kit.client().uploadImage('notes.txt', bytes, 'text/plain')).rejects.toMatchObject({
      kind: 'rejected',
      message: "Halo rejected the image 'notes.txt': 'notes.txt' is not an image file",
    });
  });
});
