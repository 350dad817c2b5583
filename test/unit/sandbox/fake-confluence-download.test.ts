import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import { MEDIA_TOKEN_TTL_MS } from '../../../src/sandbox/fake-confluence/media-vault';
import { NodeHttp } from '../../../src/platform/node/node-http';
import { RestConfluenceApi } from '../../../src/platform/node/rest-confluence-api';
import type { Site } from './confluence-fixture';
import { site } from './confluence-fixture';
import { EMAIL, TOKEN, basic, serve } from './confluence-http';

const BYTES = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
const FILENAME = 'Résumé & notes v1.pdf';

let s: Site;
let fake: FakeConfluence;

interface Raw {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A GET that never follows redirects and keeps the body as bytes. */
async function raw(url: string, auth: string | null = basic(EMAIL, TOKEN)): Promise<Raw> {
  const headers: Record<string, string> = auth === null ? {} : { Authorization: auth };
  const response = await fetch(url, { headers, redirect: 'manual' });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

function downloadUrl(pageId = s.childId): string {
  const attachment = s.state.getAttachment(pageId, FILENAME);
  if (attachment === undefined) throw new Error('fixture attachment missing');
  const link = `/download/attachments/${pageId}/${encodeURIComponent(FILENAME)}?version=${attachment.version.number}`;
  return `${fake.url}/wiki${link}`;
}

beforeEach(async () => {
  s = site();
  s.state.addAttachment(s.childId, { filename: FILENAME, bytes: BYTES, mediaType: 'application/pdf' });
  ({ fake } = await serve(s, { requestsPerMinute: 5 }));
});
afterEach(() => fake.close());

describe('GET /wiki/download/attachments/{pageId}/{filename}', () => {
  it('redirects (302) to a media URL that serves the exact bytes without credentials', async () => {
    const listing = await raw(`${fake.url}/wiki/api/v2/pages/${s.childId}/attachments`);
    const item = (JSON.parse(listing.bytes.toString('utf8')) as { results: { downloadLink: string }[] })
      .results[0];
    const redirect = await raw(`${fake.url}/wiki${item?.downloadLink ?? ''}`);
    expect(redirect.status).toBe(302);
    expect(redirect.bytes.byteLength).toBe(0);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${fake.url}/media/[A-Za-z0-9_-]{32}$`));
    const file = await raw(location, null);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-length')).toBe(String(BYTES.byteLength));
    expect(file.bytes.equals(Buffer.from(BYTES))).toBe(true);
    expect((await raw(location, null)).status).toBe(200); // reusable until it expires
  });

  it('fetch with redirect: "follow" ends at the bytes too (auth is not needed past the 302)', async () => {
    const response = await fetch(downloadUrl(), { headers: { Authorization: basic(EMAIL, TOKEN) } });
    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(BYTES))).toBe(true);
  });

  it('RestConfluenceApi hands the 302 back (redirect: manual): the caller follows Location itself', async () => {
    const api = new RestConfluenceApi({ baseUrl: fake.url, email: EMAIL, apiToken: TOKEN });
    const path = downloadUrl().slice(fake.url.length);
    const redirect = await api.request(path, { headers: { Accept: '*/*' } });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location.startsWith(`${fake.url}/media/`)).toBe(true);
    const file = await new NodeHttp().fetch({ method: 'GET', url: location, headers: {} });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(BYTES))).toBe(true);
  });

  it('requires Basic auth: 401 without or with wrong credentials, in the v2 error shape', async () => {
    const none = await raw(downloadUrl(), null);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.bytes.toString('utf8'))).toMatchObject({ errors: [{ status: 401 }] });
    expect((await raw(downloadUrl(), basic(EMAIL, 'wrong'))).status).toBe(401);
  });

  it('serves an earlier version by ?version=N; a new upload changes what the latest link serves', async () => {
    s.state.addAttachment(s.childId, {
      filename: FILENAME,
      bytes: Uint8Array.from([1, 2, 3]),
      mediaType: 'text/plain',
    });
    const latest = await raw((await raw(downloadUrl())).headers.get('location') ?? '', null);
    expect([...latest.bytes]).toEqual([1, 2, 3]);
    expect(latest.headers.get('content-type')).toBe('text/plain');
    const base = `${fake.url}/wiki/download/attachments/${s.childId}/${encodeURIComponent(FILENAME)}`;
    const old = await raw(
      (await raw(`${base}?version=1&modificationDate=1&api=v2`)).headers.get('location') ?? '',
      null,
    );
    expect(old.bytes.equals(Buffer.from(BYTES))).toBe(true);
    expect((await raw(`${base}?version=3`)).status).toBe(404);
    expect((await raw(`${base}?version=x`)).status).toBe(400);
  });

  it('is 404 for unknown pages and files, trashed and purged pages, and removed attachments', async () => {
    const file = encodeURIComponent(FILENAME);
    expect((await raw(`${fake.url}/wiki/download/attachments/999999/${file}`)).status).toBe(404);
    expect((await raw(`${fake.url}/wiki/download/attachments/${s.rootId}/${file}`)).status).toBe(404);
    const other = `${fake.url}/wiki/download/attachments/${s.childId}/other.pdf`;
    const missing = await raw(other);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.bytes.toString('utf8'))).toMatchObject({ errors: [{ code: 'NOT_FOUND' }] });
    const url = downloadUrl();
    s.state.trashPage(s.childId);
    expect((await raw(url)).status).toBe(404);
    s.state.restorePage(s.childId);
    s.state.removeAttachment(s.childId, FILENAME);
    expect((await raw(url)).status).toBe(404);
  });

  it('media tokens are unguessable and expire on the clock; stats and the rate limit', async () => {
    expect((await raw(`${fake.url}/media/not-a-token`, null)).status).toBe(404);
    const location = (await raw(downloadUrl())).headers.get('location') ?? '';
    s.clock.advance(MEDIA_TOKEN_TTL_MS);
    expect((await raw(location, null)).status).toBe(404);
    fake.resetStats();
    const fresh = (await raw(downloadUrl())).headers.get('location') ?? '';
    for (let i = 0; i < 6; i += 1) expect((await raw(fresh, null)).status).toBe(200);
    expect(fake.stats().byRoute).toEqual({
      'GET /wiki/download/attachments/{pageId}/{filename}': 1,
      'GET /media/{token}': 6,
    });
    // 5 a minute (the clock moved past the first redirect): media fetches do not count.
    for (let i = 0; i < 4; i += 1) expect((await raw(downloadUrl())).status).toBe(302);
    expect((await raw(downloadUrl())).status).toBe(429);
  });
});
