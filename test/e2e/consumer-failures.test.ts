import type { DeliveryRecord } from '../../src/domain/delivery-record';
import { ENTITIES } from '../../src/domain/storage-layout';
import { deliverJob } from '../../src/pipeline/deliver-job';
import type { ReceivedJob } from '../../src/ports/job-queue';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

function scenarioWith(targets: Array<{ id: string; faults?: unknown[] }>) {
  return scenarioSchema.parse({
    name: 'failures',
    users: [{ accountId: 'u1', displayName: 'Alice' }],
    spaces: [{ key: 'DOCS', name: 'Docs' }],
    pages: [{ ref: 'p', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1' }],
    targets: targets.map((t) => ({ id: t.id, name: t.id, kind: 'webhook', faults: t.faults ?? [] })),
    mappings: [{ space: 'DOCS', targets: targets.map((t) => t.id) }],
    steps: [],
    expect: { targets: {} },
  });
}

function job(env: SandboxEnv, retryCount = 0): ReceivedJob {
  const pageId = env.refs.get('p')!;
  const event = {
    kind: 'page',
    action: 'updated',
    pageId,
    spaceKey: 'DOCS',
    version: 1,
    minorEdit: false,
    suppressNotifications: false,
  };
  return { body: { v: 1, event, trace: 't' }, jobId: 'j', eventId: 'e', retryCount };
}

function records(env: SandboxEnv): DeliveryRecord[] {
  const all = env.store.snapshot().entities[ENTITIES.delivery.name] ?? {};
  return Object.values(all).map((v) => v as unknown as DeliveryRecord);
}

describe('the consumer when things fail', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());
  const options = () => ({ deadlineMs: env.clock.now() + 100_000 });

  it('asks Forge to retry when Confluence throttles, honouring Retry-After', async () => {
    env = await startSandbox(scenarioWith([{ id: 'hooks' }]), (v) => v);
    env.confluence.injectFaults([
      { pathPrefix: '/wiki/api/v2/pages/', status: 429, retryAfterSeconds: 30, times: 1 },
    ]);
    const outcome = await deliverJob(env.platform, job(env), options());
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'FUNCTION_UPSTREAM_RATE_LIMITED' });
    expect(outcome.kind === 'retry' && outcome.afterSeconds).toBeGreaterThanOrEqual(30);
    expect(env.receivers.get('hooks')!.messages()).toHaveLength(0);
  });

  it('records a failure, and stops, when Forge’s retries are used up', async () => {
    env = await startSandbox(scenarioWith([{ id: 'hooks' }]), (v) => v);
    env.confluence.injectFaults([{ pathPrefix: '/wiki/api/v2/pages/', status: 503, times: 1 }]);
    expect(await deliverJob(env.platform, job(env, 4), options())).toEqual({ kind: 'done' });
    const failed = records(env).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatch(/gave up after 5 invocations: Confluence answered 503/);
  });

  it('keeps a failing target from blocking the other, and gives up on it after the last attempt', async () => {
    env = await startSandbox(
      scenarioWith([{ id: 'good' }, { id: 'down', faults: [{ status: 500, times: 50 }] }]),
      (v) => v,
    );
    await env.queue.push([{ body: job(env).body }]);
    await env.queue.runUntilIdle();
    expect(env.receivers.get('good')!.state()[env.refs.get('p')!]).toMatchObject({
      present: true,
      version: 1,
    });
    const down = records(env).filter((r) => r.targetId === 'down' && r.latencyMs !== undefined);
    expect(down.filter((r) => r.status === 'retrying')).toHaveLength(6);
    const last = down.find((r) => r.status === 'failed');
    expect(last?.reason).toMatch(/gave up after 7 attempts: .* answered 500/);
    expect(
      env.receivers
        .get('good')!
        .messages()
        .filter((m) => m.applied),
    ).toHaveLength(1);
  });

  it('disables a target that answers 410 Gone and skips it afterwards', async () => {
    env = await startSandbox(scenarioWith([{ id: 'retired', faults: [{ gone: true }] }]), (v) => v);
    await deliverJob(env.platform, job(env), options());
    const target = await env.store.getEntity<{ enabled: boolean; disabledReason?: string }>(
      ENTITIES.target.name,
      'retired',
    );
    expect(target).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410 Gone') });
    await deliverJob(env.platform, job(env), options());
    expect(
      records(env).some((r) => r.status === 'skipped' && /target is disabled/.test(r.reason ?? '')),
    ).toBe(true);
    expect(env.receivers.get('retired')!.messages()).toHaveLength(1);
  });

  it('removes a page deleted meanwhile from the targets it reached, and only those', async () => {
    env = await startSandbox(scenarioWith([{ id: 'hooks' }]), (v) => v);
    await deliverJob(env.platform, job(env), options());
    const pageId = env.refs.get('p')!;
    env.state.trashPage(pageId);
    env.state.deletePage(pageId);
    await deliverJob(env.platform, job(env), options());
    expect(env.receivers.get('hooks')!.state()[pageId]).toMatchObject({
      present: false,
      lastType: 'page.removed',
    });
  });

  it('continues in a new job when the targets would exceed the fetch budget', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `t${i}` }));
    env = await startSandbox(scenarioWith(many), (v) => v);
    const pushed: unknown[] = [];
    const push = env.queue.push.bind(env.queue);
    env.platform.queue = { push: async (jobs) => (pushed.push(...jobs), push(jobs)) };
    await deliverJob(env.platform, job(env), { ...options(), fetchBudget: 20 });
    const continuation = pushed.find(
      (j) => (j as { body: { continuation?: boolean } }).body.continuation,
    ) as { body: { targets: string[] } };
    expect(continuation.body.targets.length).toBeGreaterThan(0);
    expect(continuation.body.targets.length).toBeLessThan(25);
    await env.queue.runUntilIdle();
    for (const t of many)
      expect(
        env.receivers
          .get(t.id)!
          .messages()
          .filter((m) => m.applied),
      ).toHaveLength(1);
  });
});

describe('eligibility facts that cannot be read fail closed', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  it('keeps a page home when its content state cannot be read, and says so', async () => {
    const scenario = scenarioSchema.parse({
      name: 'state error',
      users: [{ accountId: 'u1', displayName: 'Alice' }],
      spaces: [{ key: 'DOCS', name: 'Docs' }],
      pages: [
        { ref: 'p', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1', state: 'Verified' },
      ],
      targets: [{ id: 'hooks', name: 'hooks', kind: 'webhook' }],
      mappings: [{ space: 'DOCS', targets: [{ id: 'hooks', verifiedOnly: true }] }],
      steps: [],
      expect: { targets: {} },
    });
    env = await startSandbox(scenario, (v) => v);
    env.confluence.injectFaults([
      { pathPrefix: `/wiki/rest/api/content/${env.refs.get('p')}/state`, status: 400, times: 1 },
    ]);
    expect(await deliverJob(env.platform, job(env), { deadlineMs: env.clock.now() + 100_000 })).toEqual({
      kind: 'done',
    });
    expect(env.receivers.get('hooks')!.messages()).toHaveLength(0);
    const skipped = records(env).find((r) => r.status === 'skipped');
    expect(skipped?.reason).toMatch(
      /^page content state could not be read, so the verified rule fails closed: Confluence answered 400/,
    );
    // Once the state can be read again, the verified page goes out.
    await deliverJob(env.platform, job(env), { deadlineMs: env.clock.now() + 100_000 });
    expect(env.receivers.get('hooks')!.state()[env.refs.get('p')!]).toMatchObject({ present: true });
  });
});
