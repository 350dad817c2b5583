import { handleConfluenceEvent } from '../pipeline/handle-event';
import { scenarioSchema } from '../sandbox/scenario/scenario-schema';
import { startSandbox } from '../sandbox/scenario/sandbox-env';

const EVENTS = 1000;
const PAGES = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Pipeline: 1,000 page updates end to end through the sandbox (real trigger, queue, consumer,
 * loopback Confluence and webhook receiver; virtual time where limits apply). Prints figures.
 */
export async function benchPipeline(): Promise<number> {
  const scenario = scenarioSchema.parse({
    name: 'bench',
    users: [{ accountId: 'u-bench', displayName: 'Bench Author' }],
    spaces: [{ key: 'BENCH', name: 'Bench' }],
    pages: Array.from({ length: PAGES }, (_, i) => ({
      ref: `p${i}`,
      space: 'BENCH',
      title: `Page ${i}`,
      body: `<p>Body ${i}</p>`,
      author: 'u-bench',
    })),
    targets: [{ id: 'hooks', name: 'Bench hooks', kind: 'webhook' }],
    mappings: [{ space: 'BENCH', targets: [{ id: 'hooks', pushRestricted: true }] }],
    steps: [],
    expect: { targets: {} },
  });
  const env = await startSandbox(scenario, (v) => v);
  let refused = 0;
  // Events arrive at 400 a minute of virtual time: under Forge's 500 queue events per minute.
  const update = async (i: number) => {
    await env.clock.advanceBy(150);
    const pageId = env.refs.get(`p${i % PAGES}`)!;
    const event = env.state.updatePage(pageId, { body: `<p>Revision ${i}</p>` });
    if ((await handleConfluenceEvent(env.platform, event)).kind === 'retry') refused++;
  };
  try {
    // End to end per event: trigger, queue, consumer, Confluence fetch, signed POST, ledger, log.
    const perEvent: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const started = performance.now();
      await update(i);
      await env.queue.runUntilIdle();
      perEvent.push(performance.now() - started);
    }
    env.confluence.resetStats();
    // Throughput: a burst of events drained by parallel consumers.
    const wallStart = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      await update(i);
      if (i % 25 === 24) await env.queue.runUntilIdle({ maxVirtualMs: 5_000 });
    }
    await env.queue.runUntilIdle();
    const wallMs = performance.now() - wallStart;
    const byRoute = env.confluence.stats().byRoute;
    const userCalls = Object.entries(byRoute)
      .filter(([r]) => r.includes('/rest/api/user'))
      .reduce((s, [, n]) => s + n, 0);
    const total = Object.values(byRoute).reduce((s, n) => s + n, 0);
    const sorted = [...perEvent].sort((a, b) => a - b);
    const received = env.receivers.get('hooks')!.messages().length;
    console.log(
      `events: 2 × ${EVENTS} page updates over ${PAGES} pages; webhook requests: ${received}; refused by the queue: ${refused}`,
    );
    console.log(
      `end-to-end processing time per event (wall, one at a time): p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
    );
    console.log(
      `throughput of a burst: ${((EVENTS / wallMs) * 1000).toFixed(0)} events/s (wall ${wallMs.toFixed(0)} ms)`,
    );
    console.log(
      `Confluence REST calls per page event: ${((total - userCalls) / EVENTS).toFixed(2)} (author lookups apart: ${userCalls})`,
    );
    console.log(`routes: ${JSON.stringify(byRoute)}`);
    return 0;
  } finally {
    await env.close();
  }
}
