/**
 * The storage layout, fixed: every key and entity the app writes is named here, and the entities
 * below are declared identically in manifest.yml (app.storage.entities; a test checks they agree).
 * Key charset per kvs: /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/, at most 500 characters.
 */
export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface IndexDefinition {
  name: string;
  partition?: string[];
  range: string[];
}

export interface EntityDefinition {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: IndexDefinition[];
}

const byTime = (name: string, partition: string, range = 'at'): IndexDefinition => ({
  name,
  partition: [partition],
  range: [range],
});

export const ENTITIES = {
  /** One item per target; `rev` is the compare-and-set revision. */
  target: {
    name: 'target',
    attributes: { kind: 'string', rev: 'integer', updatedAt: 'float' },
    indexes: [{ name: 'updatedAt', range: ['updatedAt'] }],
  },
  /** One item per space mapping (key: space key). */
  spaceMapping: {
    name: 'space-mapping',
    attributes: { spaceKey: 'string', rev: 'integer', updatedAt: 'float' },
    indexes: [{ name: 'updatedAt', range: ['updatedAt'] }],
  },
  /** (content, target) -> last delivered state, remote id, status, and the claim of a consumer. */
  ledger: {
    name: 'ledger',
    attributes: {
      contentId: 'string',
      targetId: 'string',
      version: 'integer',
      rev: 'integer',
      status: 'string',
      claimToken: 'string',
      updatedAt: 'float',
    },
    indexes: [byTime('by-content', 'contentId', 'updatedAt'), byTime('by-target', 'targetId', 'updatedAt')],
  },
  /** The delivery log: one item per attempt, kept for the retention period (TTL). */
  delivery: {
    name: 'delivery',
    attributes: {
      targetId: 'string',
      pageId: 'string',
      spaceKey: 'string',
      status: 'string',
      at: 'float',
    },
    indexes: [
      byTime('by-target', 'targetId'),
      byTime('by-page', 'pageId'),
      byTime('by-space', 'spaceKey'),
      byTime('by-status', 'status'),
    ],
  },
  /** Daily counters per target and outcome (key: day:targetId:outcome). */
  counter: {
    name: 'counter',
    attributes: { targetId: 'string', day: 'string', outcome: 'string', n: 'integer' },
    indexes: [byTime('by-target-day', 'targetId', 'day')],
  },
} as const satisfies Record<string, EntityDefinition>;

export const DELIVERY_RETENTION_DAYS = 30;

export const keys = {
  /** Per-target rate state: the next time a call to the target is allowed. */
  rate: (targetId: string) => `rate:${targetId}`,
  /** Deliveries parked in a target's waiting line (`line:<id>:<turn>:<uuid>`), see waiting-line.ts. */
  line: (targetId: string) => `line:${targetId}`,
  /** The drain job that carries a target's waiting line: when it is due. */
  lineDrain: (targetId: string) => `line-drain:${targetId}`,
  /** Display names of Confluence users, cached with a TTL. */
  user: (accountId: string) => `user:${accountId}`,
  ledger: (contentId: string, targetId: string) => `${contentId}:${targetId}`,
  counter: (day: string, targetId: string, outcome: string) => `${day}:${targetId}:${outcome}`,
  /** "Replay all failed" of a target (in a space, or `.all` for every space): its progress. */
  replayProgress: (targetId: string, spaceKey: string | undefined) =>
    `replay:${targetId}:${spaceKey === undefined ? '.all' : safeKeyPart(spaceKey)}`,
  /** A page sweep of a space (backfill or reconcile): its cursor and counts (sweep-progress.ts). */
  sweep: (kind: string, spaceKey: string) => `sweep:${kind}:${safeKeyPart(spaceKey)}`,
  /** A sweep an admin cancelled (by run id): its steps stop at their next turn. */
  sweepCancel: (runId: string) => `sweep-cancel:${runId}`,
  /** One of the few sweep steps allowed per minute, shared by every sweep (sweep-budget.ts). */
  sweepSlot: (minute: number, slot: number) => `sweep-slot:${minute}:${slot}`,
  /** The scheduled reconcile: when its last run started. */
  reconcileRun: () => 'reconcile:last-run',
  /** Halo: the requests of the rolling 5-minute window, shared by every consumer. */
  haloWindow: (targetId: string) => `halo-window:${targetId}`,
  /** Halo: the FAQ list created for a space ("create automatically"). */
  haloFaqList: (targetId: string, spaceKey: string) => `halo-faq:${targetId}:${safeKeyPart(spaceKey)}`,
  /** Bitrix24: the leaky bucket as we fill it (bitrix-bucket.ts), shared by every consumer. */
  bitrixWindow: (targetId: string) => `bitrix-window:${targetId}`,
  /** Bitrix24: where the scan of tasks changed since the last one stands, per task field. */
  bitrixScan: (targetId: string, field: string) => `bitrix-scan:${targetId}:${field}`,
  /** Bitrix24: the tasks whose field links a page (page → tasks index). */
  bitrixPageTasks: (targetId: string, field: string, pageId: string) =>
    `bitrix-page:${targetId}:${field}:${pageId}`,
  /** Bitrix24: one indexed task (its linked pages, chat, author, responsible person). */
  bitrixTask: (targetId: string, field: string, taskId: string) =>
    `bitrix-task:${targetId}:${field}:${taskId}`,
  /** Bitrix24: the messages a delivery already sent (so a retry never sends one twice). */
  bitrixSent: (targetId: string, deliveryId: string) => `bitrix-sent:${targetId}:${deliveryId}`,
  /** Bitrix24: what the portal proved it supports (old task card, filter on the user field). */
  bitrixPortal: (targetId: string) => `bitrix-portal:${targetId}`,
  /** A removed target whose stored state is still being cleared (target-purge.ts). */
  targetPurge: (targetId: string) => `target-purge:${targetId}`,
} as const;

/**
 * Everything above that belongs to one target, for clearing it when the target is removed: the
 * single keys, and the prefixes of its families of keys (each ends with `:`, so target `kb` never
 * reaches `kb2`'s). Keep in step with `keys`.
 */
export function targetKeys(targetId: string): { single: string[]; prefixes: string[] } {
  const id = targetId;
  return {
    single: [
      keys.rate(id),
      keys.lineDrain(id),
      keys.haloWindow(id),
      keys.bitrixWindow(id),
      keys.bitrixPortal(id),
    ],
    prefixes: [
      `${keys.line(id)}:`,
      // The rate windows' claim logs and pause (claim-log.ts), beside their single keys above.
      `${keys.haloWindow(id)}:`,
      `${keys.bitrixWindow(id)}:`,
      `replay:${id}:`,
      `halo-faq:${id}:`,
      `bitrix-scan:${id}:`,
      `bitrix-page:${id}:`,
      `bitrix-task:${id}:`,
      `bitrix-sent:${id}:`,
    ],
  };
}

/** Personal space keys start with `~`, which kvs keys may not hold: it becomes `#`. */
function safeKeyPart(value: string): string {
  return value.replace(/~/g, '#');
}

export const secretKeys = {
  /** Webhook signing secrets (JSON array of `whsec_…`, newest first) of a target. */
  webhookSecrets: (targetId: string) => `target:${targetId}:signing-secrets`,
  /** Halo OAuth client secret. */
  haloClientSecret: (targetId: string) => `target:${targetId}:halo-client-secret`,
  /** Halo access token with its expiry (JSON), cached across invocations. */
  haloToken: (targetId: string) => `target:${targetId}:halo-token`,
  /** Bitrix24 inbound webhook URL (`https://portal/rest/{user}/{code}/`): the code is the secret. */
  bitrixWebhookUrl: (targetId: string) => `target:${targetId}:bitrix-webhook-url`,
} as const;
