import { MemorySecretStore } from '../../../src/platform/node/memory-secret-store';

describe('MemorySecretStore', () => {
  it('sets, reads and deletes secrets', async () => {
    const secrets = new MemorySecretStore();
    expect(await secrets.getSecret('target:t1:signing-secrets')).toBeUndefined();
    await secrets.setSecret('target:t1:signing-secrets', '["whsec_a"]');
    expect(await secrets.getSecret('target:t1:signing-secrets')).toBe('["whsec_a"]');
    expect(secrets.keys()).toEqual(['target:t1:signing-secrets']);
    await secrets.deleteSecret('target:t1:signing-secrets');
    expect(await secrets.getSecret('target:t1:signing-secrets')).toBeUndefined();
    expect(secrets.keys()).toEqual([]);
  });

  it('validates keys as kvs does', async () => {
    await expect(new MemorySecretStore().setSecret('target/t1', 'x')).rejects.toThrow('target/t1');
  });
});
