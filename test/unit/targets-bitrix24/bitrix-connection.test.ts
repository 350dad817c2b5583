import { secretKeys } from '../../../src/domain/storage-layout';
import { BitrixClient } from '../../../src/targets/bitrix24/bitrix-client';
import { BitrixError, readErrorBody } from '../../../src/targets/bitrix24/bitrix-errors';
import { TARGET, WEBHOOK, startBitrixKit } from './bitrix-kit';
import type { BitrixKit } from './bitrix-kit';

describe('Bitrix24 test connection and errors', () => {
  let kit: BitrixKit;
  afterEach(() => kit.close());

  it('connects and names the portal, scopes and field', async () => {
    kit = await startBitrixKit();
    const result = await kit.adapter().testConnection();
    expect(result).toEqual({
      ok: true,
      detail: expect.stringMatching(
        /^connected to 127\.0\.0\.1:\d+; scopes task, tasks, im, user; task field UF_CONFLUENCE_URL found$/,
      ),
    });
  });

  it('names a bad webhook URL without repeating it', async () => {
    kit = await startBitrixKit();
    await kit.secrets.setSecret(secretKeys.bitrixWebhookUrl(TARGET), 'https://acme.bitrix24.com/rest/1/');
    const result = await kit.adapter().testConnection();
    expect(result).toEqual({
      ok: false,
      reason: 'the Bitrix24 webhook URL must look like https://portal/rest/{user id}/{code}/',
      field: 'webhookUrl',
    });
    await kit.secrets.setSecret(
      secretKeys.bitrixWebhookUrl(TARGET),
      'https://other.bitrix24.com/rest/1/abc/',
    );
    expect(await kit.adapter().testConnection()).toEqual(
      expect.objectContaining({
        ok: false,
        reason: expect.stringMatching(/^the Bitrix24 webhook URL is not on the portal/),
      }),
    );
    await kit.secrets.setSecret(secretKeys.bitrixWebhookUrl(TARGET), `${kit.portal.url}/rest/1/wrongcode/`);
    const refused = await kit.adapter().testConnection();
    expect(refused).toEqual(expect.objectContaining({ ok: false, field: 'webhookUrl' }));
    expect(JSON.stringify(refused)).not.toContain('wrongcode');
    expect(refused.ok === false && refused.reason).toMatch(/NO_AUTH_FOUND: Wrong authorization data/);
  });

  it('names a host that Forge egress does not allow', async () => {
    kit = await startBitrixKit();
    const denied = {
      fetch: async () => ({
        status: 403,
        headers: { get: () => null },
        text: async () => 'Forbidden',
        arrayBuffer: async () => new ArrayBuffer(0),
      }),
      egressAllowed: async () => false,
    };
    const result = await kit.adapter({}, { http: denied }).testConnection();
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^egress to 127\.0\.0\.1:\d+ is not allowed: add it with `npm run egress -- add/,
      ),
    });
  });

  it('names the missing scopes', async () => {
    kit = await startBitrixKit({ webhook: { ...WEBHOOK, scopes: ['task'] } });
    expect(await kit.adapter().testConnection()).toEqual({
      ok: false,
      reason: 'the webhook lacks the scope(s) im, user: edit the inbound webhook in Bitrix24 and tick them',
      field: 'webhookUrl',
    });
  });

  it('names a task field missing on the portal', async () => {
    kit = await startBitrixKit({ userFields: ['UF_OTHER'] });
    const result = await kit.adapter().testConnection();
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the task field UF_CONFLUENCE_URL does not exist on 127\.0\.0\.1:\d+/),
      field: 'userField',
    });
  });

  it('reads both error shapes', async () => {
    kit = await startBitrixKit();
    expect(
      readErrorBody({ error: 'ERROR_CORE', error_description: 'Comment text is not specified<br>' }),
    ).toEqual({
      code: 'ERROR_CORE',
      message: 'Comment text is not specified',
    });
    expect(
      readErrorBody({ error: '0', error_description: 'Invalid sorting key (internal error)\u003Cbr\u003E' }),
    ).toEqual({
      code: '0',
      message: 'Invalid sorting key (internal error)',
    });
    expect(
      readErrorBody({
        error: {
          code: 'BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION',
          message: 'Validation failed',
          validation: [{ field: 'taskId', message: 'must be positive' }],
        },
      }),
    ).toEqual({
      code: 'BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION',
      message: 'Validation failed; taskId: must be positive',
    });
    expect(readErrorBody('<html>')).toEqual({});
  });

  it('turns a 503 QUERY_LIMIT_EXCEEDED into a pause for every consumer', async () => {
    kit = await startBitrixKit();
    kit.portal.injectFault({ method: 'user.get', status: 503, code: 'QUERY_LIMIT_EXCEEDED', times: 1 });
    const client = await BitrixClient.open(kit.settings, kit.deps);
    await expect(client.call('user.get', {})).rejects.toEqual(
      expect.objectContaining({ kind: 'rate-limited', status: 503, retryAfterSeconds: 10 }),
    );
    const other = await BitrixClient.open(kit.settings, kit.deps);
    await expect(other.call('user.get', {})).rejects.toBeInstanceOf(BitrixError);
    expect(kit.portal.stats().requests).toBe(1);
    await kit.clock.advanceBy(10_000);
    await expect(other.call('user.get', {})).resolves.toEqual(expect.objectContaining({ total: 3 }));
    expect(JSON.stringify(kit.log.entries())).not.toContain(WEBHOOK.code);
  });

  it('keeps any burst within the bucket: 120 calls, no 503', async () => {
    kit = await startBitrixKit();
    const client = await BitrixClient.open(kit.settings, kit.deps);
    let done = 0;
    while (done < 120) {
      try {
        // The client waits for a place in the bucket on the clock when one frees within seconds.
        await kit.clock.settle(client.call('user.get', {}));
        done += 1;
      } catch (error) {
        if (!(error instanceof BitrixError) || error.kind !== 'rate-limited') throw error;
        await kit.clock.advanceBy((error.retryAfterSeconds ?? 1) * 1000);
      }
    }
    expect(kit.portal.stats().refused).toBe(0);
  });
});
