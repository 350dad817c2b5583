import { convert } from '../../convert';
import type { BitrixTargetSettings } from '../../domain/settings';
import type { DeliveryItem } from '../target-adapter';
import { chatMessage, summaryOf } from './bitrix-messages';
import type { Outgoing } from './message-sender';
import type { IndexedTask } from './task-index';

type Notify = Extract<DeliveryItem, { action: 'notify' }>;

/** The host of a page URL (links are matched on the page's own site). */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Into the task's chat when it has one (`im.message.add`, batchable); else the task-chat method. */
export function taskMessage(task: IndexedTask, text: string): Outgoing {
  if (task.chatId !== undefined)
    return { key: `task:${task.id}`, via: 'im', dialogId: `chat${task.chatId}`, text, taskId: task.id };
  return { key: `task:${task.id}`, via: 'task-chat', taskId: task.id, text };
}

/** A new comment: one message to the author (or responsible person) of each linked task, once each. */
export function commentMessages(
  tasks: IndexedTask[],
  item: Notify,
  settings: BitrixTargetSettings,
  now: number,
): Outgoing[] {
  const { comment, page } = item;
  const who = (t: IndexedTask) => (settings.commentRecipient === 'author' ? t.createdBy : t.responsibleId);
  const people = [...new Set(tasks.map(who).filter((id): id is string => id !== undefined))];
  const summary = summaryOf(convert(comment.body, 'bbcode').output, convert(comment.body, 'text').output);
  const facts = {
    title: page.title,
    author: item.author.displayName,
    at: comment.version.createdAt ?? new Date(now).toISOString(),
    url: page.url ?? '',
    summary,
  };
  const text = chatMessage('newComment', facts, settings);
  return people.map((id): Outgoing => ({ key: `user:${id}`, via: 'im', dialogId: id, text }));
}
