import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';
import { ALICE, BOB, site } from './confluence-fixture';
import type { Get } from './confluence-http';
import { serve } from './confluence-http';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
const V2_NOT_FOUND = { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] };

interface Listing {
  results: Record<string, unknown>[];
  _links: { next?: string; base: string };
}

let s: Site;
let fake: FakeConfluence;
let get: Get;

beforeEach(async () => {
  s = site();
  ({ fake, get } = await serve(s));
});
afterEach(() => fake.close());

async function list(path: string): Promise<Listing> {
  const reply = await get(path);
  expect(reply.status).toBe(200);
  return reply.json as unknown as Listing;
}

describe('ConfluenceState attachments', () => {
  it('adds att<number> at version 1; the same filename again is a new version of the same id', () => {
    const first = s.state.addAttachment(s.childId, { filename: 'a.png', bytes: PNG, mediaType: 'image/png' });
    expect(first).toMatchObject({ pageId: s.childId, filename: 'a.png', status: 'current', comment: '' });
    expect(first.id).toMatch(/^att[0-9]+$/);
    expect(first.version).toMatchObject({ number: 1, authorId: ALICE, minorEdit: false });
    s.clock.advance(1000);
    const bytes = new TextEncoder().encode('v2');
    const second = s.state.addAttachment(s.childId, {
      filename: 'a.png',
      bytes,
      mediaType: 'image/png',
      comment: 'redrawn',
      by: BOB,
    });
    expect(second.id).toBe(first.id);
    expect(second.version).toMatchObject({ number: 2, authorId: BOB, message: 'redrawn' });
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.fileId).not.toBe(first.fileId);
    expect(Buffer.from(s.state.getAttachment(s.childId, 'a.png')?.bytes ?? [])).toEqual(Buffer.from('v2'));
    bytes[0] = 0; // the state keeps its own copy
    expect(Buffer.from(s.state.getAttachment(s.childId, 'a.png')?.bytes ?? [])).toEqual(Buffer.from('v2'));
  });

  it('refuses bad input and unknown pages; removeAttachment purges, twice throws', () => {
    const ok = { filename: 'x.txt', bytes: PNG, mediaType: 'text/plain' };
    expect(() => s.state.addAttachment('999999', ok)).toThrow(/Unknown page/);
    expect(() => s.state.addAttachment(s.childId, { ...ok, filename: ' ' })).toThrow(/filename/);
    expect(() => s.state.addAttachment(s.childId, { ...ok, filename: 'a/b.txt' })).toThrow(/slashes/);
    expect(() => s.state.addAttachment(s.childId, { ...ok, mediaType: 'text' })).toThrow(/mediaType/);
    expect(() => s.state.addAttachment(s.childId, { ...ok, by: 'nobody' })).toThrow(/acting user/);
    s.state.trashPage(s.childId);
    expect(() => s.state.addAttachment(s.childId, ok)).toThrow(/trashed/);
    s.state.restorePage(s.childId);
    s.state.addAttachment(s.childId, ok);
    s.state.removeAttachment(s.childId, 'x.txt');
    expect(s.state.listAttachments(s.childId)).toEqual([]);
    expect(() => s.state.removeAttachment(s.childId, 'x.txt')).toThrow(/no attachment/);
  });
});

describe('GET /wiki/api/v2/pages/{id}/attachments', () => {
  it('lists attachments in the v2 shape and filters by filename and mediaType', async () => {
    const png = s.state.addAttachment(s.childId, {
      filename: 'My Diagram.png',
      bytes: PNG,
      mediaType: 'image/png',
    });
    s.state.addAttachment(s.childId, {
      filename: 'notes.txt',
      bytes: PNG,
      mediaType: 'text/plain',
      comment: 'c',
    });
    const page = await list(`/wiki/api/v2/pages/${s.childId}/attachments?filename=My%20Diagram.png`);
    expect(page.results).toHaveLength(1);
    const modified = Date.parse(png.version.createdAt);
    const download = `/download/attachments/${s.childId}/My%20Diagram.png?version=1&modificationDate=${modified}&api=v2`;
    expect(page.results[0]).toEqual({
      id: png.id,
      status: 'current',
      title: 'My Diagram.png',
      createdAt: png.createdAt,
      pageId: s.childId,
      mediaType: 'image/png',
      mediaTypeDescription: 'PNG Image',
      comment: '',
      fileId: png.fileId,
      fileSize: PNG.byteLength,
      webuiLink: expect.stringMatching(/^\/pages\/viewpageattachments\.action\?pageId=/),
      downloadLink: download,
      version: {
        number: 1,
        minorEdit: false,
        message: '',
        authorId: ALICE,
        createdAt: png.version.createdAt,
      },
      _links: { webui: page.results[0]?.webuiLink, download },
    });
    expect(page._links).toEqual({ base: `${fake.url}/wiki` });
    const texts = await list(`/wiki/api/v2/pages/${s.childId}/attachments?mediaType=text/plain`);
    expect(texts.results.map((r) => r.title)).toEqual(['notes.txt']);
    const none = await list(`/wiki/api/v2/pages/${s.childId}/attachments?filename=my%20diagram.png`);
    expect(none.results).toEqual([]);
    expect(fake.stats().byRoute['GET /wiki/api/v2/pages/{id}/attachments']).toBe(3);
  });

  it('pages 60 attachments with the default limit of 50, then by cursor with limit=25', async () => {
    for (let i = 0; i < 60; i += 1) {
      s.state.addAttachment(s.childId, { filename: `f${i}.txt`, bytes: PNG, mediaType: 'text/plain' });
    }
    const first = await list(`/wiki/api/v2/pages/${s.childId}/attachments`);
    expect(first.results).toHaveLength(50);
    const rest = await list(first._links.next ?? 'missing');
    expect(rest.results.map((r) => r.title)).toEqual(Array.from({ length: 10 }, (_, i) => `f${50 + i}.txt`));
    expect(rest._links.next).toBeUndefined();

    const seen: unknown[] = [];
    let next: string | undefined = `/wiki/api/v2/pages/${s.childId}/attachments?limit=25`;
    while (next !== undefined) {
      const reply = await get(next);
      const body = reply.json as unknown as Listing;
      seen.push(...body.results.map((r) => r.title));
      if (body._links.next !== undefined) {
        expect(body._links.next).toContain('limit=25');
        expect(reply.headers.get('link')).toBe(
          `<${body._links.next}>; rel="next", <${body._links.base}>; rel="base"`,
        );
      }
      next = body._links.next;
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `f${i}.txt`));
    const sorted = await list(`/wiki/api/v2/pages/${s.childId}/attachments?sort=-created-date&limit=2`);
    expect(sorted.results.map((r) => r.title)).toEqual(['f59.txt', 'f58.txt']);
  });

  it('answers 400 for malformed parameters and a cursor from another listing', async () => {
    s.state.addAttachment(s.childId, { filename: 'a.txt', bytes: PNG, mediaType: 'text/plain' });
    s.state.addAttachment(s.childId, { filename: 'b.txt', bytes: PNG, mediaType: 'text/plain' });
    const base = `/wiki/api/v2/pages/${s.childId}/attachments`;
    for (const query of ['limit=0', 'limit=251', 'sort=title', 'status=draft', 'filename=a&filename=b']) {
      expect((await get(`${base}?${query}`)).status).toBe(400);
    }
    const childCursor = (await list(`${base}?limit=1`))._links.next?.match(/cursor=([^&]+)/)?.[1];
    expect((await get(`/wiki/api/v2/pages/${s.rootId}/attachments?cursor=${childCursor}`)).status).toBe(400);
    expect((await get(`${base}?limit=250`)).status).toBe(200);
  });

  it('is 404 for unknown, trashed, archived and purged pages; 401 without credentials', async () => {
    expect(await get('/wiki/api/v2/pages/999999/attachments')).toMatchObject({
      status: 404,
      json: V2_NOT_FOUND,
    });
    s.state.addAttachment(s.rootId, { filename: 'a.txt', bytes: PNG, mediaType: 'text/plain' });
    s.state.archivePage(s.rootId);
    expect((await get(`/wiki/api/v2/pages/${s.rootId}/attachments`)).status).toBe(404);
    s.state.trashPage(s.childId);
    expect((await get(`/wiki/api/v2/pages/${s.childId}/attachments`)).status).toBe(404);
    s.state.deletePage(s.childId);
    expect((await get(`/wiki/api/v2/pages/${s.childId}/attachments`)).status).toBe(404);
    expect((await get(`/wiki/api/v2/pages/${s.rootId}/attachments`, null)).status).toBe(401);
  });
});
