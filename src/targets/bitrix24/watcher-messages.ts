import type { BitrixTargetSettings } from '../../domain/settings';
import type { DeliveryItem, TargetDeps } from '../target-adapter';
import type { BitrixClient } from './bitrix-client';
import { chatMessage, summaryOf } from './bitrix-messages';
import type { MessageFacts } from './bitrix-messages';
import type { Outgoing } from './message-sender';
import { batchCommand } from './php-query';

type Upsert = Extract<DeliveryItem, { action: 'upsert' }>;

/**
 * Personal messages to the page's watchers: each matched to a Bitrix24 user by e-mail where both
 * sides reveal it (one `batch` of `user.get` by EMAIL), else through the admin's `userMap`
 * (Confluence account id → Bitrix24 user id). A watcher matched neither way is skipped.
 */
export async function watcherMessages(
  client: BitrixClient,
  item: Upsert,
  facts: MessageFacts,
  settings: BitrixTargetSettings,
  deps: TargetDeps,
): Promise<Outgoing[]> {
  const watchers = (await deps.confluence?.watchers?.(item.page.id)) ?? [];
  if (watchers.length === 0) return [];
  const ids = new Set<string>();
  const byEmail = watchers.filter((w) => w.email && settings.userMap[w.accountId] === undefined);
  for (const w of watchers) {
    const mapped = settings.userMap[w.accountId];
    if (mapped !== undefined) ids.add(String(mapped));
  }
  if (byEmail.length > 0) {
    const outcome = await client.batch(
      byEmail.map((w, n) => [
        `u${n}`,
        batchCommand('user.get', { FILTER: { EMAIL: w.email, ACTIVE: true } }),
      ]),
    );
    for (const [, result] of outcome.results) {
      const users = Array.isArray(result) ? (result as Array<{ ID?: unknown }>) : [];
      // Exactly one active user with that e-mail: anything else is not a match.
      if (users.length === 1 && users[0]?.ID !== undefined) ids.add(String(users[0].ID));
    }
  }
  const summary = summaryOf(item.rendered.bbcode?.output, item.rendered.text?.output);
  const text = chatMessage('updatedPage', { ...facts, summary }, settings);
  return [...ids].map((id) => ({ key: `watcher:${id}`, via: 'im', dialogId: id, text }));
}
