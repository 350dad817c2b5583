import type Resolver from '@forge/resolver';
import { isLicensed } from '../domain/licence';
import { pageAccess } from '../pipeline/page-rights';
import { pageStatus } from '../pipeline/page-status';
import { CANNOT_READ, previewPage } from '../pipeline/preview';
import { pushNowJob } from '../pipeline/replay';
import { SettingsRepo } from '../pipeline/settings-repo';
import { bylineContextSchema } from './activity-context';
import type { ActivityDeps } from './activity-operations';

/**
 * The byline of a page: its status per target, "Push now", and the dry-run preview. The page is the
 * one the byline sits on (module context), never one named in the payload. Everything is read as
 * the viewing user: a user who cannot read the page gets nothing; Push now needs the right to edit.
 */
export function defineBylineOperations(resolver: Resolver, deps: ActivityDeps): Resolver {
  const pageOf = (context: unknown) => {
    const ctx = bylineContextSchema.parse(context);
    return { ctx, pageId: ctx.accountId ? ctx.extension?.content?.id : undefined };
  };

  resolver.define('getPageStatus', async ({ context }) => {
    const { pageId } = pageOf(context);
    if (!pageId) return { visible: false };
    const access = await pageAccess(deps.asUser(), pageId);
    if (!access.read) return { visible: false };
    const platform = deps.platform();
    const settings = await new SettingsRepo(platform.store, platform.log).load();
    const targets = await pageStatus(platform.store, settings.targets, pageId, access.version);
    return { visible: true, version: access.version, canPush: access.edit, targets };
  });

  resolver.define('pushNow', async ({ context }) => {
    const { ctx, pageId } = pageOf(context);
    if (!pageId) return { error: CANNOT_READ };
    const access = await pageAccess(deps.asUser(), pageId);
    if (!access.read) return { error: CANNOT_READ };
    if (!access.edit) return { error: 'Only people who may edit this page can push it.' };
    if (!isLicensed(ctx)) return { error: 'Relay pushes nothing without an active licence.' };
    const platform = deps.platform();
    await platform.queue.push([pushNowJob(pageId, ctx.accountId, platform.clock.now())]);
    return { queued: true };
  });

  resolver.define('previewThisPage', async ({ context }) => {
    const { pageId } = pageOf(context);
    if (!pageId) return { error: CANNOT_READ };
    return previewPage(deps.platform(), deps.asUser(), pageId);
  });
  return resolver;
}
