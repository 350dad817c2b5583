import Resolver from '@forge/resolver';
import { defineBackfillOperations } from '../../../src/entry/backfill-operations';
import type { ConfluenceApi } from '../../../src/ports/confluence-api';
import { spaceId } from '../../../src/sandbox/scenario/seed-confluence';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { pagesIn, stepsIn, sweepSite } from './sweep-kit';
import type { PushJob } from '../../../src/ports/job-queue';

const CURRENT_USER = '/wiki/rest/api/user/current?expand=operations';
type Role = 'site-admin' | 'space-admin' | 'nobody';

let env: SandboxEnv;
afterEach(() => env.close());

/** Rights as Confluence tells them to the calling user: the app's own reads go to the fake site. */
function asUser(role: Role, docsId: string): ConfluenceApi {
  const ok = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  return {
    request(path) {
      if (path === CURRENT_USER) {
        const ops = [{ operation: 'use', targetType: 'application' }];
        if (role === 'site-admin') ops.push({ operation: 'administer', targetType: 'application' });
        return ok({ accountId: 'u1', operations: ops });
      }
      if (path === `/wiki/api/v2/spaces/${docsId}?include-operations=true`) {
        const ops = [{ operation: 'read', targetType: 'space' }];
        if (role !== 'nobody') ops.push({ operation: 'administer', targetType: 'space' });
        return ok({ id: docsId, key: 'DOCS', operations: { results: ops } });
      }
      return Promise.resolve(new Response('{"message":"not found"}', { status: 404 }));
    },
  };
}

async function setUp(role: Role, pages = 120) {
  env = await sweepSite(pages, { restricted: 2 });
  const pushes: PushJob[][] = [];
  const platform = {
    ...env.platform,
    queue: { push: (jobs: PushJob[]) => (pushes.push(structuredClone(jobs)), Promise.resolve()) },
  };
  const docsId = spaceId(env.state, 'DOCS');
  const resolver = defineBackfillOperations(new Resolver(), {
    platform: () => platform,
    asUser: () => asUser(role, docsId),
  }).getDefinitions();
  const extension =
    role === 'site-admin'
      ? { type: 'confluence:globalSettings' }
      : { type: 'confluence:spaceSettings', space: { id: docsId, key: 'DOCS' } };
  const call = (functionKey: string, payload: unknown = {}) =>
    resolver(
      { call: { functionKey, payload }, context: { extension } },
      { principal: { accountId: 'u1' }, license: { isActive: true } },
    ) as Promise<Record<string, unknown>>;
  return { call, pushes };
}

describe('backfill from the settings pages', () => {
  it('lets a Confluence admin backfill any mapped space, with an estimate, once at a time', async () => {
    const { call, pushes } = await setUp('site-admin');
    expect(await call('startBackfill', { spaceKey: 'DOCS', dryRun: true })).toEqual({
      status: 'preview',
      spaceKey: 'DOCS',
      total: 120,
    });
    expect(pushes).toEqual([]);
    const started = await call('startBackfill', { spaceKey: 'DOCS' });
    expect(started).toMatchObject({
      status: 'started',
      progress: { spaceKey: 'DOCS', total: 120, queued: 0, done: false, requestedBy: 'u1' },
    });
    expect(JSON.stringify(started)).not.toContain('cursor');
    expect(await call('startBackfill', { spaceKey: 'DOCS' })).toMatchObject({ status: 'running' });
    expect(stepsIn(pushes)).toHaveLength(1);
    expect(await call('startBackfill', { spaceKey: 'ENG' })).toMatchObject({ status: 'started' });
    expect(await call('startBackfill', { spaceKey: 'OPS' })).toEqual({
      error: 'No enabled target takes pages of space OPS: map the space to a target first.',
    });
    const status = (await call('backfillStatus')) as { spaces: Array<{ spaceKey: string }> };
    expect(status.spaces.map((s) => s.spaceKey)).toEqual(['DOCS', 'ENG']);
    expect(status).toMatchObject({ reconcile: { queued: 0 } });
    expect(status).not.toHaveProperty('reconcile.lastRunAt');
    expect(await call('cancelBackfill', { spaceKey: 'DOCS' })).toMatchObject({
      status: 'cancelled',
      progress: { cancelled: true, done: true },
    });
    expect(await call('cancelBackfill', { spaceKey: 'DOCS' })).toEqual({
      error: 'No backfill of space DOCS is running.',
    });
  });

  it('lets a space admin backfill their space only: another space named in the payload is refused', async () => {
    const { call, pushes } = await setUp('space-admin');
    expect(await call('startBackfill', { spaceKey: 'ENG' })).toEqual({
      error: 'Only space DOCS can be backfilled from its settings.',
    });
    expect(await call('cancelBackfill', { spaceKey: 'ENG' })).toEqual({
      error: 'Only space DOCS can be backfilled from its settings.',
    });
    expect(pushes).toEqual([]);
    expect(await call('startBackfill', {})).toMatchObject({
      status: 'started',
      progress: { spaceKey: 'DOCS' },
    });
    const status = (await call('backfillStatus')) as { spaces: Array<{ spaceKey: string }> };
    expect(status.spaces.map((s) => s.spaceKey)).toEqual(['DOCS']);
  });

  it('refuses callers without the right before doing anything', async () => {
    const { call, pushes } = await setUp('nobody');
    for (const key of ['startBackfill', 'backfillStatus', 'cancelBackfill'])
      expect(await call(key, { spaceKey: 'DOCS' })).toEqual({
        error: 'Only admins of space DOCS can see its Relay activity.',
      });
    expect(pushes).toEqual([]);
  });

  it('names the field of a bad look-back date, and takes a good one as midnight UTC', async () => {
    const { call, pushes } = await setUp('site-admin', 3);
    expect(await call('startBackfill', { spaceKey: 'DOCS', since: '2026-13-01' })).toMatchObject({
      error: 'Invalid request.',
      fields: [{ field: 'since' }],
    });
    expect(await call('startBackfill', { spaceKey: 'DOCS', since: '2999-01-01' })).toEqual({
      error: 'Invalid request.',
      fields: [{ field: 'since', message: 'the date is in the future' }],
    });
    const day = new Date(env.clock.now()).toISOString().slice(0, 10);
    const started = await call('startBackfill', { spaceKey: 'DOCS', since: day });
    expect(started).toMatchObject({ status: 'started', progress: { since: Date.parse(`${day}T00:00:00Z`) } });
    expect(pagesIn(pushes)).toEqual([]);
  });
});
