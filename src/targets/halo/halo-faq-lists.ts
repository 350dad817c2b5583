import { randomUUID } from 'node:crypto';
import type { HaloTargetSettings } from '../../domain/settings';
import { keys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import type { HaloClient } from './halo-client';
import { HaloError } from './halo-errors';

interface Stored {
  id?: number;
  creating?: string;
  at?: number;
}

const CREATION_LEASE_MS = 60_000;

/**
 * Space → FAQ list. A configured id is used as it is; `auto` creates one list per space, named
 * after it, exactly once (a creation claim in storage keeps parallel consumers from creating two),
 * and reuses its id. A list that was recreated replaces the configured one for good.
 */
export class FaqLists {
  constructor(
    private readonly settings: HaloTargetSettings,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly spaceName: (spaceKey: string) => Promise<string | undefined>,
  ) {}

  async resolve(client: HaloClient, spaceKey: string): Promise<number> {
    const key = keys.haloFaqList(this.settings.id, spaceKey);
    const stored = await this.store.get<Stored>(key);
    if (stored?.id) return stored.id;
    const choice = this.settings.faqLists[spaceKey] ?? this.settings.defaultFaqList;
    if (typeof choice === 'number') return choice;
    return this.create(client, spaceKey, stored);
  }

  /** The list is gone from Halo: create it again (policy `recreate`) or report it. */
  async replaceMissing(client: HaloClient, spaceKey: string, missingId: number): Promise<number> {
    if (this.settings.onMissingFaqList === 'report') {
      throw new HaloError('rejected', `FAQ list ${missingId} of space ${spaceKey} no longer exists in Halo`);
    }
    await this.store.delete(keys.haloFaqList(this.settings.id, spaceKey));
    return this.create(client, spaceKey, undefined);
  }

  private async create(client: HaloClient, spaceKey: string, stored: Stored | undefined): Promise<number> {
    const key = keys.haloFaqList(this.settings.id, spaceKey);
    const now = this.clock.now();
    const claim = { creating: randomUUID(), at: now };
    const stale = stored?.creating !== undefined && (stored.at ?? 0) < now - CREATION_LEASE_MS;
    const won = stale
      ? (await this.store.set(key, claim), true)
      : await this.store.set(key, claim, { ifAbsent: true });
    if (!won) {
      throw new HaloError('unavailable', `the FAQ list of space ${spaceKey} is being created`, {
        retryAfterSeconds: 5,
      });
    }
    const name = (await this.spaceName(spaceKey)) ?? spaceKey;
    // Created before but its id lost (e.g. a crash after creating it): find it by name.
    const existing = (await client.listFaqLists()).find((list) => list.name === name);
    const id = existing?.id ?? (await client.saveFaqList({ name, showforall: true })).id;
    await this.store.set(key, { id });
    return id;
  }
}
