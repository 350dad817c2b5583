import type { BitrixModel, FakeTask } from './bitrix-model';
import { MethodError, portalDate } from './bitrix-replies';
import type { MethodResult } from './bitrix-replies';

const PAGE = 50;
const SORT_KEYS = ['ID', 'CHANGED_DATE', 'CREATED_DATE', 'TITLE'];
const NOT_ALLOWED = () => new MethodError(400, '0', 'Action on the task is not allowed (internal error)');

/** Options the portal's behaviour depends on. */
export interface TaskMethodOptions {
  /** Whether `filter` on a custom `UF_…` field works (undocumented; off by default). */
  userFieldFilter: boolean;
}

/** `UF_CONFLUENCE_URL` → `ufConfluenceUrl` (UNVERIFIED for custom fields; system UF fields are camelCased, B.3). */
export function camelField(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (value === undefined) return [];
  return [String(value)];
}

/** A task object in the response shape: camelCase strings; `UF_…` only when selected. */
export function taskJson(task: FakeTask, select: string[], model: BitrixModel): Record<string, unknown> {
  const all = select.length === 0 || select.includes('*');
  const out: Record<string, unknown> = { id: String(task.id) };
  const pick = (field: string, key: string, value: unknown) => {
    if (all || select.includes(field)) out[key] = value;
  };
  pick('TITLE', 'title', task.title);
  pick('RESPONSIBLE_ID', 'responsibleId', String(task.responsibleId));
  pick('CREATED_BY', 'createdBy', String(task.createdBy));
  pick('CHANGED_DATE', 'changedDate', portalDate(task.changedAt));
  // chatId comes by default (B.3).
  out.chatId = task.chatId;
  for (const field of select)
    if (/^UF_/.test(field) && model.userFields.has(field))
      out[camelField(field)] = task.fields[field] ?? null;
  return out;
}

function matches(task: FakeTask, filter: Record<string, unknown>, opts: TaskMethodOptions): boolean {
  for (const [rawKey, wanted] of Object.entries(filter)) {
    const op = /^(>=|<=|!|>|<)?/.exec(rawKey)?.[0] ?? '';
    const key = rawKey.slice(op.length);
    if (key === 'ID') {
      const ids = toList(wanted).map(Number);
      if (op === '' && !ids.includes(task.id)) return false;
      if (op === '!' && ids.includes(task.id)) return false;
    } else if (key === 'CHANGED_DATE') {
      const at = Date.parse(String(wanted));
      if (Number.isNaN(at))
        throw new MethodError(400, '0', `Wrong date in filter ${rawKey} (internal error)`);
      const t = Math.floor(task.changedAt / 1000) * 1000;
      if (op === '>' && !(t > at)) return false;
      if (op === '>=' && !(t >= at)) return false;
      if (op === '<' && !(t < at)) return false;
    } else if (key === 'RESPONSIBLE_ID') {
      if (!toList(wanted).includes(String(task.responsibleId))) return false;
    } else if (/^UF_/.test(key) && opts.userFieldFilter) {
      const have = toList(task.fields[key]);
      if (!toList(wanted).some((w) => have.includes(w))) return false;
    }
    // Other keys (and UF_ keys on portals without the switch) are ignored, as portals do with
    // keys they do not filter on (UNVERIFIED: the silent part is what makes the filter unsafe).
  }
  return true;
}

function sorter(order: Record<string, unknown>): (a: FakeTask, b: FakeTask) => number {
  const entries = Object.entries(order);
  for (const [key, dir] of entries) {
    if (!SORT_KEYS.includes(key)) throw new MethodError(400, '0', 'Invalid sorting key (internal error)');
    if (!/^(asc|desc)$/i.test(String(dir)))
      throw new MethodError(400, '0', 'Invalid sorting direction (internal error)');
  }
  return (a, b) => {
    for (const [key, dir] of entries) {
      const sign = /^desc$/i.test(String(dir)) ? -1 : 1;
      const va = key === 'CHANGED_DATE' ? a.changedAt : key === 'TITLE' ? a.title : a.id;
      const vb = key === 'CHANGED_DATE' ? b.changedAt : key === 'TITLE' ? b.title : b.id;
      if (va < vb) return -sign;
      if (va > vb) return sign;
    }
    return a.id - b.id;
  };
}

const asMap = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** `tasks.task.list`: 50 per page by `start`; `total` and `next` beside `result` (B.3). */
export function taskList(
  model: BitrixModel,
  p: Record<string, unknown>,
  opts: TaskMethodOptions,
): MethodResult {
  const select = toList(p.select);
  const start = Number(p.start ?? 0);
  if (!Number.isInteger(start) || start < 0)
    throw new MethodError(400, '100', 'Invalid value of parameter {start}');
  const found = [...model.tasks.values()]
    .filter((t) => matches(t, asMap(p.filter), opts))
    .sort(sorter(asMap(p.order)));
  const page = found.slice(start, start + PAGE).map((t) => taskJson(t, select, model));
  const next = start + PAGE < found.length ? start + PAGE : undefined;
  return { result: { tasks: page }, total: found.length, ...(next === undefined ? {} : { next }) };
}

/** `tasks.task.get`: an unknown or inaccessible task is `"0"` "not allowed" (B.3, UNVERIFIED). */
export function taskGet(model: BitrixModel, p: Record<string, unknown>): MethodResult {
  const id = Number(p.taskId);
  if (!Number.isInteger(id) || id < 1) throw new MethodError(400, '0', 'wrong task id');
  const task = model.tasks.get(id);
  if (!task) throw NOT_ALLOWED();
  return { result: { task: taskJson(task, toList(p.select), model) } };
}

/** `task.commentitem.add` (old card; deprecated but working, B.3). */
export function commentAdd(model: BitrixModel, p: Record<string, unknown>): MethodResult {
  const id = Number(p.TASKID);
  const text = String(asMap(p.FIELDS).POST_MESSAGE ?? '').trim();
  if (!model.tasks.has(id)) throw new MethodError(400, 'ERROR_CORE', 'Action on the task is not allowed');
  if (text === '') throw new MethodError(400, 'ERROR_CORE', 'Comment text is not specified');
  return { result: model.post({ dialogId: `task${id}`, text, via: 'task.commentitem.add', taskId: id }) };
}

/** `tasks.task.chat.message.send` (REST 3.0 only): `{result:{result:true}}`, no message id (B.3). */
export function chatMessageSend(model: BitrixModel, p: Record<string, unknown>): MethodResult {
  const fields = asMap(p.fields);
  const id = Number(fields.taskId);
  const text = typeof fields.text === 'string' ? fields.text.trim() : '';
  const invalid = 'BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION';
  if (!Number.isInteger(id) || id < 1)
    throw new MethodError(400, invalid, 'taskId: value must be a positive integer');
  if (text === '') throw new MethodError(400, invalid, 'text: value must not be empty');
  if (!model.tasks.has(id))
    throw new MethodError(400, 'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION', 'Access denied');
  model.post({ dialogId: `task${id}`, text, via: 'tasks.task.chat.message.send', taskId: id });
  return { result: { result: true } };
}

/** `task.item.userfield.getlist`: the task fields defined on the portal. */
export function userFieldList(model: BitrixModel): MethodResult {
  const fields = [...model.userFields].map((name, i) => ({
    ID: String(1300 + i),
    ENTITY_ID: 'TASKS_TASK',
    FIELD_NAME: name,
    USER_TYPE_ID: 'string',
    MULTIPLE: 'Y',
  }));
  return { result: fields };
}
