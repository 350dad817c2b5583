import type { HaloTargetSettings } from '../../../src/domain/settings';
import { haloTargetSchema } from '../../../src/domain/settings';
import { secretKeys } from '../../../src/domain/storage-layout';
import { MemoryLog } from '../../../src/platform/node/memory-log';
import { MemorySecretStore } from '../../../src/platform/node/memory-secret-store';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { NodeHttp } from '../../../src/platform/node/node-http';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { Http } from '../../../src/ports/http';
import type { FakeHalo, FakeHaloOptions } from '../../../src/sandbox/fake-halo/fake-halo-server';
import { startFakeHalo } from '../../../src/sandbox/fake-halo/fake-halo-server';
import { HaloClient } from '../../../src/targets/halo/halo-client';
import type { HaloClientDeps } from '../../../src/targets/halo/halo-client';

export const TENANT = 'acme';
export const CLIENT_ID = 'c9534241-dde9-4d04-9d45-32b1fbff22ed';
export const SECRET = '14c0c9af-2db1-48ab-b29c-51975df4afa2';
export const TARGET = 'kb';

export interface ClientKit {
  halo: FakeHalo;
  clock: VirtualClock;
  store: MemoryStore;
  secrets: MemorySecretStore;
  log: MemoryLog;
  http: Http;
  settings: HaloTargetSettings;
  deps: HaloClientDeps;
  /** A new client on the same store, secrets and clock (another invocation). */
  client(overrides?: Partial<HaloTargetSettings>, http?: Http): HaloClient;
  /** Every log entry as one JSON string, to check what never appears in logs. */
  logText(): string;
  /** The status of every answer the kit's Http received, in order. */
  statuses: number[];
}

/** Node fetch, recording the status of every answer. */
function recordingHttp(statuses: number[]): Http {
  const node = new NodeHttp();
  return {
    fetch: async (request) => {
      const res = await node.fetch(request);
      statuses.push(res.status);
      return res;
    },
    egressAllowed: (url) => node.egressAllowed(url),
  };
}

/** Registered applications: the default (scope `all`), a KB reader, and one without KB rights. */
export const APPS = [
  { clientId: CLIENT_ID, clientSecret: SECRET },
  { clientId: 'reader', clientSecret: 'reader-secret', scopes: ['read:kb'] },
  { clientId: 'tickets-only', clientSecret: 'tickets-secret', scopes: ['edit:tickets'] },
];

/** A real fake Halo on loopback, a virtual clock, in-memory Store and SecretStore, Node fetch. */
export async function startClientKit(
  options: Partial<FakeHaloOptions> = {},
  settingsOverrides: Record<string, unknown> = {},
): Promise<ClientKit> {
  const clock = new VirtualClock();
  const halo = await startFakeHalo({ clock, tenant: TENANT, clients: APPS, ...options });
  const store = new MemoryStore({ clock });
  const secrets = new MemorySecretStore();
  const log = new MemoryLog();
  const statuses: number[] = [];
  const http = recordingHttp(statuses);
  await secrets.setSecret(secretKeys.haloClientSecret(TARGET), SECRET);
  const settings = haloTargetSchema.parse({
    id: TARGET,
    name: 'Service desk KB',
    kind: 'halo',
    baseUrl: halo.url,
    clientId: CLIENT_ID,
    ...settingsOverrides,
  });
  const deps = { http, secrets, store, clock, log };
  return {
    halo,
    clock,
    store,
    secrets,
    log,
    http,
    settings,
    deps,
    client: (overrides = {}, otherHttp = http) =>
      new HaloClient({ ...settings, ...overrides }, { ...deps, http: otherHttp }),
    logText: () => JSON.stringify(log.entries()),
    statuses,
  };
}

/** Runs `call`, advancing virtual time whenever the client answers `rate-limited`. */
export async function withPatience<T>(clock: VirtualClock, call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const wait = (error as { kind?: string; retryAfterSeconds?: number }).kind === 'rate-limited';
      if (!wait) throw error;
      await clock.advanceBy(((error as { retryAfterSeconds?: number }).retryAfterSeconds ?? 1) * 1000);
    }
  }
}
