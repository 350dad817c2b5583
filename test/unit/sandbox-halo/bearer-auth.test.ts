import type { Kit } from './halo-test-kit';
import { startKit } from './halo-test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await startKit();
});
afterEach(() => kit.halo.close());

const DENIED = { Message: 'Authorization has been denied for this request.' };

describe('fake Halo: bearer tokens on /api', () => {
  it('no, unknown or non-Bearer credentials: 401 with the ASP.NET body and WWW-Authenticate', async () => {
    const none = await kit.call('GET', '/api/KBArticle');
    expect(none.status).toBe(401);
    expect(none.json).toEqual(DENIED);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const unknown = await kit.call('GET', '/api/KBArticle', { token: 'made-up' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(DENIED);
    expect(unknown.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The token is not valid"',
    );
    const basic = await kit.call('GET', '/api/FAQLists', { headers: { Authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
  });

  it('a token works until expires_in has passed on the injected clock', async () => {
    const token = await kit.token();
    kit.clock.advance(3_599_999);
    expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(200);
    kit.clock.advance(1);
    const expired = await kit.call('GET', '/api/FAQLists', { token });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(DENIED);
    expect(expired.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The token expired"',
    );
    expect((await kit.call('GET', '/api/FAQLists', { token: await kit.token() })).status).toBe(200);
  });

  it('expireTokens() expires every token issued so far, not later ones', async () => {
    const first = await kit.token();
    const second = await kit.token();
    kit.halo.expireTokens();
    expect((await kit.call('GET', '/api/KBArticle', { token: first })).status).toBe(401);
    expect((await kit.call('GET', '/api/KBArticle', { token: second })).status).toBe(401);
    const fresh = await kit.token();
    expect((await kit.call('GET', '/api/KBArticle', { token: fresh })).status).toBe(200);
    expect(kit.halo.stats().tokensIssued).toBe(3);
  });

  it('scopes: read:kb reads but may not write (403); the scheme is case-insensitive', async () => {
    const read = await kit.token('read:kb', 'reader', 'reader-secret');
    const lower = { Authorization: `bearer ${read}` };
    expect((await kit.call('GET', '/api/KBArticle', { headers: lower })).status).toBe(200);
    const write = await kit.call('POST', '/api/KBArticle', { token: read, json: [{ name: 'x' }] });
    expect(write.status).toBe(403);
    expect(write.json).toEqual({
      Message:
        "The application's permissions do not allow this request (needs one of: all, all:standard, edit:kb).",
    });
    expect((await kit.call('DELETE', '/api/FAQLists/1', { token: read })).status).toBe(403);
    const editor = await kit.token('edit:kb', 'kb-editor', 'kb-secret');
    expect((await kit.call('POST', '/api/FAQLists', { token: editor, json: [{ name: 'IT' }] })).status).toBe(
      200,
    );
    expect(kit.halo.state().faqLists).toHaveLength(1);
  });

  it('routes are case-insensitive (HAPI posts to api/kbarticle); unknown paths 404, wrong methods 405', async () => {
    const token = await kit.token();
    expect((await kit.call('GET', '/api/kbarticle', { token })).status).toBe(200);
    expect((await kit.call('GET', '/API/faqlists/', { token })).status).toBe(200);
    const unknown = await kit.call('GET', '/api/Nope', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      Message: "No HTTP resource was found that matches the request URI '/api/Nope'.",
    });
    const put = await kit.call('PUT', '/api/KBArticle', { token, json: [{ name: 'x' }] });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(put.json).toEqual({ Message: "The requested resource does not support http method 'PUT'." });
    expect(kit.halo.stats().byRoute).toMatchObject({ 'GET (no route)': 1, 'PUT /api/KBArticle': 1 });
  });
});
