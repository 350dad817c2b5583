import type { BitrixModel } from './bitrix-model';
import type { MethodResult } from './bitrix-replies';
import { messageAdd, userGet } from './im-methods';
import { chatMessageSend, commentAdd, taskGet, taskList, userFieldList } from './task-methods';
import type { TaskMethodOptions } from './task-methods';

export interface MethodSpec {
  scope: string;
  /** REST 3.0 methods live under `/rest/api/…` only. */
  v3?: boolean;
  run(model: BitrixModel, params: Record<string, unknown>, opts: TaskMethodOptions): MethodResult;
}

/** The methods the fake serves (lower-case names: the portal matches them case-insensitively). */
export function methodTable(taskChats: boolean, scopes: string[]): Map<string, MethodSpec> {
  const table = new Map<string, MethodSpec>([
    ['tasks.task.list', { scope: 'task', run: (m, p, o) => taskList(m, p, o) }],
    ['tasks.task.get', { scope: 'task', run: (m, p) => taskGet(m, p) }],
    ['task.commentitem.add', { scope: 'task', run: (m, p) => commentAdd(m, p) }],
    ['task.item.userfield.getlist', { scope: 'task', run: (m) => userFieldList(m) }],
    ['im.message.add', { scope: 'im', run: (m, p) => messageAdd(m, p) }],
    ['scope', { scope: 'basic', run: () => ({ result: scopes }) }],
    ['user.get', { scope: 'user', run: (m, p) => userGet(m, p) }],
  ]);
  if (taskChats)
    table.set('tasks.task.chat.message.send', {
      scope: 'tasks',
      v3: true,
      run: (m, p) => chatMessageSend(m, p),
    });
  return table;
}
