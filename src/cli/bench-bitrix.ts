import type { DeliveryRecord } from '../domain/delivery-record';
import { ENTITIES } from '../domain/storage-layout';
import { handleConfluenceEvent } from '../pipeline/handle-event';
import { scenarioSchema } from '../sandbox/scenario/scenario-schema';
import type { Latency } from '../sandbox/scenario/latency';
import { startSandbox, type SandboxEnv } from '../sandbox/scenario/sandbox-env';
import { BUCKET } from '../targets/bitrix24/bitrix-transport';
import { feedEvents } from '../sandbox/scenario/feed-events';

const EVENTS = 1000;
const PAGES = 1000;
const GAP_MS = 150;

/** One space mapped to one Bitrix24 target with a chat; `tasks[i]` tasks link page i. */
function bitrixScenario(tasks: number[], notifyUpdates: boolean) {
  const pages = tasks.map((_, i) => ({
    ref: `p${i}`,
    space: 'KB',
    title: `Page ${i}`,
    body: '<p>v1</p>',
    author: 'u',
  }));
  return scenarioSchema.parse({
    name: 'bench-bitrix',
    users: [{ accountId: 'u', displayName: 'Una User' }],
    spaces: [{ key: 'KB', name: 'Knowledge base' }],
    pages,
    targets: [
      {
        id: 'portal',
        name: 'portal',
        kind: 'bitrix24',
        bitrix: {
          chats: ['news'],
          tasks: tasks.flatMap((n, i) =>
            Array.from({ length: n }, (_, k) => ({
              ref: `t${i}-${k}`,
              title: `Task ${k}`,
              pages: [`p${i}`],
            })),
          ),
        },
      },
    ],
    mappings: [
      {
        space: 'KB',
        targets: [
          { id: 'portal', pushRestricted: true, bitrixChat: 'news', bitrixNotifyUpdates: notifyUpdates },
        ],
      },
    ],
    steps: [],
    expect: { targets: {} },
  });
}

async function update(env: SandboxEnv, ref: string, body: string): Promise<void> {
  await handleConfluenceEvent(env.platform, env.state.updatePage(env.refs.get(ref)!, { body }));
  await env.queue.runUntilIdle();
}

/** Requests per update of a page that N tasks link (their chats and the space chat: N+1 messages). */
async function requestsPerUpdate(): Promise<void> {
  console.log('Bitrix24 requests per page update, N linked tasks + the space chat (index fresh):');
  for (const n of [1, 10, 49, 50, 120, 500]) {
    const env = await startSandbox(bitrixScenario([n], true), (v) => v);
    try {
      const portal = env.bitrixes.get('portal')!.portal;
      await update(env, 'p0', '<p>v2</p>'); // first scan of the index
      portal.resetStats();
      await env.clock.advanceBy(30_000);
      portal.model.messages.length = 0;
      await update(env, 'p0', '<p>v3</p>');
      const { requests, byMethod } = portal.stats();
      const goal = Math.ceil((n + 1) / 50);
      console.log(
        `  N=${String(n).padEnd(4)} ${requests} request(s) (${Object.entries(byMethod)
          .map(([m, c]) => `${m} ×${c}`)
          .join(', ')}); goal ⌈(N+1)/50⌉ = ${goal}; messages ${portal.model.messages.length}`,
      );
    } finally {
      await env.close();
    }
  }
  console.log(
    `  (+1 tasks.task.list when the index is older than a minute; +1 task.item.userfield.getlist and ⌈tasks/50⌉ lists on the first scan)`,
  );
}

export async function benchBitrix(): Promise<void> {
  await requestsPerUpdate();
  await thousandUpdates();
  // As on Forge, where every call takes time: the waiting line's drain must still keep up.
  await thousandUpdates({ networkMs: 250, storageMs: 40 });
}

/** 1,000 updates of pages each linked by one task, one every GAP_MS, against the bucket's floor. */
async function thousandUpdates(latency?: Latency): Promise<void> {
  const env = await startSandbox(
    bitrixScenario(
      Array.from({ length: PAGES }, () => 1),
      false,
    ),
    (v) => v,
    { maxParallel: 16, latency },
  );
  try {
    const portal = env.bitrixes.get('portal')!.portal;
    await update(env, 'p0', '<p>warm</p>'); // the first scan: 1,000 tasks
    await env.clock.advanceBy(60_000); // a full bucket
    portal.resetStats();
    portal.model.messages.length = 0;
    const start = env.clock.now();
    const pushedBefore = env.queue.stats().pushed;
    const { retriedTriggers, lostEvents } = await feedEvents(env, EVENTS, GAP_MS, (i) =>
      env.state.updatePage(env.refs.get(`p${i % PAGES}`)!, { body: `<p>rev ${i}</p>` }),
    );
    const idle = (env.clock.now() - start) / 1000;
    const elapsed = (Math.max(...portal.model.messages.map((m) => m.at)) - start) / 1000;
    const history = env.queue.stats().history.filter((h) => h.startedAt >= start && !h.duplicate);
    const drains = history.filter((h) => 'drain' in h.body).length;
    const queueEvents = env.queue.stats().pushed - pushedBefore;
    const { requests, byMethod, refused } = portal.stats();
    const accepted = requests - refused;
    const floor = bucketFloor(accepted, EVENTS) / 1000;
    const log = Object.values(
      env.store.snapshot().entities[ENTITIES.delivery.name] ?? {},
    ) as unknown as DeliveryRecord[];
    const failed = log.filter((r) => r.status === 'failed');
    const calls = latency
      ? `every network call ${latency.networkMs} ms and storage call ${latency.storageMs} ms`
      : 'calls take no time';
    console.log(`Bitrix24: ${EVENTS} page updates, each page linked by one task (${calls}):`);
    if (failed.length > 0) console.log(`  failed deliveries: ${failed.length}, e.g. ${failed[0]!.reason}`);
    console.log(
      `  ${requests} requests (${JSON.stringify(byMethod)}), ${refused} refused by the bucket, ${portal.model.messages.length} messages; trigger retries ${retriedTriggers}, events lost ${lostEvents}`,
    );
    console.log(
      `  queue events ${queueEvents} (${EVENTS} triggers, the rest waits; ${drains} drain jobs carried the waiting line), 16 consumer invocations at once`,
    );
    console.log(
      `  last message after ${elapsed.toFixed(0)} s (queue idle after ${idle.toFixed(0)} s) against the bucket's floor ${floor.toFixed(0)} s (burst ${BUCKET.burst}, ${BUCKET.perSecond}/s, events every ${GAP_MS} ms): ${((elapsed / floor - 1) * 100).toFixed(1)} % over`,
    );
  } finally {
    await env.close();
  }
}

/**
 * The earliest the requests could all be sent through a full bucket: request k goes when its event
 * has arrived and the bucket, draining 2/s, has room (greedy, requests spread evenly over events).
 */
function bucketFloor(requests: number, events: number): number {
  let level = 0;
  let at = 0;
  for (let k = 0; k < requests; k++) {
    const demand = Math.floor((k * events) / requests) * GAP_MS + GAP_MS;
    let t = Math.max(demand, at);
    level = Math.max(0, level - ((t - at) / 1000) * BUCKET.perSecond);
    if (level + 1 > BUCKET.burst) {
      t += ((level + 1 - BUCKET.burst) / BUCKET.perSecond) * 1000;
      level = BUCKET.burst - 1;
    }
    level += 1;
    at = t;
  }
  return at - GAP_MS;
}
