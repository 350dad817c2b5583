import { keys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import type { BitrixClient } from './bitrix-client';
import { BitrixError } from './bitrix-errors';
import { pageLinksIn } from './page-links';
import { secondBefore, taskFieldNames } from './portal-facts';

/** A task that links pages, as indexed. */
export interface IndexedTask {
  id: string;
  title: string;
  chatId?: number;
  responsibleId?: string;
  createdBy?: string;
  /** `host|pageId` of every page its field links. */
  links: string[];
}

interface ScanState {
  /** The portal's time (its own clock and offset) a second before the last complete scan began. */
  since?: string;
  /** Our clock at the end of the last complete scan. */
  scannedAt: number;
  /** A scan under way: the next `start`, and the portal's time when it began. */
  pending?: { start: number; from?: string };
}

/** A scan at most this often: updates in a burst share one (a link added meanwhile waits). */
export const SCAN_FRESH_MS = 60_000;
const SCAN_LOCK_MS = 30_000;
const PAGE_SIZE = 50;
const MAX_PAGES_PER_SCAN = 200;
const TTL_SECONDS = 180 * 86_400;

const fieldValue = (task: Record<string, unknown>, field: string): unknown =>
  task[field] ?? task[field.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())];

/**
 * The page → tasks index in storage (filtering tasks.task.list on a `UF_…` field is not
 * documented, targets.md B.3): tasks changed since the last scan (`>CHANGED_DATE`, the field in
 * `select`, 50 a page) are read, and each one's links replace what the index knew of it. A
 * deleted task is dropped when a message to it fails (a scan cannot see deletions). Two consumers
 * scanning at once may both write an entry: the later write wins, an entry is never lost for long
 * because the next scan of that task writes it again (UNVERIFIED as to a task edited between).
 */
export class TaskIndex {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly targetId: string,
    private readonly field: string,
  ) {}

  /** Brings the index up to date unless a scan ran in the last minute; returns the calls made. */
  async refresh(client: BitrixClient, force = false): Promise<number> {
    const scanKey = keys.bitrixScan(this.targetId, this.field);
    const state = await this.store.get<ScanState>(scanKey);
    const fresh = state && !state.pending && this.clock.now() - state.scannedAt < SCAN_FRESH_MS;
    if (!force && fresh) return 0;
    // One scan at a time per target and field: consumers running meanwhile use the index as it is
    // (at most a minute old). The lock expires by itself if its holder dies.
    const lockKey = `${scanKey}:lock`;
    const lock = { until: this.clock.now() + SCAN_LOCK_MS };
    if (
      state &&
      !force &&
      !(await this.store.set(lockKey, lock, { ifAbsent: true, ttlSeconds: SCAN_LOCK_MS / 1000 }))
    )
      return 0;
    try {
      return await this.scan(client, scanKey, state);
    } finally {
      await this.store.delete(lockKey);
    }
  }

  /**
   * Reads the changed tasks page by page, saving its place after each page: a scan cut short by
   * the bucket (or a large portal) goes on where it stopped at the next delivery.
   */
  private async scan(client: BitrixClient, scanKey: string, found: ScanState | undefined): Promise<number> {
    let calls = 0;
    let state = found;
    if (!state) {
      await this.checkField(client);
      calls += 1;
      state = { scannedAt: 0, pending: { start: 0 } };
      await this.store.set(scanKey, state, { ttlSeconds: TTL_SECONDS });
    }
    let pending = state.pending ?? { start: 0 };
    const select = ['ID', 'TITLE', 'RESPONSIBLE_ID', 'CREATED_BY', 'CHANGED_DATE', this.field];
    const filter = state.since ? { '>CHANGED_DATE': state.since } : {};
    for (let page = 0; page < MAX_PAGES_PER_SCAN; page += 1) {
      const params = { order: { ID: 'asc' }, filter, select, start: pending.start };
      const answer = await client.call('tasks.task.list', params, 'the list of tasks');
      calls += 1;
      const tasks = (answer.result as { tasks?: unknown }).tasks;
      if (!Array.isArray(tasks))
        throw new BitrixError('unavailable', 'tasks.task.list answered without tasks');
      for (const task of tasks) await this.put(task as Record<string, unknown>);
      const from = pending.from ?? answer.time?.date_start;
      if (answer.next === undefined || tasks.length < PAGE_SIZE) {
        const since = from === undefined ? undefined : secondBefore(from);
        const done: ScanState = { since: since ?? state.since, scannedAt: this.clock.now() };
        await this.store.set(scanKey, done, { ttlSeconds: TTL_SECONDS });
        return calls;
      }
      pending = { start: answer.next, ...(from === undefined ? {} : { from }) };
      state = { ...state, pending };
      await this.store.set(scanKey, state, { ttlSeconds: TTL_SECONDS });
    }
    return calls;
  }

  /** A field missing on the portal would make every scan find nothing, silently: say so. */
  private async checkField(client: BitrixClient): Promise<void> {
    if (!(await taskFieldNames(client)).includes(this.field))
      throw new BitrixError(
        'rejected',
        `the task field ${this.field} does not exist on ${client.webhook.host}: create it or set the target's (or mapping's) task field`,
      );
  }

  /** The tasks linking page `pageId` on the Confluence site `host`. */
  async tasksFor(pageId: string, host: string | undefined): Promise<IndexedTask[]> {
    const entry = await this.store.get<{ tasks: string[] }>(
      keys.bitrixPageTasks(this.targetId, this.field, pageId),
    );
    const found: IndexedTask[] = [];
    for (const id of entry?.tasks ?? []) {
      const task = await this.store.get<IndexedTask>(keys.bitrixTask(this.targetId, this.field, id));
      if (task?.links.some((l) => l.endsWith(`|${pageId}`) && (!host || l.startsWith(`${host}|`))))
        found.push(task);
    }
    return found;
  }

  /**
   * Tasks whose field holds one of `urls`, straight from the portal (where the filter is proven to
   * work: server-filter.ts), put into the index: a task linked seconds ago is found too.
   */
  async lookup(client: BitrixClient, urls: string[]): Promise<void> {
    const select = ['ID', 'TITLE', 'RESPONSIBLE_ID', 'CREATED_BY', 'CHANGED_DATE', this.field];
    const answer = await client.call(
      'tasks.task.list',
      { order: { ID: 'asc' }, filter: { [this.field]: urls }, select },
      'the tasks that link the page',
    );
    const tasks = (answer.result as { tasks?: unknown }).tasks;
    if (Array.isArray(tasks)) for (const task of tasks) await this.put(task as Record<string, unknown>);
  }

  /** A task that is gone (deleted in Bitrix24): out of the index. */
  async drop(taskId: string): Promise<void> {
    await this.replace(taskId, undefined);
  }

  private async put(raw: Record<string, unknown>): Promise<void> {
    const id = String(raw.id ?? raw.ID ?? '');
    if (!/^\d+$/.test(id)) return;
    const links = pageLinksIn(fieldValue(raw, this.field)).map((l) => `${l.host}|${l.pageId}`);
    const chat = Number(raw.chatId);
    const task: IndexedTask = {
      id,
      title: typeof raw.title === 'string' ? raw.title : '',
      ...(Number.isInteger(chat) && chat > 0 ? { chatId: chat } : {}),
      ...(raw.responsibleId !== undefined ? { responsibleId: String(raw.responsibleId) } : {}),
      ...(raw.createdBy !== undefined ? { createdBy: String(raw.createdBy) } : {}),
      links,
    };
    await this.replace(id, links.length > 0 ? task : undefined);
  }

  private async replace(taskId: string, task: IndexedTask | undefined): Promise<void> {
    const taskKey = keys.bitrixTask(this.targetId, this.field, taskId);
    const before = await this.store.get<IndexedTask>(taskKey);
    const pagesOf = (t: IndexedTask | undefined) =>
      new Set((t?.links ?? []).map((l) => l.split('|')[1] ?? ''));
    const old = pagesOf(before);
    const now = pagesOf(task);
    for (const pageId of old)
      if (!now.has(pageId)) await this.edit(pageId, (ids) => ids.filter((i) => i !== taskId));
    for (const pageId of now)
      if (!old.has(pageId)) await this.edit(pageId, (ids) => [...new Set([...ids, taskId])]);
    if (task) await this.store.set(taskKey, task, { ttlSeconds: TTL_SECONDS });
    else if (before) await this.store.delete(taskKey);
  }

  private async edit(pageId: string, change: (ids: string[]) => string[]): Promise<void> {
    const key = keys.bitrixPageTasks(this.targetId, this.field, pageId);
    const tasks = change((await this.store.get<{ tasks: string[] }>(key))?.tasks ?? []);
    if (tasks.length === 0) await this.store.delete(key);
    else await this.store.set(key, { tasks }, { ttlSeconds: TTL_SECONDS });
  }
}
