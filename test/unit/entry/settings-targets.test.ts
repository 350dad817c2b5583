/**
 * Target operations of the settings resolver: save (per kind, write-only secrets, field-level
 * errors, compare-and-set) and delete; none of them calls a target (`fetch` of @forge/api throws).
 * Boundaries as in admin-resolver.test.ts. Test connection: connection-test.test.ts.
 */
jest.mock('@forge/api', () => jest.requireActual('./forge-api-stub').forgeApiStub());

import { confluenceRoutes } from './confluence-replies';
import { mockUserRequest } from './forge-api-stub';
import type { KvsWireFake } from './kvs-wire-fake';
import {
  NEW_SECRET,
  NEW_WEBHOOK as newWebhook,
  SECRET,
  SPACE_ADMIN,
  call,
  spaceSettings,
  settingsWorld,
} from './resolver-kit';

const world = settingsWorld(['https://*.halopsa.com', 'https://hooks.example.com', 'https://*.bitrix24.com']);
let kvs: KvsWireFake;
beforeEach(() => (kvs = world()));

describe('saveTarget', () => {
  it('creates a webhook target with its signing secret; the answer says "set" and never holds the secret', async () => {
    const result = await call('saveTarget', { target: newWebhook, rev: 0, secret: { value: SECRET } });

    expect(result).toMatchObject({
      status: 'saved',
      value: {
        target: { ...newWebhook, enabled: true, rev: 1, whenIneligible: 'remove' },
        secretSet: true,
        egress: [{ field: 'url', host: 'hooks.example.com', allowed: true }],
      },
    });
    expect(JSON.stringify(result)).not.toContain('whsec_');
    expect(kvs.entity('target').get('crm')).toMatchObject({ ...newWebhook, rev: 1 });
    expect(kvs.secrets.get('target:crm:signing-secrets')).toBe(JSON.stringify([SECRET]));
    expect(JSON.stringify(kvs.entity('target').get('crm'))).not.toContain('whsec_');
  });

  it('names each invalid field, and writes nothing', async () => {
    const bad = {
      ...newWebhook,
      id: 'CRM sync',
      name: ' ',
      url: 'http://hooks.example.com/crm',
      formats: ['pdf'],
      selector: 'MKT{marketing',
    };
    const result = await call('saveTarget', { target: bad, rev: 0, secret: { value: SECRET } });

    expect(result).toEqual({
      status: 'invalid',
      issues: expect.arrayContaining([
        { field: 'id', message: 'use 1–40 lowercase letters, digits and dashes', code: 'invalid_format' },
        { field: 'name', message: 'must not be empty', code: 'too_small' },
        { field: 'url', message: 'must be an https:// URL without credentials', code: 'custom' },
        expect.objectContaining({ field: 'formats.0', code: 'invalid_value' }),
        // The selector parser's own words, with the position, at the selector field.
        { field: 'selector', message: 'at position 14: expected "," or "}", found the end', code: 'custom' },
      ]),
    });
    expect(kvs.entity('target').has('CRM sync')).toBe(false);
    expect(kvs.callsTo('/api/v1/transaction')).toEqual([]);
  });

  it('refuses an unknown kind at the kind field, a missing or malformed secret at the secret field, a taken id at the id field', async () => {
    await expect(call('saveTarget', { target: { ...newWebhook, kind: 'ftp' }, rev: 0 })).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'kind', message: 'must be one of webhook, halo, bitrix24' }],
    });
    await expect(call('saveTarget', { target: newWebhook, rev: 0 })).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'secret', message: 'must be set for a new target' }],
    });
    await expect(
      call('saveTarget', { target: newWebhook, rev: 0, secret: { value: 'hunter2' } }),
    ).resolves.toEqual({
      status: 'invalid',
      issues: [
        { field: 'secret', message: 'must be a signing secret: whsec_ followed by 24–64 base64 bytes' },
      ],
    });
    await expect(
      call('saveTarget', { target: { ...newWebhook, id: 'hooks' }, rev: 0, secret: { value: SECRET } }),
    ).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'id', message: 'another target already uses this id' }],
    });
    await expect(
      call('saveTarget', { target: { ...newWebhook, id: 'kb' }, rev: 4, secret: { value: SECRET } }),
    ).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'kind', message: 'the kind of a target cannot change; add a new target instead' }],
    });
    expect(kvs.callsTo('/api/v1/transaction')).toEqual([]);
    expect(kvs.callsTo('/api/v1/secret/set')).toEqual([]);
  });

  it('keeps the stored secret when none is sent, and rotates it keeping the previous one when asked', async () => {
    const edited = { ...(kvs.entity('target').get('hooks') as object), name: 'Knowledge hooks (EU)' };
    await expect(call('saveTarget', { target: edited, rev: 1 })).resolves.toMatchObject({
      status: 'saved',
      value: { target: { name: 'Knowledge hooks (EU)', rev: 2 }, secretSet: true },
    });
    expect(kvs.secrets.get('target:hooks:signing-secrets')).toBe(JSON.stringify([SECRET]));

    await call('saveTarget', { target: edited, rev: 2, secret: { value: NEW_SECRET, keepPrevious: true } });
    expect(kvs.secrets.get('target:hooks:signing-secrets')).toBe(JSON.stringify([NEW_SECRET, SECRET]));
    await call('saveTarget', { target: edited, rev: 3, secret: { value: NEW_SECRET } });
    expect(kvs.secrets.get('target:hooks:signing-secrets')).toBe(JSON.stringify([NEW_SECRET]));
  });

  it('a concurrent edit is not overwritten: the admin who saved second gets the newer values', async () => {
    const loaded = kvs.entity('target').get('hooks') as Record<string, unknown>;
    const first = await call('saveTarget', { target: { ...loaded, name: 'Docs hooks' }, rev: 1 });
    expect(first).toMatchObject({ status: 'saved', value: { target: { rev: 2 } } });

    const second = await call('saveTarget', {
      target: { ...loaded, url: 'https://hooks.example.com/v2' },
      rev: 1,
      secret: { value: NEW_SECRET },
    });
    expect(second).toMatchObject({
      status: 'conflict',
      current: {
        target: { name: 'Docs hooks', url: 'https://hooks.example.com/relay', rev: 2 },
        secretSet: true,
      },
    });
    expect(kvs.entity('target').get('hooks')).toMatchObject({ name: 'Docs hooks', rev: 2 });
    // The losing save changed nothing, not even the secret.
    expect(kvs.secrets.get('target:hooks:signing-secrets')).toBe(JSON.stringify([SECRET]));
  });

  it('switching a target back on clears why Relay switched it off; the page cannot set that reason', async () => {
    const archive = kvs.entity('target').get('archive') as Record<string, unknown>;
    await call('saveTarget', {
      target: { ...archive, name: 'Archive (old)', disabledReason: 'forged' },
      rev: 3,
    });
    expect(kvs.entity('target').get('archive')).toMatchObject({
      enabled: false,
      disabledReason: 'archive.example.com answered 410 Gone: the endpoint is retired',
    });
    await call('saveTarget', { target: { ...archive, enabled: true }, rev: 4 });
    expect(kvs.entity('target').get('archive')).not.toHaveProperty('disabledReason');
  });

  it('a new Halo client secret replaces the old one and drops the token cached with it', async () => {
    kvs.secrets.set('target:kb:halo-token', JSON.stringify({ token: 'cached', expiresAt: 1 }));
    const kb = kvs.entity('target').get('kb') as Record<string, unknown>;
    const result = await call('saveTarget', {
      target: kb,
      rev: 4,
      secret: { value: 'rotated-client-secret' },
    });
    expect(result).toMatchObject({ status: 'saved', value: { secretSet: true } });
    expect(kvs.secrets.get('target:kb:halo-client-secret')).toBe('rotated-client-secret');
    expect(kvs.secrets.has('target:kb:halo-token')).toBe(false);
    expect(JSON.stringify(result)).not.toContain('rotated-client-secret');
  });

  it('Bitrix24: the inbound webhook URL is the secret and must be on the portal', async () => {
    const portal = { kind: 'bitrix24', id: 'b24', name: 'Bitrix24', portalUrl: 'https://acme.bitrix24.com' };
    await expect(
      call('saveTarget', {
        target: portal,
        rev: 0,
        secret: { value: 'https://evil.example.com/rest/1/abc/' },
      }),
    ).resolves.toEqual({
      status: 'invalid',
      issues: [{ field: 'secret', message: 'must be on the portal given above' }],
    });
    await expect(
      call('saveTarget', { target: { ...portal, userField: 'confluence' }, rev: 0, secret: { value: 'x' } }),
    ).resolves.toMatchObject({ status: 'invalid', issues: [{ field: 'userField' }] });
    const result = await call('saveTarget', {
      target: portal,
      rev: 0,
      secret: { value: 'https://acme.bitrix24.com/rest/1/q7kz3xw9a1b2c3d4/' },
    });
    expect(result).toMatchObject({
      status: 'saved',
      value: { target: { kind: 'bitrix24', userField: 'UF_CONFLUENCE_URL' }, secretSet: true },
    });
    expect(JSON.stringify(result)).not.toContain('q7kz3xw9');
    expect(kvs.secrets.get('target:b24:bitrix-webhook-url')).toBe(
      'https://acme.bitrix24.com/rest/1/q7kz3xw9a1b2c3d4/',
    );
  });

  it("is refused to a space admin (targets are the Confluence admins'), before any write", async () => {
    mockUserRequest.mockImplementation(confluenceRoutes(SPACE_ADMIN));
    await expect(
      call('saveTarget', { target: newWebhook, rev: 0, secret: { value: SECRET } }, spaceSettings),
    ).resolves.toEqual({ status: 'refused', refusal: { code: 'notConfluenceAdmin' } });
    await expect(call('deleteTarget', { id: 'hooks', rev: 1 }, spaceSettings)).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notConfluenceAdmin' },
    });
    expect(kvs.calls).toEqual([]);
  });
});

describe('deleteTarget', () => {
  it('is refused while spaces map to the target, naming them', async () => {
    await expect(call('deleteTarget', { id: 'hooks', rev: 1 })).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'targetInUse', spaces: ['QM', 'ENG'] },
    });
    expect(kvs.entity('target').has('hooks')).toBe(true);
  });

  it('removes an unmapped target and its secrets; a stale rev is a conflict', async () => {
    await call('saveTarget', { target: newWebhook, rev: 0, secret: { value: SECRET } });
    await expect(call('deleteTarget', { id: 'crm', rev: 0 })).resolves.toMatchObject({ status: 'invalid' });
    await call('saveTarget', { target: { ...newWebhook, name: 'CRM' }, rev: 1 });
    await expect(call('deleteTarget', { id: 'crm', rev: 1 })).resolves.toEqual({
      status: 'conflict',
      current: null,
    });
    await expect(call('deleteTarget', { id: 'crm', rev: 2 })).resolves.toEqual({
      status: 'saved',
      value: null,
    });
    expect(kvs.entity('target').has('crm')).toBe(false);
    expect(kvs.secrets.has('target:crm:signing-secrets')).toBe(false);
    // What was stored about it is cleared by queued steps; meanwhile its id is not free.
    expect(kvs.keys.has('target-purge:crm')).toBe(true);
    expect(JSON.stringify(kvs.otherCalls.map((c) => c.body))).toContain('"purge":{"targetId":"crm"');
    await expect(
      call('saveTarget', { target: newWebhook, rev: 0, secret: { value: SECRET } }),
    ).resolves.toMatchObject({ status: 'invalid', issues: [{ field: 'id' }] });
  });
});
