import type { BitrixModel } from './bitrix-model';
import { MethodError } from './bitrix-replies';
import type { MethodResult } from './bitrix-replies';

/** B.4: 20,000 characters; longer text is cut with ` (...)` (stated for bots; UNVERIFIED for im.*). */
export const MESSAGE_LIMIT = 20_000;

/** `im.message.add`: to `chat{id}` (a member only) or to a user id (personal); returns the message id. */
export function messageAdd(model: BitrixModel, p: Record<string, unknown>): MethodResult {
  const dialog = String(p.DIALOG_ID ?? '').trim();
  let text = typeof p.MESSAGE === 'string' ? p.MESSAGE.trim() : '';
  if (text === '') throw new MethodError(400, 'MESSAGE_EMPTY', 'Message can not be empty');
  if (dialog === '') throw new MethodError(400, 'DIALOG_ID_EMPTY', 'Dialog ID can not be empty');
  if (text.length > MESSAGE_LIMIT) text = `${text.slice(0, MESSAGE_LIMIT - 6)} (...)`;
  const chat = /^chat(\d+)$/.exec(dialog);
  if (chat?.[1]) {
    const members = model.chats.get(Number(chat[1]));
    if (!members) throw new MethodError(400, 'CHAT_ID', 'Error creating message');
    if (!members.has(model.webhookUserId))
      throw new MethodError(400, 'ACCESS_ERROR', 'You do not have access to this chat');
  } else if (/^\d+$/.test(dialog)) {
    if (!model.users.has(Number(dialog))) throw new MethodError(400, 'USER_NOT_FOUND', 'User not found');
  } else throw new MethodError(400, 'PARAMS_ERROR', 'Incorrect params');
  return { result: model.post({ dialogId: dialog, text, via: 'im.message.add' }) };
}

const PAGE = 50;

/** `user.get` with `ID` or `FILTER` (`ID`, `EMAIL`); e-mails only where the portal shows them. */
export function userGet(model: BitrixModel, p: Record<string, unknown>): MethodResult {
  const filter = { ...(typeof p.FILTER === 'object' && p.FILTER !== null ? p.FILTER : {}) } as Record<
    string,
    unknown
  >;
  if (p.ID !== undefined) filter.ID = p.ID;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? undefined : [String(v)]);
  const ids = list(filter.ID);
  const emails = list(filter.EMAIL)?.map((e) => e.toLowerCase());
  const found = [...model.users.values()].filter(
    (u) =>
      (!ids || ids.includes(String(u.id))) &&
      (!emails || (u.email !== undefined && emails.includes(u.email.toLowerCase()))),
  );
  const start = Number(p.start ?? 0);
  const page = found.slice(start, start + PAGE).map((u) => ({
    ID: String(u.id),
    ACTIVE: true,
    NAME: u.name,
    LAST_NAME: u.lastName,
    ...(u.email === undefined ? {} : { EMAIL: u.email }),
  }));
  const next = start + PAGE < found.length ? start + PAGE : undefined;
  return { result: page, total: found.length, ...(next === undefined ? {} : { next }) };
}
