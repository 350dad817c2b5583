import { z } from 'zod';
import type { ConfluenceApi } from '../ports/confluence-api';
import { administeredSpaceKey, isConfluenceAdmin } from '../pipeline/caller-rights';

const idOf = z.union([z.string(), z.number()]).transform(String);

/**
 * The invocation context the Activity and byline resolvers use. `accountId` and `license` are set by
 * the Forge runtime (never by the frontend); `extension.space` in space settings; `extension.content`
 * on a page's byline (field names per Forge's Confluence module contexts, UNVERIFIED live).
 */
const caller = {
  accountId: z.string().optional(),
  license: z.looseObject({ isActive: z.boolean().optional() }).nullish(),
};

export const invocationContextSchema = z.looseObject({
  ...caller,
  extension: z.looseObject({ space: z.looseObject({ id: idOf, key: z.string() }).optional() }).optional(),
});

/** The byline needs the page only; the space it may carry is not used. */
export const bylineContextSchema = z.looseObject({
  ...caller,
  extension: z.looseObject({ content: z.looseObject({ id: idOf }).optional() }).optional(),
});

export type InvocationContext = z.infer<typeof invocationContextSchema>;

/** Who may see the log: a Confluence admin all of it, a space admin that space's part. */
export type ActivityScope = { kind: 'global' } | { kind: 'space'; spaceKey: string } | { error: string };

/** Rights are read from Confluence as the caller, never taken from the payload. */
export async function activityScope(ctx: InvocationContext, asUser: ConfluenceApi): Promise<ActivityScope> {
  if (!ctx.accountId) return { error: 'Sign in to see Relay activity.' };
  const space = ctx.extension?.space;
  if (space) {
    const spaceKey = await administeredSpaceKey(asUser, space.id);
    return spaceKey
      ? { kind: 'space', spaceKey }
      : { error: `Only admins of space ${space.key} can see its Relay activity.` };
  }
  return (await isConfluenceAdmin(asUser))
    ? { kind: 'global' }
    : { error: 'Only Confluence admins can see Relay activity.' };
}
