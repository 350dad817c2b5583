import { secretKeys } from '../../../src/domain/storage-layout';
import { NodeHttp } from '../../../src/platform/node/node-http';
import type { ClientKit } from './halo-client-kit';
import { TARGET, startClientKit } from './halo-client-kit';

let kit: ClientKit;
afterEach(() => kit.halo.close());

describe('HaloClient.testConnection: gets a token, lists FAQ lists, says what is wrong', () => {
  it('ok: counts the FAQ lists, with a fresh token even when one is cached', async () => {
    kit = await startClientKit();
    await kit.client().saveFaqList({ name: 'IT', showforall: true });
    expect(await kit.client().testConnection()).toEqual({ ok: true, faqLists: 1 });
    expect(kit.halo.stats().tokensIssued).toBe(2);
  });

  it('bad tenant', async () => {
    kit = await startClientKit({}, { tenant: 'acme-typo' });
    expect(await kit.client().testConnection()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Halo refused the tenant 'acme-typo' \(Unknown tenant 'acme-typo'\)/),
    });
  });

  it('no tenant where hosted Halo needs one (authinfo gives none, none configured)', async () => {
    kit = await startClientKit();
    kit.halo.injectFaults([{ pathPrefix: '/api/authinfo', status: 404, times: 1 }]);
    const result = await kit.client().testConnection();
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Halo needs the tenant/) });
  });

  it('bad client secret, and no secret set at all', async () => {
    kit = await startClientKit();
    await kit.secrets.setSecret(secretKeys.haloClientSecret(TARGET), 'not-the-secret');
    expect(await kit.client().testConnection()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Halo rejected the client ID or client secret/),
    });
    await kit.secrets.deleteSecret(secretKeys.haloClientSecret(TARGET));
    expect(await kit.client().testConnection()).toEqual({
      ok: false,
      reason: "no Halo client secret is set for target 'kb'",
    });
    expect(kit.logText()).not.toContain('not-the-secret');
  });

  it('no knowledge-base permission: the scope is refused, or granted without KB rights', async () => {
    kit = await startClientKit();
    await kit.secrets.setSecret(secretKeys.haloClientSecret(TARGET), 'tickets-secret');
    const refused = await kit.client({ clientId: 'tickets-only' }).testConnection();
    expect(refused).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^the Halo application lacks knowledge-base permission \(scope 'all' refused/,
      ),
    });
    const noKb = await kit.client({ clientId: 'tickets-only', scope: 'edit:tickets' }).testConnection();
    expect(noKb).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^the Halo application lacks knowledge-base permission \(scope\) for the FAQ lists/,
      ),
    });
  });

  it('unreachable', async () => {
    kit = await startClientKit();
    const url = kit.halo.url;
    await kit.halo.close();
    const result = await kit.client({ baseUrl: url }).testConnection();
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Halo unreachable: 127\.0\.0\.1:\d+ \(ECONNREFUSED/),
    });
    kit = await startClientKit(); // for afterEach
  });

  it('egress denied (Forge manifest), naming the domain', async () => {
    kit = await startClientKit();
    const forgeLike = new NodeHttp({ egress: ['https://*.halopsa.com'] });
    const result = await kit.client({}, forgeLike).testConnection();
    const host = new URL(kit.halo.url).host;
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining(`egress to ${host} is not allowed`),
    });
    expect(kit.halo.stats().requests).toBe(0);
  });

  it('Halo down (5xx) and Halo throttling (429) are named too', async () => {
    kit = await startClientKit();
    kit.halo.injectFaults([{ pathPrefix: '/auth/token', status: 503, times: 1 }]);
    expect(await kit.client().testConnection()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Halo is unavailable: .* answered 503: Injected fault/),
    });
    kit.halo.injectFaults([{ pathPrefix: '/api/FAQLists', status: 429, times: 1 }]);
    expect(await kit.client().testConnection()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Halo's rate limit was reached \(Rate Limit Reached - 300 Requests/),
    });
  });
});
