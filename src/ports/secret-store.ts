/** Forge secret storage (`kvs.setSecret`): encrypted, not queryable. The only home of secrets. */
export interface SecretStore {
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}
