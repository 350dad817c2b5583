import Resolver from '@forge/resolver';
import { z } from 'zod';
import { administeredSpaceKey, isConfluenceAdmin } from '../pipeline/caller-rights';
import { settingsOverview } from '../pipeline/settings-overview';
import { ForgeConfluenceApi } from '../platform/forge/forge-confluence-api';
import { createForgePlatform } from '../platform/forge/forge-platform';

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

const resolver = new Resolver();

/**
 * `getOverview`: global settings for Confluence admins; in space settings, that space's mapping for
 * its admins. Rights are checked here, as the calling user, never taken from the frontend.
 */
resolver.define('getOverview', async ({ context }) => {
  const ctx = contextSchema.parse(context);
  if (!ctx.accountId) return { error: 'Sign in to manage Relay.' };
  const asUser = ForgeConfluenceApi.forUser();
  const space = ctx.extension?.space;
  if (space) {
    const spaceKey = await administeredSpaceKey(asUser, space.id);
    if (!spaceKey) return { error: `Only admins of space ${space.key} can change its mapping.` };
    return settingsOverview(createForgePlatform(), { license: ctx.license }, spaceKey);
  }
  if (!(await isConfluenceAdmin(asUser))) return { error: 'Only Confluence admins can manage Relay.' };
  return settingsOverview(createForgePlatform(), { license: ctx.license });
});

export const adminResolver = resolver.getDefinitions();
