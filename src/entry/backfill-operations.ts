import type Resolver from '@forge/resolver';
import { z } from 'zod';
import { isLicensed } from '../domain/licence';
import { backfillProgress, backfillSpaces, cancelBackfill, startBackfill } from '../pipeline/backfill';
import { reconcileSummary } from '../pipeline/reconcile';
import type { ActivityScope } from './activity-context';
import { forgeDeps, scopedDefiner, type ActivityDeps } from './activity-operations';

const spaceKey = z.string().regex(/^~?[A-Za-z0-9_-]{1,255}$/, 'a space key');
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A look-back date from the date field (`yyyy-MM-dd`), as midnight UTC. */
const since = z
  .string()
  .regex(DAY, 'a date as yyyy-MM-dd')
  .transform((value, ctx) => {
    const at = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: 'custom', message: 'not a calendar date' });
      return z.NEVER;
    }
    return at;
  });
const startSchema = z.object({
  spaceKey: spaceKey.optional(),
  since: since.optional(),
  /** Only count what a backfill would look at (the confirmation step); nothing is queued. */
  dryRun: z.boolean().default(false),
});
const spaceSchema = z.object({ spaceKey: spaceKey.optional() });

type Scope = Exclude<ActivityScope, { error: string }>;

/**
 * The space an operation acts on: space settings act on their own space only (a payload naming
 * another is refused), global settings on the space the payload names.
 */
function targetSpace(scope: Scope, asked: string | undefined): { spaceKey: string } | { error: string } {
  if (scope.kind === 'space') {
    if (asked !== undefined && asked !== scope.spaceKey)
      return { error: `Only space ${scope.spaceKey} can be backfilled from its settings.` };
    return { spaceKey: scope.spaceKey };
  }
  return asked === undefined ? { error: 'Name the space to backfill.' } : { spaceKey: asked };
}

/**
 * Backfill operations on the settings resolver: start a backfill of a space (optionally only pages
 * modified since a date; a dry run first), see the progress (and what the hourly reconcile last
 * found), cancel. Rights are checked server-side as for the
 * Activity tab: a Confluence admin may backfill any mapped space, a space admin only their space.
 */
export function defineBackfillOperations(resolver: Resolver, deps: ActivityDeps = forgeDeps): Resolver {
  const define = scopedDefiner(resolver, deps);
  define('startBackfill', startSchema, async (input, scope, ctx) => {
    if (!isLicensed(ctx)) return { error: 'Relay pushes nothing without an active licence.' };
    const space = targetSpace(scope, input.spaceKey);
    if ('error' in space) return space;
    const platform = deps.platform();
    if (input.since !== undefined && input.since > platform.clock.now())
      return {
        error: 'Invalid request.',
        fields: [{ field: 'since', message: 'the date is in the future' }],
      };
    return startBackfill(platform, space.spaceKey, {
      dryRun: input.dryRun,
      ...(input.since !== undefined && { since: input.since }),
      ...(ctx.accountId !== undefined && { requestedBy: ctx.accountId }),
    });
  });
  define('backfillStatus', z.object({}), async (_input, scope) => {
    const platform = deps.platform();
    const spaces = await backfillSpaces(platform, scope.kind === 'space' ? scope.spaceKey : undefined);
    return {
      spaces: await backfillProgress(platform, spaces),
      reconcile: await reconcileSummary(platform, spaces),
    };
  });
  define('cancelBackfill', spaceSchema, async (input, scope) => {
    const space = targetSpace(scope, input.spaceKey);
    if ('error' in space) return space;
    return cancelBackfill(deps.platform(), space.spaceKey);
  });
  return resolver;
}
