import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';
import { v1ContentLinks } from './v1-shapes';

const SEARCH = '/wiki/rest/api/content/search';

let s: Site;
let fake: FakeConfluence;
let get: Get;

beforeEach(async () => {
  s = site();
  ({ fake, get } = await serve(s));
});
afterEach(() => fake.close());

function page(parentId: string, title: string): string {
  return s.state.createPage({ spaceId: s.spaceId, parentId, title, body: '<p/>', authorId: ALICE }).content
    .id;
}

function search(cql: string, extra = ''): string {
  return `${SEARCH}?cql=${encodeURIComponent(cql)}${extra}`;
}

/** Hub → 50 sections → 4 leaves each: 250 current descendants, plus noise that must not match. */
function tree(): { hubId: string; expected: string[] } {
  const hubId = page(s.rootId, 'Hub');
  const expected: string[] = [];
  for (let i = 0; i < 50; i += 1) {
    const section = page(hubId, `Section ${i}`);
    expected.push(section);
    for (let j = 0; j < 4; j += 1) expected.push(page(section, `Leaf ${i}.${j}`));
  }
  s.state.trashPage(page(hubId, 'Trashed leaf'));
  s.state.archivePage(page(hubId, 'Archived leaf'));
  s.state.createDraft({ spaceId: s.spaceId, parentId: hubId, title: 'Draft', body: '<p/>', authorId: ALICE });
  page(s.rootId, 'Outside the hub');
  return { hubId, expected };
}

describe('v1 CQL content search: ancestor = <id>', () => {
  it('pages 250 descendants by cursor, 100 + 100 + 50, each id exactly once', async () => {
    const { hubId, expected } = tree();
    fake.resetStats();
    const seen: string[] = [];
    const sizes: number[] = [];
    let path: string | undefined = search(`ancestor = ${hubId} and type = page`, '&limit=100');
    while (path !== undefined) {
      const reply = await get(path);
      expect(reply.status).toBe(200);
      const body = reply.json as {
        results: Array<{ id: string }>;
        start: number;
        limit: number;
        size: number;
      };
      const links = reply.json._links as Record<string, string>;
      expect(body.start).toBe(seen.length);
      expect(body.limit).toBe(100);
      expect(body.size).toBe(body.results.length);
      expect(links).toMatchObject({ base: `${fake.url}/wiki`, context: '/wiki' });
      sizes.push(body.size);
      seen.push(...body.results.map((r) => r.id));
      if (links.next !== undefined) {
        expect(links.next).toMatch(
          /^\/rest\/api\/content\/search\?next=true&cursor=[A-Za-z0-9_-]+&limit=100&start=/,
        );
        path = `${new URL(links.base ?? '').pathname}${links.next}`;
      } else path = undefined;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(fake.stats().byRoute).toEqual({ 'GET /wiki/rest/api/content/search': 3 });
  });

  it('answers one batch in the exact v1 shape (default limit 25)', async () => {
    const reply = await get(search(`ancestor = ${s.rootId}`));
    const base = `${fake.url}/wiki`;
    expect(reply.json).toEqual({
      results: [
        {
          id: s.childId,
          type: 'page',
          status: 'current',
          title: 'User Agent',
          extensions: { position: Number(s.childId) },
          _expandable: {
            space: '/rest/api/space/ENG',
            version: '',
            history: `/rest/api/content/${s.childId}/history`,
            ancestors: '',
            body: '',
            metadata: '',
            restrictions: `/rest/api/content/${s.childId}/restriction/byOperation`,
          },
          _links: v1ContentLinks(base, s.childId, `/spaces/ENG/pages/${s.childId}/User+Agent`),
        },
      ],
      start: 0,
      limit: 25,
      size: 1,
      _links: {
        base,
        context: '/wiki',
        self: `${base}/rest/api/content/search?cql=ancestor+%3D+${s.rootId}`,
      },
    });
  });

  it('accepts either clause order, quotes and any keyword case; limit defaults to 25, caps at 100', async () => {
    const { hubId, expected } = tree();
    const first = [...expected].sort((a, b) => Number(a) - Number(b)).slice(0, 25);
    for (const cql of [
      `ancestor=${hubId}`,
      `type=page and ancestor=${hubId}`,
      `ANCESTOR = "${hubId}" AND Type = 'page'`,
      `ancestor = '${hubId}' and type = "page"`,
    ]) {
      const reply = await get(search(cql));
      expect((reply.json.results as Array<{ id: string }>).map((r) => r.id)).toEqual(first);
    }
    expect((await get(search(`ancestor = ${hubId}`, '&limit=1000'))).json).toMatchObject({
      limit: 100,
      size: 100,
    });
    expect((await get(search(`type = blogpost and ancestor = ${hubId}`))).json).toMatchObject({ size: 0 });
    expect((await get(search('ancestor = 999999'))).json).toMatchObject({ results: [], size: 0 });
  });

  it('pages only by cursor: start alone gives the first batch again', async () => {
    const { hubId } = tree();
    const firstIds = (await get(search(`ancestor = ${hubId}`, '&limit=10'))).json.results;
    const again = await get(search(`ancestor = ${hubId}`, '&limit=10&start=10'));
    expect(again.json.results).toEqual(firstIds);
    expect(again.json.start).toBe(0);
  });

  it('expands results like single content, and 404s the whole batch on an unreadable ancestor', async () => {
    const { hubId } = tree();
    const expand = '&expand=ancestors.restrictions.read.restrictions.user,history';
    const ok = await get(search(`ancestor = ${hubId}`, `${expand}&limit=2`));
    expect(ok.status).toBe(200);
    const [first] = ok.json.results as Array<Record<string, unknown>>;
    expect(first?.history).toMatchObject({ latest: true, createdBy: { accountId: ALICE } });
    expect(first?.ancestors).toMatchObject([
      { id: s.rootId, restrictions: { read: { operation: 'read' } } },
      {},
    ]);
    expect((ok.json._links as Record<string, string>).next).toContain(
      '&expand=ancestors.restrictions.read.restrictions.user%2Chistory&',
    );
    s.state.trashPage(hubId);
    const broken = await get(search(`ancestor = ${hubId}`, expand));
    expect(broken.status).toBe(404);
    expect(broken.json.message).toContain('Cannot find content. Outdated version/old_draft/trashed');
    expect((await get(search(`ancestor = ${hubId}`, '&expand=ancestors'))).status).toBe(200);
  });
});

describe('v1 CQL content search: space = <key>, lastmodified and order by', () => {
  /** Three ENG pages edited at 10:05, 10:10 and 10:20 (the site starts at 10:00 UTC), one DOCS page. */
  function edits(): string[] {
    const ids = ['A', 'B', 'C'].map((t) => page(s.rootId, t));
    for (const [id, at] of [
      [ids[2]!, 5],
      [ids[0]!, 10],
      [ids[1]!, 20],
    ] as const) {
      s.clock.set(Date.UTC(2026, 2, 2, 10, at));
      s.state.updatePage(id, { body: `<p>${at}</p>` });
    }
    s.state.createPage({ spaceId: s.otherSpaceId, title: 'Elsewhere', body: '<p/>', authorId: ALICE });
    return ids;
  }

  const ids = async (cql: string, extra = '') =>
    ((await get(search(cql, extra))).json.results as Array<{ id: string }>).map((r) => r.id);

  it('keeps the space, the date (minutes, as UTC) and the order asked for', async () => {
    const [a, b, c] = edits();
    expect(await ids('type = page AND space = "ENG" AND lastmodified >= "2026-03-02 10:10"')).toEqual(
      [a, b].sort((x, y) => Number(x) - Number(y)),
    );
    expect(await ids('space = ENG and lastmodified > "2026-03-02 10:10" order by lastmodified')).toEqual([b]);
    expect(await ids('space = ENG and lastmodified >= "2026/03/02 10:05" order by lastmodified')).toEqual([
      c,
      a,
      b,
    ]);
    expect(await ids('space = ENG and lastmodified >= "2026-03-02" order by lastmodified desc')).toEqual([
      b,
      a,
      c,
      s.childId,
      s.rootId,
    ]);
    expect(await ids('space = DOCS and lastmodified >= "2026-03-02 10:20"')).toHaveLength(1);
    expect(await ids('space = DOCS and lastmodified > "2026-03-02 10:20"')).toEqual([]);
    expect(await ids('space = NOPE')).toEqual([]);
  });

  it('pages an ordered search by cursor; an edit during the walk never makes it skip a page', async () => {
    const [a, b, c] = edits();
    const cql = 'space = ENG order by lastmodified';
    const first = await get(search(cql, '&limit=2&expand=version'));
    expect(
      (first.json.results as Array<{ id: string; version: { number: number } }>).map((r) => r.id),
    ).toEqual([s.rootId, s.childId]);
    s.clock.set(Date.UTC(2026, 2, 2, 11, 0));
    s.state.updatePage(s.rootId, { body: '<p>again</p>' });
    const seen: string[] = [];
    let next = (first.json._links as Record<string, string>).next;
    while (next !== undefined) {
      const reply = await get(`/wiki${next}`);
      seen.push(...(reply.json.results as Array<{ id: string }>).map((r) => r.id));
      next = (reply.json._links as Record<string, string>).next;
    }
    expect(seen).toEqual([c, a, b, s.rootId]);
  });
});

describe('v1 CQL content search: refusals', () => {
  it.each([
    ['title = ENG', 'unsupported field or keyword "title"'],
    ['space = "EN G"', '"EN G" is not a space key'],
    ['space = ENG and lastmodified = "2026-01-01"', 'unsupported operator "=" after lastmodified'],
    ['space = ENG and lastmodified >= "yesterday"', '"yesterday" is not a date'],
    ['space = ENG and lastmodified >= "2026-02-30 10:00"', 'is not a valid date'],
    ['space = ENG order lastmodified', '"order" must be followed by "by"'],
    ['space = ENG order by title', 'unsupported order field "title"'],
    ['space = ENG order by created sideways', 'unexpected "sideways" after order by'],
    ['ancestor = 1 or type = page', 'unsupported keyword "or"'],
    ['ancestor != 1', 'unsupported operator "!="'],
    ['ancestor in (1, 2)', 'unsupported operator "in"'],
    ['ancestor = abc', 'ancestor must be a content id'],
    ['ancestor = 1 and', 'nothing after "and"'],
    ['ancestor = 1 and ancestor = 2', '"ancestor" given more than once'],
    ['type = page', 'an "ancestor = <id>" or "space = <key>" clause is required'],
    ['type = widget and ancestor = 1', 'unknown content type "widget"'],
    ['order by created', 'the query is empty'],
  ])('400 for %s', async (cql, problem) => {
    const reply = await get(search(cql));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      statusCode: 400,
      data: { authorized: true, valid: false, errors: [], successful: false },
      message: expect.stringContaining(`Could not parse cql : ${cql} (`),
    });
    expect(reply.json.message).toContain(problem);
  });

  it('400 without cql, for a bad limit, and for a cursor of another search', async () => {
    expect((await get(SEARCH)).status).toBe(400);
    expect((await get(search(`ancestor = ${s.rootId}`, '&limit=0'))).status).toBe(400);
    expect((await get(search(`ancestor = ${s.rootId}`, '&limit=ten'))).status).toBe(400);
    expect((await get(search(`ancestor = ${s.rootId}`, '&cursor=garbage'))).status).toBe(400);
    const { hubId } = tree();
    const next = (await get(search(`ancestor = ${hubId}`, '&limit=1'))).json._links as Record<string, string>;
    const cursor = new URLSearchParams((next.next ?? '').split('?')[1]).get('cursor') ?? '';
    const other = await get(search(`ancestor = ${s.rootId}`, `&cursor=${cursor}`));
    expect(other.status).toBe(400);
    expect(other.json.message).toBe('Invalid cursor: it does not belong to this search');
  });
});
