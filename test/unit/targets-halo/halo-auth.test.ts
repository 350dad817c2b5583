import { secretKeys } from '../../../src/domain/storage-layout';
import { HaloError } from '../../../src/targets/halo/halo-errors';
import type { ClientKit } from './halo-client-kit';
import { SECRET, TARGET, startClientKit } from './halo-client-kit';

let kit: ClientKit;
afterEach(() => kit.halo.close());

const cachedToken = async () =>
  JSON.parse((await kit.secrets.getSecret(secretKeys.haloToken(TARGET))) ?? 'null') as {
    accessToken: string;
    expiresAt: number;
  } | null;

describe('HaloClient: OAuth2 client credentials (targets.md A.1)', () => {
  it('discovers the auth server and tenant through /api/authinfo, then caches the token across invocations', async () => {
    kit = await startClientKit();
    expect(kit.settings.tenant).toBeUndefined();
    expect(await kit.client().listFaqLists()).toEqual([]);
    expect(await kit.client().listFaqLists()).toEqual([]); // a second invocation: no new token
    expect(kit.halo.stats()).toMatchObject({
      tokensIssued: 1,
      byRoute: { 'GET /api/authinfo': 1, 'POST /auth/token': 1, 'GET /api/FAQLists': 2 },
    });
    const cached = await cachedToken();
    expect(cached).toMatchObject({ accessToken: expect.stringMatching(/^halo_at_/) });
    expect(cached?.expiresAt).toBe(kit.clock.now() + 3600 * 1000);
    // Neither the secret nor the token reaches a log.
    expect(kit.logText()).not.toContain(SECRET);
    expect(kit.logText()).not.toContain(cached?.accessToken);
  });

  it('a configured auth URL and tenant skip discovery; a failed discovery falls back to {baseUrl}/auth', async () => {
    kit = await startClientKit({}, { tenant: 'acme' });
    await kit.client({ authUrl: kit.halo.authUrl }).listFaqLists();
    expect(kit.halo.stats().byRoute['GET /api/authinfo']).toBeUndefined();
    await kit.secrets.deleteSecret(secretKeys.haloToken(TARGET));
    kit.halo.injectFaults([{ pathPrefix: '/api/authinfo', status: 404, times: 1 }]);
    await kit.client().listFaqLists();
    expect(kit.halo.stats()).toMatchObject({ tokensIssued: 2, byRoute: { 'GET /api/authinfo': 1 } });
  });

  it('reuses the token until 60 s before it expires, then asks for a new one', async () => {
    kit = await startClientKit({ tokenLifetimeSeconds: 600 });
    await kit.client().listFaqLists();
    await kit.clock.advanceBy(539_000);
    await kit.client().listFaqLists();
    expect(kit.halo.stats().tokensIssued).toBe(1);
    await kit.clock.advanceBy(1_000);
    await kit.client().listFaqLists();
    expect(kit.halo.stats().tokensIssued).toBe(2);
    expect((await cachedToken())?.expiresAt).toBe(kit.clock.now() + 600_000);
  });

  it('a 401 mid-run drops the token and retries once with a new one', async () => {
    kit = await startClientKit();
    const client = kit.client();
    await client.listFaqLists();
    const before = await cachedToken();
    kit.halo.expireTokens();
    expect(await client.saveFaqList({ name: 'IT' })).toMatchObject({ id: 1, name: 'IT' });
    expect(kit.halo.stats()).toMatchObject({
      tokensIssued: 2,
      byRoute: { 'POST /api/FAQLists': 2, 'GET /api/FAQLists': 1 },
    });
    expect((await cachedToken())?.accessToken).not.toBe(before?.accessToken);
    // Another invocation picks up the new token from the SecretStore.
    await kit.client().listFaqLists();
    expect(kit.halo.stats().tokensIssued).toBe(2);
  });

  it('a second 401 is an auth failure, not a loop', async () => {
    kit = await startClientKit();
    const client = kit.client();
    await client.listFaqLists();
    kit.halo.injectFaults([
      {
        pathPrefix: '/api/FAQLists',
        status: 401,
        times: 2,
        body: { Message: 'Authorization has been denied' },
      },
    ]);
    const error = await client.listFaqLists().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HaloError);
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(kit.halo.stats().byRoute['GET /api/FAQLists']).toBe(3);
  });

  it('a token cached for another connection (base URL, client, tenant, scope) is not reused', async () => {
    kit = await startClientKit();
    await kit.client().listFaqLists();
    await expect(kit.client({ scope: 'read:kb', clientId: 'reader' }).listFaqLists()).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
    expect(kit.halo.stats().tokensIssued).toBe(1); // asked again, and refused: wrong secret for "reader"
    await kit.secrets.setSecret(secretKeys.haloClientSecret(TARGET), 'reader-secret');
    await kit.client({ scope: 'read:kb', clientId: 'reader' }).listFaqLists();
    expect(kit.halo.stats().tokensIssued).toBe(2);
  });
});
