import { deliverJob } from '../../pipeline/deliver-job';
import { SettingsRepo } from '../../pipeline/settings-repo';
import { secretKeys } from '../../domain/storage-layout';
import { spaceMappingSchema, webhookTargetSchema } from '../../domain/settings';
import type { Platform } from '../../ports/platform';
import { MemoryLog } from '../../platform/node/memory-log';
import { MemorySecretStore } from '../../platform/node/memory-secret-store';
import { MemoryStore } from '../../platform/node/memory-store';
import { NodeHttp } from '../../platform/node/node-http';
import { NodeJobQueue } from '../../platform/node/node-job-queue';
import { RestConfluenceApi } from '../../platform/node/rest-confluence-api';
import { SeededRandom } from '../../platform/node/seeded-random';
import { VirtualClock } from '../../platform/node/virtual-clock';
import { generateWebhookSecret } from '../../targets/webhook/sign';
import { ConfluenceState } from '../fake-confluence/confluence-state';
import { startFakeConfluence, type FakeConfluence } from '../fake-confluence/fake-confluence-server';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver/webhook-receiver';
import type { FaultSpec, Scenario } from './scenario-schema';
import { withLatency, type Latency } from './latency';
import { startHaloTarget } from './halo-sandbox-target';
import { resolveRef, seedConfluence } from './seed-confluence';
import type { FakeHalo } from '../fake-halo/fake-halo-server';
import { startBitrixTarget, type BitrixSandbox } from './bitrix-sandbox-target';

export const CREDENTIALS = { email: 'relay-sandbox@example.com', apiToken: 'sandbox-api-token' };
const DELIVER_BUDGET_MS = 100_000;

export interface SandboxEnv {
  clock: VirtualClock;
  state: ConfluenceState;
  confluence: FakeConfluence;
  confluenceApi: RestConfluenceApi;
  receivers: Map<string, WebhookReceiver>;
  halos: Map<string, FakeHalo>;
  bitrixes: Map<string, BitrixSandbox>;
  store: MemoryStore;
  queue: NodeJobQueue;
  platform: Platform;
  refs: Map<string, string>;
  toReceiverFaults(faults: FaultSpec[]): Parameters<WebhookReceiver['setFaults']>[0];
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Consumer invocations at once (default 4; Forge runs many more). */
  maxParallel?: number;
  /** Virtual time each call of the pipeline takes (default none: calls are instant). */
  latency?: Latency;
}

/** Starts the fake Confluence, one receiver per target, and the Node platform wired to both. */
export async function startSandbox(
  scenario: Scenario,
  body: (v: string) => string,
  options: SandboxOptions = {},
): Promise<SandboxEnv> {
  const clock = new VirtualClock();
  const state = new ConfluenceState(clock);
  const confluence = await startFakeConfluence({
    state,
    credentials: CREDENTIALS,
    clock,
    rateLimit: { requestsPerMinute: 1200 },
  });
  state.setBaseUrl(`${confluence.url}/wiki`);
  const refs = seedConfluence(state, scenario, body);
  const toReceiverFaults = (faults: FaultSpec[]) =>
    faults.map((f) =>
      'downForSeconds' in f ? { downUntil: clock.now() + f.downForSeconds * 1000, status: f.status } : f,
    );
  const store = new MemoryStore({ clock });
  const secrets = new MemorySecretStore();
  const queue = new NodeJobQueue({ clock, seed: scenario.seed, maxParallel: options.maxParallel });
  const confluenceApi = new RestConfluenceApi({ baseUrl: confluence.url, ...CREDENTIALS });
  const log = new MemoryLog();
  const direct: Platform = {
    store,
    secrets,
    queue,
    http: new NodeHttp(),
    confluence: confluenceApi,
    clock,
    log,
  };
  const platform = options.latency ? withLatency(direct, clock, options.latency) : direct;
  const receivers = new Map<string, WebhookReceiver>();
  const settings = new SettingsRepo(store, log);
  const halos = new Map<string, FakeHalo>();
  const bitrixes = new Map<string, BitrixSandbox>();
  for (const t of scenario.targets) {
    if (t.kind === 'bitrix24') {
      const started = await startBitrixTarget(t, scenario, clock, secrets, state, refs);
      bitrixes.set(t.id, started);
      await settings.saveTarget(started.settings, 0, clock.now());
      continue;
    }
    if (t.kind === 'halo') {
      const started = await startHaloTarget(t, clock, secrets);
      halos.set(t.id, started.halo);
      await settings.saveTarget(started.settings, 0, clock.now());
      continue;
    }
    const keys = Array.from({ length: t.secrets }, () => generateWebhookSecret());
    const receiver = await startWebhookReceiver({ clock, secrets: keys, faults: toReceiverFaults(t.faults) });
    receivers.set(t.id, receiver);
    await secrets.setSecret(secretKeys.webhookSecrets(t.id), JSON.stringify(keys));
    const target = webhookTargetSchema.parse({
      ...t.settings,
      id: t.id,
      name: t.name,
      kind: 'webhook',
      url: receiver.url,
    });
    await settings.saveTarget(target, 0, clock.now());
  }
  for (const m of scenario.mappings) {
    const targets = m.targets.map((t) => {
      if (typeof t === 'string') return { targetId: t };
      const { id, subtree, bitrixChat, ...rest } = t;
      const dialog = bitrixChat === undefined ? undefined : bitrixes.get(id)?.chats.get(bitrixChat);
      if (bitrixChat !== undefined && dialog === undefined)
        throw new Error(`unknown Bitrix24 chat "${bitrixChat}" of target "${id}" in the scenario`);
      return {
        ...rest,
        targetId: id,
        subtreeRootId: subtree ? resolveRef(refs, subtree) : undefined,
        ...(dialog === undefined ? {} : { bitrixDialogId: dialog }),
      };
    });
    await settings.saveMapping(spaceMappingSchema.parse({ spaceKey: m.space, targets }), 0, clock.now());
  }
  const random = new SeededRandom(scenario.seed + 1);
  queue.setHandler((job) =>
    deliverJob(platform, job, { deadlineMs: clock.now() + DELIVER_BUDGET_MS, random: () => random.next() }),
  );
  return {
    clock,
    state,
    confluence,
    confluenceApi,
    receivers,
    halos,
    bitrixes,
    store,
    queue,
    platform,
    refs,
    toReceiverFaults,
    async close() {
      const portals = [...bitrixes.values()].map((b) => b.portal);
      const servers = [...receivers.values(), ...halos.values(), ...portals];
      await Promise.all([confluence.close(), ...servers.map((r) => r.close())]);
    },
  };
}
