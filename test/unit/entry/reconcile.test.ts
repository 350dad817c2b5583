/**
 * The Forge scheduled trigger `reconcile` over the real @forge/kvs and @forge/events clients (an
 * in-memory kvs server behind the runtime transport, kvs-wire-fake.ts): the first run only records
 * its start; a later run queues one sweep step per mapped space, reaching back to the previous
 * start minus the safety margin, and records its own start.
 */
jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asApp: () => ({
    requestConfluence: () => Promise.reject(new Error('the trigger itself reads nothing from Confluence')),
  }),
}));

import { reconcile } from '../../../src/entry/reconcile';
import { SAFETY_MARGIN_MS } from '../../../src/pipeline/reconcile';
import { KvsWireFake } from './kvs-wire-fake';

let kvs: KvsWireFake;
let logs: jest.SpyInstance[] = [];

beforeEach(() => {
  kvs = new KvsWireFake();
  kvs.install();
  kvs.entity('target').set('hooks', {
    id: 'hooks',
    name: 'Knowledge hooks',
    kind: 'webhook',
    url: 'https://hooks.example.com/relay',
    enabled: true,
    sendRemovals: true,
    sendComments: true,
    formats: ['storage'],
    timeoutSeconds: 15,
    rev: 1,
    updatedAt: 1_767_000_000_000,
  });
  for (const spaceKey of ['QM', '~5b10a2844c20165700ede21g'])
    kvs.entity('space-mapping').set(spaceKey, {
      spaceKey,
      targets: [{ targetId: 'hooks', pushRestricted: false }],
      rev: 1,
      updatedAt: 1_767_000_000_000,
    });
  logs = (['log', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
});
afterEach(() => {
  kvs.uninstall();
  logs.forEach((spy) => spy.mockRestore());
});

const pushes = () => kvs.otherCalls.filter((c) => c.path.startsWith('/webhook/queue/publish/'));

describe('reconcile (scheduled trigger)', () => {
  it('does nothing on an installation whose licence is not active', async () => {
    kvs.keys.set('reconcile:last-run', { startedAt: Date.now() - 3600_000 });
    expect(await reconcile({}, { license: { isActive: false } })).toEqual({ statusCode: 204 });
    expect(pushes()).toEqual([]);
    expect(kvs.calls).toEqual([]);
  });

  it('records its start on the first run and queues nothing', async () => {
    const before = Date.now();
    expect(await reconcile()).toEqual({ statusCode: 204 });
    expect(pushes()).toEqual([]);
    const run = kvs.keys.get('reconcile:last-run') as { startedAt: number };
    expect(run.startedAt).toBeGreaterThanOrEqual(before);
  });

  it('then queues one sweep step per mapped space, from the previous start minus the margin', async () => {
    const previous = Date.now() - 3600_000;
    kvs.keys.set('reconcile:last-run', { startedAt: previous });
    expect(await reconcile()).toEqual({ statusCode: 204 });
    const [push] = pushes();
    expect(pushes()).toHaveLength(1);
    const payload = (push!.body as { queueName: string; payload: Array<Record<string, unknown>> }).payload;
    expect(push!.body).toMatchObject({ queueName: 'relay-jobs' });
    expect(payload.map((job) => job.body)).toEqual([
      { v: 1, sweep: { kind: 'reconcile', spaceKey: 'QM', runId: expect.any(String), step: 0 } },
      {
        v: 1,
        sweep: {
          kind: 'reconcile',
          spaceKey: '~5b10a2844c20165700ede21g',
          runId: expect.any(String),
          step: 0,
        },
      },
    ]);
    expect(payload.map((job) => job.concurrency)).toEqual([
      { key: 'sweep-reconcile-QM', limit: 1 },
      { key: 'sweep-reconcile-_5b10a2844c20165700ede21g', limit: 1 },
    ]);
    // Personal space keys start with `~`, which kvs keys may not hold.
    expect(kvs.keys.get('sweep:reconcile:#5b10a2844c20165700ede21g')).toMatchObject({
      since: previous - SAFETY_MARGIN_MS,
      steps: 0,
      done: false,
    });
    expect((kvs.keys.get('reconcile:last-run') as { startedAt: number }).startedAt).toBeGreaterThan(previous);
  });
});
