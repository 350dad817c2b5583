import type { Clock } from '../../ports/clock';

export interface FakeUser {
  id: number;
  name: string;
  lastName: string;
  /** Undefined: the portal does not reveal it. */
  email?: string;
}

export interface FakeTask {
  id: number;
  title: string;
  responsibleId: number;
  createdBy: number;
  changedAt: number;
  /** The task chat of the new task card; null on old portals. */
  chatId: number | null;
  /** Custom fields by name (`UF_…`): one string, or several for a multiple field. */
  fields: Record<string, string | string[]>;
}

export interface FakeMessage {
  id: number;
  /** `chat12`, or a user id for a personal message. */
  dialogId: string;
  text: string;
  /** Through which method it came. */
  via: 'im.message.add' | 'tasks.task.chat.message.send' | 'task.commentitem.add';
  taskId?: number;
  at: number;
}

/** The portal's data: users, tasks with their chats, chats, and every message posted. */
export class BitrixModel {
  readonly users = new Map<number, FakeUser>();
  readonly tasks = new Map<number, FakeTask>();
  /** Chat id → members (user ids). */
  readonly chats = new Map<number, Set<number>>();
  /** Task user fields defined on the portal. */
  readonly userFields = new Set<string>();
  readonly messages: FakeMessage[] = [];
  private nextId = { task: 100, chat: 500, message: 9000 };

  constructor(
    private readonly clock: Clock,
    /** The user the webhook acts as. */
    readonly webhookUserId: number,
    /** New task card (task chats); false: an old portal with comments only. */
    readonly taskChats: boolean,
  ) {}

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  addChat(members: number[]): number {
    const id = this.nextId.chat++;
    this.chats.set(id, new Set(members));
    return id;
  }

  /** A task; its chat has the creator, the responsible person and, unless `chatMember` is false, the webhook's user. */
  addTask(input: {
    title: string;
    responsibleId: number;
    createdBy: number;
    fields?: Record<string, string | string[]>;
    chatMember?: boolean;
  }): FakeTask {
    const id = this.nextId.task++;
    const members = [input.createdBy, input.responsibleId];
    if (input.chatMember !== false) members.push(this.webhookUserId);
    const task: FakeTask = {
      id,
      title: input.title,
      responsibleId: input.responsibleId,
      createdBy: input.createdBy,
      changedAt: this.clock.now(),
      chatId: this.taskChats ? this.addChat(members) : null,
      fields: { ...input.fields },
    };
    this.tasks.set(id, task);
    return task;
  }

  updateTask(id: number, fields: Record<string, string | string[]>): void {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`fake Bitrix24 has no task ${id}`);
    task.fields = { ...task.fields, ...fields };
    task.changedAt = this.clock.now();
  }

  deleteTask(id: number): void {
    const task = this.tasks.get(id);
    if (task?.chatId !== undefined && task.chatId !== null) this.chats.delete(task.chatId);
    this.tasks.delete(id);
  }

  post(message: Omit<FakeMessage, 'id' | 'at'>): number {
    const id = this.nextId.message++;
    this.messages.push({ ...message, id, at: this.clock.now() });
    return id;
  }
}
