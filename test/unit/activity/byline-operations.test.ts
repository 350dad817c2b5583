/** The preview (from settings and from the byline) and the byline's operations (resolver-kit.ts). */
import { jobBodySchema } from '../../../src/domain/job-body';
import { STORAGE_BODY } from '../entry/confluence-replies';
import { record, T0 } from './activity-kit';
import { setUp } from './resolver-kit';
import { PAGE } from './user-site';

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
