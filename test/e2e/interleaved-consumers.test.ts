import { deliverJob } from '../../src/pipeline/deliver-job';
import type { HttpRequest, HttpResponse } from '../../src/ports/http';
import type { ReceivedJob } from '../../src/ports/job-queue';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const scenario = scenarioSchema.parse({
  name: 'interleaving',
  users: [{ accountId: 'u1', displayName: 'Alice' }],
  spaces: [{ key: 'DOCS', name: 'Docs' }],
  pages: [{ ref: 'p', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1' }],
  targets: [{ id: 'hooks', name: 'Hooks', kind: 'webhook' }],
  mappings: [{ space: 'DOCS', targets: ['hooks'] }],
  steps: [],
  expect: { targets: {} },
});

function job(pageId: string, version: number, id: string): ReceivedJob {
  const event = {
    kind: 'page',
    action: 'updated',
    pageId,
    spaceKey: 'DOCS',
    version,
    minorEdit: false,
    suppressNotifications: false,
  };
  return { body: { v: 1, event }, jobId: id, eventId: id, retryCount: 0 };
}

/** Holds the first target request until released, so two consumers overlap for real. */
function gateTargetCalls(env: SandboxEnv) {
  const real = env.platform.http;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  let reached!: () => void;
  const holding = new Promise<void>((r) => (reached = r));
  env.platform.http = {
    fetch: async (req: HttpRequest): Promise<HttpResponse> => {
      if (held++ === 0) {
        reached();
        await gate;
      }
      return real.fetch(req);
    },
  };
  return { release, holding };
}

async function bumpTo(env: SandboxEnv, pageId: string, version: number) {
  while (env.state.getPage(pageId)!.version.number < version)
    env.state.updatePage(pageId, { body: `<p>v${env.state.getPage(pageId)!.version.number + 1}</p>` });
}

describe('two consumers on versions 5 and 6 of one page', () => {
  let env: SandboxEnv;
  beforeEach(async () => {
    env = await startSandbox(scenario, (v) => v);
  });
  afterEach(() => env.close());

  const deadline = () => ({ deadlineMs: env.clock.now() + 100_000 });

  it('version 5 in flight: 6 waits for it, then lands; the target ends at 6', async () => {
    const pageId = env.refs.get('p')!;
    await bumpTo(env, pageId, 5);
    const { release, holding } = gateTargetCalls(env);
    const a = deliverJob(env.platform, job(pageId, 5, 'a'), deadline());
    await holding; // A fetched version 5, claimed the ledger row and is sending.
    await bumpTo(env, pageId, 6);
    const b = await deliverJob(env.platform, job(pageId, 6, 'b'), deadline());
    expect(b).toEqual({ kind: 'done' });
    release();
    await a;
    await env.queue.runUntilIdle(); // B's retry, delayed while A held the claim.
    const receiver = env.receivers.get('hooks')!;
    const versions = receiver
      .messages()
      .filter((m) => m.applied)
      .map((m) => m.version);
    expect(versions).toEqual([5, 6]);
    expect(receiver.state()[pageId]).toMatchObject({ present: true, version: 6 });
    expect(receiver.violations()).toEqual([]);
  });

  it('version 6 first: a consumer that read 5 earlier never sends it after 6', async () => {
    const pageId = env.refs.get('p')!;
    await bumpTo(env, pageId, 5);
    // A's page read (version 5) returns, then A is held before it claims the ledger row.
    const real = env.platform.confluence;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let read!: () => void;
    const hasRead = new Promise<void>((r) => (read = r));
    const platformA = {
      ...env.platform,
      confluence: {
        request: async (path: string) => {
          const res = await real.request(path);
          read();
          await gate;
          return res;
        },
      },
    };
    const a = deliverJob(platformA, job(pageId, 5, 'a'), deadline());
    await hasRead;
    await bumpTo(env, pageId, 6);
    await deliverJob(env.platform, job(pageId, 6, 'b'), deadline());
    release();
    await a;
    await env.queue.runUntilIdle();
    const receiver = env.receivers.get('hooks')!;
    expect(
      receiver
        .messages()
        .filter((m) => m.applied)
        .map((m) => m.version),
    ).toEqual([6]);
    expect(receiver.state()[pageId]).toMatchObject({ present: true, version: 6 });
    expect(receiver.violations()).toEqual([]);
  });
});
