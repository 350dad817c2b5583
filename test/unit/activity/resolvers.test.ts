/**
 * The Activity operations (registered on a Resolver the way the settings resolver will) and the
 * byline operations, invoked as the Forge runtime invokes a resolver: @forge/resolver's
 * `getDefinitions()` takes `{call: {functionKey, payload}, context}` and the backend runtime payload,
 * whose `principal.accountId` and `license` replace what the frontend claims. Storage and queue are
 * the in-memory kvs and a limit-checking queue; Confluence answers as the calling user would.
 */
import Resolver from '@forge/resolver';
import { jobBodySchema } from '../../../src/domain/job-body';
import { secretKeys } from '../../../src/domain/storage-layout';
import { haloTargetSchema, spaceMappingSchema, webhookTargetSchema } from '../../../src/domain/settings';
import { defineActivityOperations } from '../../../src/entry/activity-operations';
import { defineBylineOperations } from '../../../src/entry/byline-operations';
import { SettingsRepo } from '../../../src/pipeline/settings-repo';
import type { ConfluenceApi } from '../../../src/ports/confluence-api';
import { activityPlatform, record, T0 } from './activity-kit';
import { STORAGE_BODY } from '../entry/confluence-replies';
import { PAGE, userSite, type Viewer } from './user-site';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const HOOK_URL = 'https://hooks.example.com/relay/in?token=internal-routing';
const CURRENT_USER = '/wiki/rest/api/user/current?expand=operations';
const SPACE_QM = '/wiki/api/v2/spaces/539099246?include-operations=true';

type Role = 'site-admin' | 'space-admin' | 'nobody';

/** Rights reads (v1 user operations, v2 space operations), then the page as `viewer` sees it. */
function site(role: Role, viewer: Viewer, seen: string[]): ConfluenceApi {
  const page = userSite(viewer, seen);
  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  return {
    async request(path) {
      if (path === CURRENT_USER) {
        seen.push(path);
        const ops = [{ operation: 'use', targetType: 'application' }];
        if (role === 'site-admin') ops.push({ operation: 'administer', targetType: 'application' });
        return ok({ type: 'known', accountId: 'acc-1', displayName: 'Ada', operations: ops });
      }
      if (path === SPACE_QM) {
        seen.push(path);
        const ops = [{ operation: 'read', targetType: 'space' }];
        if (role !== 'nobody') ops.push({ operation: 'administer', targetType: 'space' });
        return ok({ id: '539099246', key: 'QM', name: 'Manual', operations: { results: ops } });
      }
      return page.request(path);
    },
  };
}

async function setUp(role: Role, viewer: Viewer = 'editor') {
  const env = activityPlatform();
  const seen: string[] = [];
  const settings = new SettingsRepo(env.store, env.platform.log);
  await settings.saveTarget(
    webhookTargetSchema.parse({
      id: 'hooks',
      name: 'Knowledge hooks',
      kind: 'webhook',
      url: HOOK_URL,
      formats: ['storage', 'markdown'],
    }),
    0,
    T0,
  );
  await settings.saveTarget(
    haloTargetSchema.parse({
      id: 'halo',
      name: 'Service desk KB',
      kind: 'halo',
      baseUrl: 'https://acme.haloitsm.com',
      clientId: 'relay',
      faqLists: { QM: 17 },
    }),
    0,
    T0,
  );
  await settings.saveMapping(
    spaceMappingSchema.parse({ spaceKey: 'QM', targets: [{ targetId: 'hooks' }, { targetId: 'halo' }] }),
    0,
    T0,
  );
  await env.platform.secrets.setSecret(secretKeys.webhookSecrets('hooks'), JSON.stringify([SECRET]));
  await env.platform.secrets.setSecret(secretKeys.haloClientSecret('halo'), 'halo-client-secret-value');
  const deps = { platform: () => env.platform, asUser: () => site(role, viewer, seen) };
  const settingsResolver = defineActivityOperations(new Resolver(), deps).getDefinitions();
  const bylineResolver = defineBylineOperations(new Resolver(), deps).getDefinitions();
  const runtime = { principal: { accountId: 'acc-1' }, license: { isActive: true } };
  const extension =
    role === 'site-admin'
      ? { type: 'confluence:globalSettings' }
      : { type: 'confluence:spaceSettings', space: { id: '539099246', key: 'QM' } };
  const call = (functionKey: string, payload: unknown = {}) =>
    settingsResolver({ call: { functionKey, payload }, context: { extension } }, runtime) as Promise<
      Record<string, unknown>
    >;
  const byline = (functionKey: string, license = runtime.license) =>
    bylineResolver(
      {
        call: { functionKey, payload: { pageId: '1' } },
        context: {
          extension: {
            type: 'confluence:contentBylineItem',
            content: { id: PAGE, type: 'page' },
            space: { key: 'QM' },
          },
        },
      },
      { ...runtime, license },
    ) as Promise<Record<string, unknown>>;
  return { ...env, seen, call, byline };
}

describe('Activity operations', () => {
  it('lists the whole log for a Confluence admin, newest first, with reasons and what can be replayed', async () => {
    const { call, log } = await setUp('site-admin');
    await log.record(
      record({ at: T0, status: 'failed', reason: 'hooks.example.com answered 500', httpStatus: 500 }),
    );
    await log.record(record({ at: T0 + 1, status: 'delivered', spaceKey: 'ENG', pageId: '700' }));
    const result = await call('listActivity', { limit: 1 });
    expect(result).toMatchObject({
      scope: 'global',
      targets: [
        { id: 'halo', name: 'Service desk KB' },
        { id: 'hooks', name: 'Knowledge hooks' },
      ],
    });
    expect((result.entries as unknown[]).length).toBe(1);
    expect(result.entries).toEqual([
      expect.objectContaining({ pageId: '700', status: 'delivered', replayable: false }),
    ]);
    const next = await call('listActivity', { limit: 1, cursor: result.nextCursor });
    expect(next.entries).toEqual([
      expect.objectContaining({
        pageId: PAGE,
        status: 'failed',
        reason: 'hooks.example.com answered 500',
        httpStatus: 500,
        replayable: true,
      }),
    ]);
    expect(next.nextCursor).toBeUndefined();
    expect(JSON.stringify([result, next])).not.toMatch(/whsec_|token=|halo-client-secret/);
  });

  it('gives a space admin only that space, whatever filter the payload names', async () => {
    const { call, log, seen } = await setUp('space-admin');
    await log.record(record({ at: T0, status: 'failed', spaceKey: 'QM' }));
    await log.record(record({ at: T0 + 1, status: 'failed', spaceKey: 'ENG', pageId: '700' }));
    const result = await call('listActivity', { filter: { spaceKey: 'ENG' } });
    expect(seen).toContain(SPACE_QM);
    expect(result.scope).toBe('space');
    expect(result.entries).toEqual([expect.objectContaining({ spaceKey: 'QM' })]);
    const chart = (await call('activityChart', { days: 1 })) as {
      days: Array<{ n: number }>;
      partial: boolean;
    };
    expect(chart.partial).toBe(false);
    expect(chart.days.filter((d) => d.n > 0)).toEqual([{ day: '2026-11-20', outcome: 'failed', n: 1 }]);
  });

  it('refuses callers without the right, before reading anything', async () => {
    const nobody = await setUp('nobody');
    await nobody.log.record(record({ at: T0, status: 'failed' }));
    for (const key of ['listActivity', 'activityChart', 'replayFailed', 'previewPage']) {
      expect(await nobody.call(key, { targetId: 'hooks', pageId: PAGE })).toEqual({
        error: 'Only admins of space QM can see its Relay activity.',
      });
    }
    expect(nobody.queue.pushes).toEqual([]);
  });

  it('validates payloads and names the field', async () => {
    const { call } = await setUp('site-admin');
    expect(await call('listActivity', { filter: { status: 'lost' } })).toMatchObject({
      error: 'Invalid request.',
      fields: [expect.objectContaining({ field: 'filter.status' })],
    });
    expect(await call('replayFailed', { targetId: 'nope' })).toEqual({ error: 'No target nope.' });
  });

  it('replays one failure and all failures of a target by queueing, and returns at once', async () => {
    const { call, log, queue } = await setUp('site-admin');
    await log.record(record({ at: T0, status: 'failed', reason: 'HTTP 500' }));
    const [entry] = (await call('listActivity')).entries as Array<{ key: string }>;
    expect(await call('replayDelivery', { key: entry!.key })).toEqual({
      queued: 1,
      note: `Page ${PAGE} queued again for hooks.`,
    });
    expect(jobBodySchema.parse(queue.jobs[0]!.body)).toMatchObject({
      targets: ['hooks'],
      event: { pageId: PAGE },
    });
    expect(await call('replayFailed', { targetId: 'hooks' })).toMatchObject({ queued: 1 });
    expect(queue.jobs[1]!.body).toMatchObject({ v: 1, replay: { targetId: 'hooks', requestedBy: 'acc-1' } });
    expect((await call('listActivity')).replays).toEqual([
      { targetId: 'hooks', requestedAt: T0, queued: 0, steps: 0, done: false },
    ]);
  });

  it('charts deliveries per day by outcome for site admins', async () => {
    const { call, log } = await setUp('site-admin');
    await log.record(record({ at: T0, status: 'failed' }));
    await log.record(record({ at: T0, status: 'delivered', targetId: 'halo' }));
    const chart = await call('activityChart', { days: 2 });
    expect((chart.days as Array<{ n: number }>).filter((d) => d.n > 0)).toEqual([
      { day: '2026-11-20', outcome: 'delivered', n: 1 },
      { day: '2026-11-20', outcome: 'failed', n: 1 },
    ]);
  });
});

describe('Preview (dry run)', () => {
  it("shows each target's exact payload, sends nothing and returns no secret", async () => {
    const { call, queue, platform } = await setUp('site-admin', 'reader');
    const fetch = jest.spyOn(platform.http, 'fetch');
    const preview = await call('previewPage', { pageId: PAGE });
    expect(preview).toMatchObject({ pageId: PAGE, title: 'User Agent', version: 19 });
    const [halo, hooks] = preview.targets as Array<{
      targetId: string;
      action: string;
      payload: { request: string; body: string; notes: string[] };
    }>;
    expect(hooks).toMatchObject({
      targetId: 'hooks',
      action: 'upsert',
      payload: { request: "POST to the target's URL", contentType: 'application/json' },
    });
    const body = JSON.parse(hooks!.payload.body) as {
      type: string;
      data: { pageId: string; body: Record<string, string> };
    };
    expect(body.type).toBe('page.created');
    expect(body.data.pageId).toBe(PAGE);
    expect(Object.keys(body.data.body)).toEqual(['storage', 'markdown']);
    expect(body.data.body.storage).toBe(STORAGE_BODY);
    expect(body.data.body.markdown).toMatch(/^## Overview\n/);
    expect(halo).toMatchObject({
      targetId: 'halo',
      action: 'upsert',
      payload: { request: 'POST /api/KBArticle' },
    });
    const [article] = JSON.parse(halo!.payload.body) as Array<{
      name: string;
      faqlists: unknown;
      tag_string: string;
    }>;
    expect(article).toMatchObject({ name: 'User Agent', faqlists: [{ id: 17 }] });
    expect(article!.tag_string).toContain(`confluence-${PAGE}`);
    expect(JSON.stringify(article)).toContain('relay-agent.pdf');
    expect(halo!.payload.notes).toEqual([
      expect.stringMatching(/^\d+ image\(s\) are uploaded to Halo at delivery/),
      'a new article, unless one with its marker tag exists',
    ]);
    expect(fetch).not.toHaveBeenCalled();
    expect(queue.pushes).toEqual([]);
    expect(JSON.stringify(preview)).not.toMatch(
      /whsec_|token=internal|halo-client-secret|hooks\.example\.com/,
    );
  });

  it('is refused to a caller who cannot read the page', async () => {
    const { call, byline } = await setUp('site-admin', 'stranger');
    expect(await call('previewPage', { pageId: PAGE })).toEqual({
      error: 'You cannot read this page, or it does not exist.',
    });
    expect(await byline('previewThisPage')).toEqual({
      error: 'You cannot read this page, or it does not exist.',
    });
  });
});

describe('Byline operations', () => {
  it('shows a reader where the page went and its status per target, without Push now', async () => {
    const { byline, log, seen } = await setUp('nobody', 'reader');
    await log.record(record({ at: T0, status: 'failed', reason: 'hooks.example.com answered 503' }));
    await log.record(
      record({
        at: T0,
        status: 'skipped',
        targetId: 'halo',
        action: 'skip',
        reason: 'page is blocked by a read restriction on page 544211126',
      }),
    );
    const status = await byline('getPageStatus');
    expect(seen).toEqual([`/wiki/api/v2/pages/${PAGE}?include-operations=true`]);
    expect(status).toEqual({
      visible: true,
      version: 19,
      canPush: false,
      targets: [
        {
          targetId: 'halo',
          targetName: 'Service desk KB',
          state: 'blocked',
          deliveredVersion: 0,
          reason: 'page is blocked by a read restriction on page 544211126',
          at: T0,
        },
        {
          targetId: 'hooks',
          targetName: 'Knowledge hooks',
          state: 'failed',
          deliveredVersion: 0,
          reason: 'hooks.example.com answered 503',
          at: T0,
        },
      ],
    });
    expect(await byline('pushNow')).toEqual({ error: 'Only people who may edit this page can push it.' });
  });

  it('shows nothing to a viewer who cannot read the page', async () => {
    const { byline, log, queue } = await setUp('site-admin', 'stranger');
    await log.record(record({ at: T0, status: 'failed', reason: 'secret-ish detail' }));
    expect(await byline('getPageStatus')).toEqual({ visible: false });
    expect(await byline('pushNow')).toEqual({ error: 'You cannot read this page, or it does not exist.' });
    expect(queue.pushes).toEqual([]);
  });

  it('lets an editor push the page now: one job for the page from the module context, at once', async () => {
    const { byline, queue } = await setUp('nobody', 'editor');
    expect(await byline('getPageStatus')).toMatchObject({ visible: true, canPush: true, targets: [] });
    expect(await byline('pushNow')).toEqual({ queued: true });
    expect(queue.pushes).toHaveLength(1);
    const body = jobBodySchema.parse(queue.jobs[0]!.body);
    expect(body.event).toMatchObject({ kind: 'page', action: 'reevaluated', pageId: PAGE, actorId: 'acc-1' });
    expect(body.targets).toBeUndefined();
    expect(await byline('pushNow', { isActive: false })).toEqual({
      error: 'Relay pushes nothing without an active licence.',
    });
  });
});
