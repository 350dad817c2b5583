import { kvs } from '@forge/kvs';
import type { SecretStore } from '../../ports/secret-store';

/** The SecretStore port over kvs secret storage (encrypted, not queryable). */
export class ForgeSecretStore implements SecretStore {
  getSecret(key: string): Promise<string | undefined> {
    return kvs.getSecret<string>(key);
  }

  setSecret(key: string, value: string): Promise<void> {
    return kvs.setSecret(key, value);
  }

  deleteSecret(key: string): Promise<void> {
    return kvs.deleteSecret(key);
  }
}
