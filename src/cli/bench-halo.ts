import type { DeliveryRecord } from '../domain/delivery-record';
import { ENTITIES } from '../domain/storage-layout';
import { handleConfluenceEvent } from '../pipeline/handle-event';
import { scenarioSchema } from '../sandbox/scenario/scenario-schema';
import { startSandbox } from '../sandbox/scenario/sandbox-env';
import { feedEvents } from '../sandbox/scenario/feed-events';

const EVENTS = 1000;
const PAGES = 1000;
const GAP_MS = 150;

/**
 * Halo: 1,000 page updates through the sandbox under the fake's rolling 300-per-5-minutes limit,
 * in virtual time, against the limit's own floor for the requests made.
 */
/** One space mapped to one Halo target, with the given pages. */
function haloScenario(pages: Array<{ ref: string; title: string }>) {
  return scenarioSchema.parse({
    name: 'bench-halo',
    users: [{ accountId: 'u', displayName: 'U' }],
    spaces: [{ key: 'KB', name: 'Knowledge base' }],
    pages: pages.map((p) => ({ ...p, space: 'KB', body: `<p>${p.title}</p>`, author: 'u' })),
    targets: [{ id: 'desk', name: 'desk', kind: 'halo' }],
    mappings: [{ space: 'KB', targets: [{ id: 'desk', pushRestricted: true }] }],
    steps: [],
    expect: { targets: {} },
  });
}

/** Halo requests for one event of each type, on a warm target (token cached, FAQ list known). */
async function requestsPerEventType(): Promise<void> {
  const scenario = haloScenario([
    { ref: 'warm', title: 'Warm' },
    { ref: 'p', title: 'Article' },
  ]);
  const env = await startSandbox(scenario, (v) => v);
  try {
    const halo = env.halos.get('desk')!;
    const id = env.refs.get('p')!;
    const run = async (name: string, event: unknown) => {
      halo.resetStats();
      await handleConfluenceEvent(env.platform, event);
      await env.queue.runUntilIdle();
      const { requests, byRoute } = halo.stats();
      console.log(
        `  ${name.padEnd(22)} ${requests} (${Object.entries(byRoute)
          .map(([r, n]) => `${r} ×${n}`)
          .join(', ')})`,
      );
    };
    await handleConfluenceEvent(
      env.platform,
      env.state.updatePage(env.refs.get('warm')!, { body: '<p>w2</p>' }),
    );
    await env.queue.runUntilIdle();
    console.log('Halo requests per event type (warm target):');
    await run('first push (create)', env.state.updatePage(id, { body: '<p>v2</p>' }));
    await run('text-only update', env.state.updatePage(id, { body: '<p>v3</p>' }));
    await run('label added', env.state.addLabel(id, { name: 'kb' }));
    await run('page trashed', env.state.trashPage(id));
    await run('page restored', env.state.restorePage(id));
  } finally {
    await env.close();
  }
}

export async function benchHalo(): Promise<void> {
  await requestsPerEventType();
  const scenario = haloScenario(
    Array.from({ length: PAGES }, (_, i) => ({ ref: `p${i}`, title: `Article ${i}` })),
  );
  const env = await startSandbox(scenario, (v) => v);
  try {
    const halo = env.halos.get('desk')!;
    // Warm-up: the token and the space's FAQ list.
    await handleConfluenceEvent(
      env.platform,
      env.state.updatePage(env.refs.get('p0')!, { body: '<p>warm</p>' }),
    );
    await env.queue.runUntilIdle();
    halo.resetStats();
    const start = env.clock.now();
    const { retriedTriggers, lostEvents } = await feedEvents(env, EVENTS, GAP_MS, (i) =>
      env.state.updatePage(env.refs.get(`p${i % PAGES}`)!, { body: `<p>rev ${i}</p>` }),
    );
    const elapsed = (env.clock.now() - start) / 1000;
    const { requests, byRoute } = halo.stats();
    const floor = rollingFloor(requests, EVENTS) / 1000;
    const articles = halo.state().articles.length;
    const log = Object.values(
      env.store.snapshot().entities[ENTITIES.delivery.name] ?? {},
    ) as unknown as DeliveryRecord[];
    const failed = log.filter((r) => r.status === 'failed');
    if (failed.length > 0) console.log(`  failed deliveries: ${failed.length}, e.g. ${failed[0]!.reason}`);
    console.log(
      `Halo: ${EVENTS} page updates over ${PAGES} pages → ${requests} Halo requests (${JSON.stringify(byRoute)}), ${articles} articles`,
    );
    console.log(
      `  requests per update: ${(requests / EVENTS).toFixed(2)} (writes ${((byRoute['POST /api/KBArticle'] ?? 0) / EVENTS).toFixed(2)})`,
    );
    console.log(
      `  trigger retries (the queue's 500 events a minute): ${retriedTriggers}, events lost ${lostEvents}`,
    );
    console.log(
      `  virtual time ${elapsed.toFixed(0)} s against the floor ${floor.toFixed(0)} s (300 per 300 s, events every ${GAP_MS} ms): ${((elapsed / floor - 1) * 100).toFixed(1)} % over`,
    );
  } finally {
    await env.close();
  }
}

/**
 * The earliest the requests could all be sent: request k goes when its event has arrived and the
 * request 300 places before it has left the rolling window (greedy, requests spread evenly).
 */
function rollingFloor(requests: number, events: number): number {
  const sent: number[] = [];
  for (let k = 0; k < requests; k++) {
    const demand = Math.floor((k * events) / requests) * GAP_MS + GAP_MS;
    sent.push(Math.max(demand, k >= 300 ? sent[k - 300]! + 300_000 : 0));
  }
  return (sent[sent.length - 1] ?? 0) - GAP_MS;
}
