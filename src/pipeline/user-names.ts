import { keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';
import type { ConfluenceClient } from './confluence/confluence-client';

const TTL_SECONDS = 24 * 3600;

/** Display names of Confluence users: looked up once, cached in storage for a day. */
export class UserNames {
  private readonly local = new Map<string, string | undefined>();
  lookups = 0;

  constructor(
    private readonly store: Store,
    private readonly confluence: ConfluenceClient,
  ) {}

  async get(accountId: string | undefined): Promise<string | undefined> {
    if (!accountId) return undefined;
    if (this.local.has(accountId)) return this.local.get(accountId);
    const cached = await this.store.get<{ name?: string }>(keys.user(accountId));
    let name = cached?.name;
    if (!cached) {
      this.lookups++;
      name = await this.confluence.getUserName(accountId);
      await this.store.set(keys.user(accountId), { name }, { ttlSeconds: TTL_SECONDS });
    }
    this.local.set(accountId, name);
    return name;
  }
}
