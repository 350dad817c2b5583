import type { BitrixTargetSettings } from '../../../src/domain/settings';
import { bitrixTargetSchema } from '../../../src/domain/settings';
import type { RelayEvent } from '../../../src/domain/relay-event';
import type { PageSnapshot } from '../../../src/domain/snapshots';
import { secretKeys } from '../../../src/domain/storage-layout';
import { MemoryLog } from '../../../src/platform/node/memory-log';
import { MemorySecretStore } from '../../../src/platform/node/memory-secret-store';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { NodeHttp } from '../../../src/platform/node/node-http';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type {
  FakeBitrix24,
  FakeBitrixOptions,
} from '../../../src/sandbox/fake-bitrix24/fake-bitrix24-server';
import { startFakeBitrix24 } from '../../../src/sandbox/fake-bitrix24/fake-bitrix24-server';
import { BitrixAdapter } from '../../../src/targets/bitrix24/bitrix-adapter';
import type { DeliveryItem, TargetDeps } from '../../../src/targets/target-adapter';

export const TARGET = 'portal';
export const WEBHOOK = { userId: 1, code: 'x9k2m4p8q1w7e3r5', scopes: ['task', 'tasks', 'im', 'user'] };
export const SITE = 'https://acme.atlassian.net';
export const PAGE_ID = '544112828';
export const PAGE_URL = `${SITE}/wiki/spaces/DOCS/pages/${PAGE_ID}/VPN+setup`;

export interface BitrixKit {
  portal: FakeBitrix24;
  clock: VirtualClock;
  store: MemoryStore;
  secrets: MemorySecretStore;
  log: MemoryLog;
  deps: TargetDeps;
  settings: BitrixTargetSettings;
  adapter(overrides?: Partial<BitrixTargetSettings>, deps?: Partial<TargetDeps>): BitrixAdapter;
  close(): Promise<void>;
}

/** A real fake portal on loopback, a virtual clock, in-memory Store and SecretStore, Node fetch. */
export async function startBitrixKit(
  options: Partial<FakeBitrixOptions> = {},
  overrides: Record<string, unknown> = {},
): Promise<BitrixKit> {
  const clock = new VirtualClock();
  const portal = await startFakeBitrix24({ clock, webhook: WEBHOOK, ...options });
  portal.model.addUser({ id: 1, name: 'Relay', lastName: 'Bot', email: 'relay@acme.example' });
  portal.model.addUser({ id: 7, name: 'Anna', lastName: 'Smirnova', email: 'anna@acme.example' });
  portal.model.addUser({ id: 8, name: 'Oleg', lastName: 'Petrov' });
  const store = new MemoryStore({ clock });
  const secrets = new MemorySecretStore();
  const log = new MemoryLog();
  await secrets.setSecret(secretKeys.bitrixWebhookUrl(TARGET), portal.webhookUrl);
  const settings = bitrixTargetSchema.parse({
    id: TARGET,
    name: 'Acme portal',
    kind: 'bitrix24',
    portalUrl: portal.url,
    ...overrides,
  });
  const deps: TargetDeps = { http: new NodeHttp(), secrets, store, clock, log };
  return {
    portal,
    clock,
    store,
    secrets,
    log,
    deps,
    settings,
    adapter: (o = {}, d = {}) => new BitrixAdapter({ ...settings, ...o }, { ...deps, ...d }),
    close: () => portal.close(),
  };
}

export function page(overrides: Partial<PageSnapshot> = {}): PageSnapshot {
  return {
    id: PAGE_ID,
    title: 'VPN setup',
    status: 'current',
    spaceId: '98305',
    spaceKey: 'DOCS',
    version: { number: 7, minorEdit: false, authorId: '557058:alice', createdAt: '2026-01-05T09:00:00.000Z' },
    body: '<p>Use <strong>client 5.2</strong>.</p>',
    labels: [],
    url: PAGE_URL,
    ...overrides,
  };
}

export function pageEvent(
  action: 'updated' | 'created' | 'trashed' | 'deleted' | 'permissions_updated',
  extra: Partial<RelayEvent> = {},
): RelayEvent {
  return {
    kind: 'page',
    action,
    pageId: PAGE_ID,
    spaceKey: 'DOCS',
    version: 7,
    minorEdit: false,
    suppressNotifications: false,
    ...extra,
  } as RelayEvent;
}

export function upsert(
  event: RelayEvent,
  options: Extract<DeliveryItem, { action: 'upsert' }>['options'] = undefined,
): DeliveryItem {
  return {
    action: 'upsert',
    event,
    page: page(),
    author: { accountId: '557058:alice', displayName: 'Alice Martin' },
    firstDelivery: false,
    rendered: { bbcode: { output: 'Use [b]client 5.2[/b].', warnings: [], links: [], images: [] } },
    options,
  };
}

let n = 0;
export const attempt = (deliveryId = `msg_${++n}`) => ({
  deliveryId,
  attempt: 1,
  signal: new AbortController().signal,
});

/** Adds `count` tasks linking the page in the given URL forms; returns their ids. */
export function linkTasks(kit: BitrixKit, count: number, urls: string[] = [PAGE_URL]): number[] {
  return Array.from(
    { length: count },
    (_, i) =>
      kit.portal.model.addTask({
        title: `Task ${i + 1}`,
        responsibleId: 7,
        createdBy: 8,
        fields: { UF_CONFLUENCE_URL: urls[i % urls.length] ?? PAGE_URL },
      }).id,
  );
}

/** A new footer comment on the page (a `notify` item). */
export function comment(action: 'created' | 'updated' = 'created'): DeliveryItem {
  return {
    action: 'notify',
    event: {
      kind: 'comment',
      action,
      pageId: PAGE_ID,
      commentId: '700',
      location: 'footer',
      minorEdit: false,
      suppressNotifications: false,
    },
    page: page(),
    comment: {
      id: '700',
      pageId: PAGE_ID,
      status: 'current',
      location: 'footer',
      version: { number: 1, createdAt: '2026-01-05T10:30:00.000Z' },
      body: '<p>Does this cover <em>node pools</em>?</p>',
      deleted: false,
    },
    author: { accountId: '557058:bob', displayName: 'Bob Ivanov' },
  };
}
