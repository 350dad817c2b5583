import { bitrixTargetSchema } from '../../domain/settings';
import { secretKeys } from '../../domain/storage-layout';
import type { SecretStore } from '../../ports/secret-store';
import type { VirtualClock } from '../../platform/node/virtual-clock';
import type { ConfluenceState } from '../fake-confluence/confluence-state';
import { pageWebUi, tinyUi } from '../fake-confluence/v2-json';
import { startFakeBitrix24, type FakeBitrix24 } from '../fake-bitrix24/fake-bitrix24-server';
import type { Scenario } from './scenario-schema';
import { resolveRef } from './seed-confluence';

type ScenarioTarget = Scenario['targets'][number];

const WEBHOOK = { userId: 1, code: 'sandbox4b24code', scopes: ['task', 'tasks', 'im', 'user'] };

export interface BitrixSandbox {
  portal: FakeBitrix24;
  settings: ReturnType<typeof bitrixTargetSchema.parse>;
  /** Chat name → `chat{id}`. */
  chats: Map<string, string>;
  /** Task ref → task id. */
  tasks: Map<string, number>;
}

/** The link to a page in the form a task holds it: full URL, tiny link, or `?pageId=`. */
function pageLink(state: ConfluenceState, pageId: string, form: 'url' | 'tiny' | 'pageId'): string {
  const page = state.requirePage(pageId);
  if (form === 'tiny') return `${state.baseUrl}${tinyUi(pageId)}`;
  if (form === 'pageId') return `${state.baseUrl}/pages/viewpage.action?pageId=${pageId}`;
  return `${state.baseUrl}${pageWebUi(state, page)}`;
}

/**
 * Starts a fake Bitrix24 portal for a scenario target: its users (the scenario's people, by
 * e-mail), chats and tasks that link seeded pages, and the webhook URL in secret storage.
 */
export async function startBitrixTarget(
  t: ScenarioTarget,
  scenario: Scenario,
  clock: VirtualClock,
  secrets: SecretStore,
  state: ConfluenceState,
  refs: Map<string, string>,
): Promise<BitrixSandbox> {
  const portal = await startFakeBitrix24({ clock, webhook: WEBHOOK });
  const { model } = portal;
  model.addUser({ id: WEBHOOK.userId, name: 'Relay', lastName: 'Integration' });
  scenario.users.forEach((u, i) => {
    const [name = u.displayName, ...rest] = u.displayName.split(' ');
    model.addUser({ id: 10 + i, name, lastName: rest.join(' '), ...(u.email ? { email: u.email } : {}) });
  });
  const people = [...model.users.keys()];
  const chats = new Map<string, string>();
  for (const name of t.bitrix.chats) chats.set(name, `chat${model.addChat(people)}`);
  const tasks = new Map<string, number>();
  for (const task of t.bitrix.tasks) {
    const links = task.pages.map((ref) => pageLink(state, resolveRef(refs, ref), task.form));
    const created = model.addTask({
      title: task.title,
      responsibleId: 10,
      createdBy: 11,
      fields: { UF_CONFLUENCE_URL: links },
      chatMember: task.chatMember,
    });
    tasks.set(task.ref, created.id);
  }
  await secrets.setSecret(secretKeys.bitrixWebhookUrl(t.id), portal.webhookUrl);
  const settings = bitrixTargetSchema.parse({
    ...t.settings,
    id: t.id,
    name: t.name,
    kind: 'bitrix24',
    portalUrl: portal.url,
  });
  return { portal, settings, chats, tasks };
}

/** What a portal received: messages per task and per chat, and any mention of a secret page. */
export function bitrixState(
  sandbox: BitrixSandbox,
  secretTitles: string[],
): { tasks: Record<string, number>; chats: Record<string, number>; people: number; violations: string[] } {
  const { model } = sandbox.portal;
  const count = (match: (m: (typeof model.messages)[number]) => boolean) =>
    model.messages.filter(match).length;
  const tasks: Record<string, number> = {};
  for (const [ref, id] of sandbox.tasks) {
    const chat = model.tasks.get(id)?.chatId;
    tasks[ref] = count((m) => m.taskId === id || (chat !== null && m.dialogId === `chat${chat}`));
  }
  const chats: Record<string, number> = {};
  for (const [name, dialog] of sandbox.chats) chats[name] = count((m) => m.dialogId === dialog);
  const people = count((m) => /^\d+$/.test(m.dialogId));
  const violations = model.messages
    .filter((m) => secretTitles.some((title) => m.text.includes(title)))
    .map((m) => `message ${m.id} to ${m.dialogId} names a restricted page`);
  return { tasks, chats, people, violations };
}
