import type { DeliveryRecord } from '../../domain/delivery-record';
import { ENTITIES } from '../../domain/storage-layout';
import { handleConfluenceEvent } from '../../pipeline/handle-event';
import type { StoreSnapshot } from '../../platform/node/memory-store';
import { applyStep } from './apply-step';
import { runSweepAction } from './sweep-steps';
import { checkExpectations, type TargetState } from './check-expectations';
import type { LoadedScenario } from './load-scenario';
import { haloPages } from './halo-sandbox-target';
import { bitrixState } from './bitrix-sandbox-target';
import { startSandbox } from './sandbox-env';

export interface StepResult {
  index: number;
  step: string;
  event?: string;
  pageId?: string;
  note?: string;
  trace: string;
  at: number;
}

export interface ScenarioResult {
  name: string;
  steps: StepResult[];
  deliveries: DeliveryRecord[];
  targets: Record<string, TargetState>;
  mismatches: string[];
  violations: string[];
  stats: {
    virtualMs: number;
    wallMs: number;
    confluenceRequests: number;
    byRoute: Record<string, number>;
    queue: unknown;
  };
}

const DEFAULT_GAP_SECONDS = 2;

/** Replays a scenario through the real trigger and consumer over the Node platform. */
export async function runScenario(
  loaded: LoadedScenario,
  onProgress: (line: string) => void = () => {},
): Promise<ScenarioResult> {
  const { scenario } = loaded;
  const wallStart = Date.now();
  const env = await startSandbox(scenario, loaded.body);
  const start = env.clock.now();
  const steps: StepResult[] = [];
  let previous: unknown;
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const trace = `step-${index + 1}`;
      const payload = applyStep(env, step, loaded.body, previous);
      const result: StepResult = { index: index + 1, step: step.do, trace, at: env.clock.now() - start };
      if (payload !== undefined) {
        previous = payload;
        const p = payload as { eventType?: string; content?: { id?: string; container?: { id?: unknown } } };
        result.event = p.eventType;
        result.pageId =
          p.content?.container?.id !== undefined ? String(p.content.container.id) : p.content?.id;
        result.note =
          'lost' in step && step.lost
            ? 'event lost'
            : (await handleConfluenceEvent(env.platform, payload, undefined, trace)).note;
      }
      const swept = await runSweepAction(env, step);
      if (swept !== undefined) result.note = swept;
      steps.push(result);
      onProgress(
        `[${index + 1}/${scenario.steps.length}] ${step.do}${result.event ? ` → ${result.event}` : ''}`,
      );
      const gap = step.do === 'wait' ? step.seconds : (step.after ?? DEFAULT_GAP_SECONDS);
      const until = env.clock.now() + gap * 1000;
      await env.queue.runUntilIdle({ maxVirtualMs: gap * 1000 });
      // Scenario time moves on even when the queue went idle early.
      if (env.clock.now() < until) await env.clock.advanceTo(until);
    }
    await env.queue.runUntilIdle();
    const deliveries = collect(env.store.snapshot());
    const targets: Record<string, TargetState> = {};
    const violations: string[] = [];
    for (const [id, receiver] of env.receivers) {
      targets[id] = {
        pages: receiver.state(),
        enabled: await isEnabled(env, id),
        messages: receiver.messages().length,
      };
      violations.push(...receiver.violations().map((v) => `${id}: ${v}`));
    }
    for (const [id, halo] of env.halos) {
      const held = haloPages(halo);
      targets[id] = { pages: held.pages, enabled: await isEnabled(env, id), messages: halo.stats().requests };
      violations.push(...held.violations.map((v) => `${id}: ${v}`));
    }
    for (const [id, sandbox] of env.bitrixes) {
      const target = scenario.targets.find((t) => t.id === id);
      const secretTitles = (target?.bitrix.secretPages ?? []).flatMap((ref) => {
        const page = env.state.getPage(env.refs.get(ref) ?? '');
        const seeded = scenario.pages.find((p) => p.ref === ref)?.title;
        return [page?.title, seeded].filter((t): t is string => t !== undefined);
      });
      const held = bitrixState(sandbox, secretTitles);
      targets[id] = {
        pages: {},
        enabled: await isEnabled(env, id),
        messages: sandbox.portal.stats().requests,
        tasks: held.tasks,
        chats: held.chats,
        people: held.people,
      };
      violations.push(...held.violations.map((v) => `${id}: ${v}`));
    }
    const mismatches = checkExpectations(scenario, env.refs, targets, deliveries);
    const stats = env.confluence.stats();
    return {
      name: scenario.name,
      steps,
      deliveries,
      targets,
      mismatches,
      violations,
      stats: {
        virtualMs: env.clock.now() - start,
        wallMs: Date.now() - wallStart,
        confluenceRequests: stats.requests,
        byRoute: stats.byRoute,
        queue: env.queue.stats(),
      },
    };
  } finally {
    await env.close();
  }
}

function collect(snapshot: StoreSnapshot): DeliveryRecord[] {
  const entity = snapshot.entities[ENTITIES.delivery.name] ?? {};
  return Object.values(entity)
    .map((v) => v as unknown as DeliveryRecord)
    .sort((a, b) => a.at - b.at || a.attempt - b.attempt);
}

async function isEnabled(env: Awaited<ReturnType<typeof startSandbox>>, id: string): Promise<boolean> {
  const target = await env.store.getEntity<{ enabled?: boolean }>(ENTITIES.target.name, id);
  return target?.enabled !== false;
}
