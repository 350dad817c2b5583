import type { BitrixTargetSettings } from '../../domain/settings';
import { keys, secretKeys } from '../../domain/storage-layout';
import type { DeliveryItem, PayloadPreview, TargetDeps } from '../target-adapter';
import { BATCH_LIMIT, batchBody } from './bitrix-client';
import { planBitrix } from './bitrix-plan';
import type { TaskQuery } from './bitrix-plan';
import { parseWebhookUrl } from './bitrix-webhook';
import { V3_METHOD, batchCommands, portalFacts, routeMessages, v3Params } from './message-sender';
import type { Outgoing } from './message-sender';
import { TaskIndex } from './task-index';
import type { IndexedTask } from './task-index';

const NOTHING = 'nothing is sent';
const NOT_AGAIN = 'messages an earlier attempt of this delivery already sent are not sent again';

/**
 * The messages a delivery of `item` would send now, built by the delivery's own plan and builders
 * from the task index as stored (read, never refreshed), with no call to the portal and no write
 * to storage: `POST batch` and the exact JSON body of its first request. The webhook URL (its code
 * is the secret) is never shown; what only the delivery decides is named in notes.
 */
export async function previewBitrix(
  settings: BitrixTargetSettings,
  deps: TargetDeps,
  item: DeliveryItem,
): Promise<PayloadPreview> {
  const plan = planBitrix(item, settings, deps.clock.now());
  if (!plan.send) return { request: NOTHING, notes: [plan.reason] };
  const notes: string[] = [];
  const webhook = parseWebhookUrl(
    await deps.secrets.getSecret(secretKeys.bitrixWebhookUrl(settings.id)),
    settings.portalUrl,
  );
  if (!webhook.ok) notes.push(`the delivery would fail now: ${webhook.reason}`);
  const tasks = plan.tasks ? await indexedTasks(settings, deps, plan.tasks, notes) : [];
  const messages = plan.compose(tasks);
  if (plan.watchers)
    notes.push(
      "the page's watchers are matched to Bitrix24 users at delivery (user.get by e-mail, else the user map) and messaged personally",
    );
  if (messages.length === 0) return { request: NOTHING, notes: ['no linked task or chat to tell', ...notes] };
  const { v3, batched } = routeMessages(messages, await portalFacts(deps.store, settings.id));
  notes.push(...routeNotes(messages, v3.length, batched.length));
  const [first] = v3;
  const body =
    batched.length > 0 || first === undefined
      ? batchBody(batchCommands(batched.slice(0, BATCH_LIMIT)))
      : v3Params(first);
  return {
    request: batched.length > 0 || first === undefined ? 'POST batch' : `POST ${V3_METHOD}`,
    contentType: 'application/json',
    body: JSON.stringify(body),
    notes,
  };
}

/** The tasks the index holds for the page now, and what the delivery's refresh may change. */
async function indexedTasks(
  settings: BitrixTargetSettings,
  deps: TargetDeps,
  query: TaskQuery,
  notes: string[],
): Promise<IndexedTask[]> {
  const scanned = await deps.store.get(keys.bitrixScan(settings.id, query.field));
  notes.push(
    scanned === undefined
      ? `the index of the tasks linking pages (field ${query.field}) is built at the first delivery: the tasks shown are none yet`
      : `the task index (field ${query.field}) is refreshed from the portal first: tasks changed since the last scan may add or drop messages`,
  );
  if (query.lookupUrl && settings.serverSideFilter === 'auto')
    notes.push(
      "where the portal proves it filters tasks on the field, it is also asked for the page's tasks directly",
    );
  return new TaskIndex(deps.store, deps.clock, settings.id, query.field).tasksFor(query.pageId, query.host);
}

/** How the messages travel, as far as the preview can tell before the portal answers. */
function routeNotes(messages: Outgoing[], v3: number, batched: number): string[] {
  const notes: string[] = [];
  if (messages.some((m) => m.via === 'im' && m.taskId !== undefined))
    notes.push(
      `a task chat the webhook's user cannot write to gets the message through the task (${V3_METHOD}) instead`,
    );
  if (v3 > 0)
    notes.push(
      `${v3} message(s) to tasks without a chat go one request each through ${V3_METHOD} (REST 3.0)${batched > 0 ? ', before the batch' : ''}`,
    );
  const batches = Math.ceil(batched / BATCH_LIMIT);
  if (batches > 1)
    notes.push(
      `${batched} messages go in ${batches} batch requests of up to ${BATCH_LIMIT}; the first is shown`,
    );
  return [...notes, NOT_AGAIN];
}
