import Resolver from '@forge/resolver';
import { defineActivityOperations } from './activity-operations';
import { defineBackfillOperations } from './backfill-operations';
import { z } from 'zod';
import { administeredSpaceKey, isConfluenceAdmin } from '../pipeline/caller-rights';
import type { Refusal, SettingsScope } from '../pipeline/settings/settings-api';
import { SETTINGS_OPERATIONS, runSettingsOperation } from '../pipeline/settings-service';
import { ForgeConfluenceApi } from '../platform/forge/forge-confluence-api';
import { createForgePlatform } from '../platform/forge/forge-platform';

/**
 * The invocation context the settings modules get. For `confluence:spaceSettings` the extension
 * names the space as `space: {id, key}` (reference/forge.md §6: field names UNVERIFIED on a live
 * site); only the id is used, and the key is Confluence's own answer (caller-rights.ts).
 */
const contextSchema = z.looseObject({
  accountId: z.string().optional(),
  license: z.looseObject({ isActive: z.boolean().optional() }).nullish(),
  extension: z
    .looseObject({
      space: z
        .looseObject({ id: z.union([z.string(), z.number()]).transform(String), key: z.string() })
        .optional(),
    })
    .optional(),
});
type CallContext = z.infer<typeof contextSchema>;

/**
 * Who the caller is and what they may change, read as the calling user, never taken from the page:
 * in space settings (the module context names the space) an admin of that space gets that space;
 * elsewhere a Confluence admin gets everything. `accountId` and `license` are the platform's
 * (@forge/resolver overwrites what the frontend sends).
 */
export async function authorise(ctx: CallContext): Promise<SettingsScope | Refusal> {
  if (!ctx.accountId) return { code: 'signIn' };
  const asUser = ForgeConfluenceApi.forUser();
  const space = ctx.extension?.space;
  if (space) {
    const spaceKey = await administeredSpaceKey(asUser, space.id);
    return spaceKey ? { kind: 'space', spaceKey } : { code: 'notSpaceAdmin', spaceKey: space.key };
  }
  return (await isConfluenceAdmin(asUser)) ? { kind: 'global' } : { code: 'notConfluenceAdmin' };
}

const resolver = new Resolver();

for (const operation of SETTINGS_OPERATIONS) {
  resolver.define(operation, async ({ payload, context }) => {
    const ctx = contextSchema.parse(context);
    const scope = await authorise(ctx);
    if ('code' in scope) return { status: 'refused', refusal: scope };
    return runSettingsOperation(operation, scope, payload, createForgePlatform(), { license: ctx.license });
  });
}

// The Activity tab's operations (delivery log, chart, replay, preview), with their own rights checks.
defineActivityOperations(resolver);
// Backfill of a space (start, progress, cancel), with the same rights checks.
defineBackfillOperations(resolver);

export const adminResolver = resolver.getDefinitions();
