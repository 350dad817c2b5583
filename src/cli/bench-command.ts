import { deliverJob } from '../pipeline/deliver-job';
import { handleConfluenceEvent } from '../pipeline/handle-event';
import { scenarioSchema } from '../sandbox/scenario/scenario-schema';
import { startSandbox } from '../sandbox/scenario/sandbox-env';

const EVENTS = 1000;
const PAGES = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * `relay bench`: 1,000 page updates end to end through the sandbox (real trigger, queue, consumer,
 * loopback Confluence and webhook receiver; virtual time where limits apply). Prints figures.
 */
export async function benchCommand(_args: string[]): Promise<number> {
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
  const durations: number[] = [];
  env.queue.setHandler(async (job) => {
    const started = performance.now();
    const outcome = await deliverJob(env.platform, job, { deadlineMs: env.clock.now() + 100_000 });
    durations.push(performance.now() - started);
    return outcome;
  });
  const wallStart = performance.now();
  try {
    for (let i = 0; i < EVENTS; i++) {
      const pageId = env.refs.get(`p${i % PAGES}`)!;
      await handleConfluenceEvent(
        env.platform,
        env.state.updatePage(pageId, { body: `<p>Revision ${i}</p>` }),
      );
      if (i % 25 === 24) await env.queue.runUntilIdle({ maxVirtualMs: 5_000 });
    }
    await env.queue.runUntilIdle();
    const wallMs = performance.now() - wallStart;
    const byRoute = env.confluence.stats().byRoute;
    const userCalls = Object.entries(byRoute)
      .filter(([r]) => r.includes('/rest/api/user'))
      .reduce((s, [, n]) => s + n, 0);
    const total = Object.values(byRoute).reduce((s, n) => s + n, 0);
    const sorted = [...durations].sort((a, b) => a - b);
    const received = env.receivers.get('hooks')!.messages().length;
    console.log(
      `events: ${EVENTS} page updates over ${PAGES} pages; consumer invocations: ${durations.length}; webhook requests: ${received}`,
    );
    console.log(
      `processing time per invocation (wall): p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
    );
    console.log(
      `throughput: ${((EVENTS / wallMs) * 1000).toFixed(0)} events/s (wall ${wallMs.toFixed(0)} ms)`,
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
