import type { SecretStore } from '../../ports/secret-store';
import { validateKey } from './kvs-rules';

/**
 * Forge secret storage in memory. Keys follow the kvs rules; values are never exposed in bulk:
 * the sandbox report may list which secrets are set, never what they are.
 */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async getSecret(key: string): Promise<string | undefined> {
    validateKey(key);
    return this.secrets.get(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    validateKey(key);
    if (typeof value !== 'string') throw new Error(`Secret "${key}" must be a string`);
    this.secrets.set(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    validateKey(key);
    this.secrets.delete(key);
  }

  /** The keys that hold a secret, sorted (never the values). */
  keys(): string[] {
    return [...this.secrets.keys()].sort();
  }
}
