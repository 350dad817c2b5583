jest.mock('@forge/kvs', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/kvs'),
  kvs: { getSecret: jest.fn(), setSecret: jest.fn(), deleteSecret: jest.fn() },
}));

import { kvs } from '@forge/kvs';
import { ForgeSecretStore } from '../../../src/platform/forge/forge-secret-store';

const mockKvs = jest.mocked(kvs);

it('gets, sets and deletes through kvs secret storage', async () => {
  mockKvs.getSecret.mockResolvedValue('["whsec_a"]' as never);
  const secrets = new ForgeSecretStore();
  await expect(secrets.getSecret('target:t1:signing-secrets')).resolves.toBe('["whsec_a"]');
  await secrets.setSecret('target:t1:signing-secrets', '["whsec_b"]');
  await secrets.deleteSecret('target:t1:signing-secrets');
  expect(mockKvs.getSecret).toHaveBeenCalledWith('target:t1:signing-secrets');
  expect(mockKvs.setSecret).toHaveBeenCalledWith('target:t1:signing-secrets', '["whsec_b"]');
  expect(mockKvs.deleteSecret).toHaveBeenCalledWith('target:t1:signing-secrets');
});

it('returns undefined for a secret that is not set', async () => {
  mockKvs.getSecret.mockResolvedValue(undefined);
  await expect(new ForgeSecretStore().getSecret('missing')).resolves.toBeUndefined();
});
