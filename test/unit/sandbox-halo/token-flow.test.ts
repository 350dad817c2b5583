import type { Kit } from './halo-test-kit';
import { CLIENT_ID, SECRET, TENANT, startKit } from './halo-test-kit';

let kit: Kit;
beforeEach(async () => {
  kit = await startKit();
});
afterEach(() => kit.halo.close());

const good = { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET, scope: 'all' };

describe('fake Halo: discovery and the client-credentials token endpoint', () => {
  it('GET /api/authinfo needs no token and names the auth server and tenant', async () => {
    const reply = await kit.call('GET', '/api/authinfo');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ auth_url: kit.halo.authUrl, tenant_id: TENANT });
    expect(kit.halo.authUrl).toBe(`${kit.halo.url}/auth`);
  });

  it('issues a bearer token with the documented fields', async () => {
    const reply = await kit.requestToken(good);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.json).toEqual({
      token_type: 'Bearer',
      access_token: expect.stringMatching(/^\S{20,}$/),
      expires_in: 3600,
      scope: 'all',
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    });
    expect(kit.halo.stats().tokensIssued).toBe(1);
  });

  it('a token URL built from authinfo (auth_url + /token?tenant=tenant_id) works', async () => {
    const info = (await kit.call('GET', '/api/authinfo')).json as { auth_url: string; tenant_id: string };
    const response = await fetch(`${info.auth_url}/token?tenant=${info.tenant_id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(good).toString(),
    });
    expect(response.status).toBe(200);
  });

  it('wrong or missing tenant: 400 invalid_request', async () => {
    expect(await kit.requestToken(good, 'globex')).toMatchObject({
      status: 400,
      json: { error: 'invalid_request', error_description: "Unknown tenant 'globex'" },
    });
    expect(await kit.requestToken(good, null)).toMatchObject({
      status: 400,
      json: { error: 'invalid_request', error_description: 'The tenant parameter is required' },
    });
  });

  it('wrong secret, unknown client or no credentials: 401 invalid_client', async () => {
    const expected = {
      status: 401,
      json: { error: 'invalid_client', error_description: 'Invalid client credentials' },
    };
    expect(await kit.requestToken({ ...good, client_secret: 'nope' })).toMatchObject(expected);
    expect(await kit.requestToken({ ...good, client_id: 'ghost' })).toMatchObject(expected);
    expect(await kit.requestToken({ grant_type: 'client_credentials' })).toMatchObject(expected);
    expect(kit.halo.stats().tokensIssued).toBe(0);
  });

  it('any grant but client_credentials: 400 unsupported_grant_type', async () => {
    for (const grant_type of ['password', 'refresh_token', 'authorization_code']) {
      expect(await kit.requestToken({ ...good, grant_type })).toMatchObject({
        status: 400,
        json: {
          error: 'unsupported_grant_type',
          error_description: `Grant type '${grant_type}' is not supported`,
        },
      });
    }
    const { grant_type: _omitted, ...noGrant } = good;
    expect((await kit.requestToken(noGrant)).json).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('a JSON body is refused: the endpoint takes form-encoded bodies only', async () => {
    const response = await fetch(`${kit.halo.authUrl}/token?tenant=${TENANT}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(good),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The request body must be application/x-www-form-urlencoded',
    });
  });

  it('scopes: only those granted to the application; none asked means all granted', async () => {
    const reader = { grant_type: 'client_credentials', client_id: 'reader', client_secret: 'reader-secret' };
    expect(await kit.requestToken({ ...reader, scope: 'read:kb edit:kb' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_scope', error_description: 'Scope not allowed for this client: edit:kb' },
    });
    expect((await kit.requestToken(reader)).json).toMatchObject({ scope: 'read:kb' });
    const editor = { grant_type: 'client_credentials', client_id: 'kb-editor', client_secret: 'kb-secret' };
    expect((await kit.requestToken({ ...editor, scope: 'edit:kb read:kb' })).json).toMatchObject({
      scope: 'edit:kb read:kb',
    });
  });

  it('GET on the token endpoint is 405; the lifetime follows tokenLifetimeSeconds', async () => {
    const get = await fetch(`${kit.halo.authUrl}/token?tenant=${TENANT}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    await kit.halo.close();
    kit = await startKit({ tokenLifetimeSeconds: 60 });
    expect((await kit.requestToken(good)).json).toMatchObject({ expires_in: 60 });
  });
});
