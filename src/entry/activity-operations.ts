import type Resolver from '@forge/resolver';
import { z } from 'zod';
import { isLicensed } from '../domain/licence';
import { describeIssues } from '../domain/settings';
import { dailyCounts, spaceDailyCounts } from '../pipeline/activity-chart';
import { ALL_STATUSES, queryActivity, type ActivityEntry } from '../pipeline/activity-query';
import { previewPage } from '../pipeline/preview';
import { replayAllFailed, replayOne, replayable } from '../pipeline/replay';
import { ReplayProgressRepo } from '../pipeline/replay-progress';
import { SettingsRepo } from '../pipeline/settings-repo';
import { ForgeConfluenceApi } from '../platform/forge/forge-confluence-api';
import { createForgePlatform } from '../platform/forge/forge-platform';
import type { ConfluenceApi } from '../ports/confluence-api';
import type { Platform } from '../ports/platform';
import { activityScope, invocationContextSchema, type ActivityScope } from './activity-context';

const id = z.string().min(1).max(100);
const listSchema = z.object({
  filter: z
    .object({
      targetId: id.optional(),
      spaceKey: id.optional(),
      status: z.enum(ALL_STATUSES).optional(),
      pageId: z.string().regex(/^\d+$/, 'a page id is a number').optional(),
    })
    .default({}),
  cursor: z.string().max(4000).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
const chartSchema = z.object({ days: z.number().int().min(1).max(30).default(14), targetId: id.optional() });
const replaySchema = z.object({ key: z.string().min(1).max(300) });
const replayAllSchema = z.object({ targetId: id });
const previewSchema = z.object({ pageId: z.string().regex(/^\d+$/, 'a page id is a number') });

export interface ActivityDeps {
  platform: () => Platform;
  /** Confluence as the calling user (rights, previews). */
  asUser: () => ConfluenceApi;
}

export const forgeDeps: ActivityDeps = {
  platform: () => createForgePlatform(),
  asUser: () => ForgeConfluenceApi.forUser(),
};

export type Handler<T> = (
  input: T,
  scope: Exclude<ActivityScope, { error: string }>,
  request: Ctx,
) => Promise<unknown>;
type Ctx = z.infer<typeof invocationContextSchema>;

/**
 * Registers operations that check the caller's rights (Confluence admin: everything; space admin in
 * space settings: that space) and validate the payload before the handler runs.
 */
export function scopedDefiner(resolver: Resolver, deps: ActivityDeps) {
  return <T>(key: string, schema: z.ZodType<T>, handler: Handler<T>) =>
    resolver.define(key, async ({ payload, context }) => {
      const ctx = invocationContextSchema.parse(context);
      const scope = await activityScope(ctx, deps.asUser());
      if ('error' in scope) return scope;
      const input = schema.safeParse(payload ?? {});
      if (!input.success) return { error: 'Invalid request.', fields: describeIssues(input.error) };
      return handler(input.data, scope, ctx);
    });
}

/**
 * Registers the Activity tab's operations on the settings page's resolver: the log (newest first,
 * filtered, paged), the daily chart, Replay (one failure, or all failures of a target) and the
 * dry-run preview of a page. Each checks the caller's rights server-side: Confluence admins see
 * everything, a space admin (space settings) only that space. Replay enqueues and returns at once.
 */
export function defineActivityOperations(resolver: Resolver, deps: ActivityDeps = forgeDeps): Resolver {
  const define = scopedDefiner(resolver, deps);

  const spaceOf = (scope: Exclude<ActivityScope, { error: string }>) =>
    scope.kind === 'space' ? scope.spaceKey : undefined;

  define('listActivity', listSchema, async (input, scope) => {
    const platform = deps.platform();
    const all = (await new SettingsRepo(platform.store, platform.log).load()).targets;
    // As on the settings overview: a space admin sees the targets on offer (enabled ones) by name.
    const targets = scope.kind === 'space' ? all.filter((t) => t.enabled) : all;
    const filter = { ...input.filter, ...(scope.kind === 'space' && { spaceKey: scope.spaceKey }) };
    const page = await queryActivity(platform.store, filter, input.limit, input.cursor);
    const replays = await new ReplayProgressRepo(platform.store).forTargets(
      targets.map((t) => t.id),
      spaceOf(scope),
    );
    return {
      scope: scope.kind,
      targets: targets.map((t) => ({ id: t.id, name: t.name })),
      replays,
      entries: page.entries.map(toView),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  });
  define('activityChart', chartSchema, async (input, scope) => {
    const platform = deps.platform();
    if (scope.kind === 'space')
      return spaceDailyCounts(
        platform.store,
        scope.spaceKey,
        input.days,
        platform.clock.now(),
        input.targetId,
      );
    const targets = (await new SettingsRepo(platform.store, platform.log).load()).targets;
    const ids = input.targetId ? [input.targetId] : targets.map((t) => t.id);
    return { days: await dailyCounts(platform.store, ids, input.days, platform.clock.now()) };
  });
  define('replayDelivery', replaySchema, async (input, scope, ctx) => {
    if (!isLicensed(ctx)) return { error: 'Relay pushes nothing without an active licence.' };
    return replayOne(deps.platform(), input.key, spaceOf(scope));
  });
  define('replayFailed', replayAllSchema, async (input, scope, ctx) => {
    if (!isLicensed(ctx)) return { error: 'Relay pushes nothing without an active licence.' };
    const platform = deps.platform();
    const targets = (await new SettingsRepo(platform.store, platform.log).load()).targets;
    if (!targets.some((t) => t.id === input.targetId)) return { error: `No target ${input.targetId}.` };
    return replayAllFailed(platform, input.targetId, {
      spaceKey: spaceOf(scope),
      requestedBy: ctx.accountId,
    });
  });
  define('previewPage', previewSchema, async (input) =>
    previewPage(deps.platform(), deps.asUser(), input.pageId),
  );
  return resolver;
}

/** A log line for the Activity table: what happened and why, never a secret (the log holds none). */
function toView(entry: ActivityEntry) {
  return {
    key: entry.key,
    at: entry.at,
    targetId: entry.targetId,
    pageId: entry.pageId,
    spaceKey: entry.spaceKey,
    version: entry.version,
    action: entry.action,
    event: entry.event,
    status: entry.status,
    attempt: entry.attempt,
    ...(entry.reason !== undefined && { reason: entry.reason }),
    ...(entry.httpStatus !== undefined && { httpStatus: entry.httpStatus }),
    replayable: replayable(entry),
  };
}

export type ActivityView = ReturnType<typeof toView>;
