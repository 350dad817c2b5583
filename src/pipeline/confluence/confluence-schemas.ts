import { z } from 'zod';

/** The parts of Confluence REST responses Relay reads (reference/confluence.md §1), parsed leniently. */
export const labelSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string(),
  prefix: z.string().default('global'),
});

export const labelsPageSchema = z.looseObject({
  results: z.array(labelSchema),
  _links: z.looseObject({ next: z.string().optional() }).optional(),
});

export const pageSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  title: z.string(),
  spaceId: z.string(),
  parentId: z.string().nullish(),
  authorId: z.string().optional(),
  version: z.looseObject({
    number: z.number().int(),
    minorEdit: z.boolean().default(false),
    authorId: z.string().optional(),
    createdAt: z.string().optional(),
    message: z.string().optional(),
  }),
  body: z.looseObject({
    storage: z.looseObject({ value: z.string() }).optional(),
  }),
  labels: z
    .looseObject({
      results: z.array(labelSchema),
      meta: z.looseObject({ hasMore: z.boolean().default(false), cursor: z.string().nullish() }).optional(),
    })
    .optional(),
  _links: z.looseObject({
    webui: z.string().optional(),
    tinyui: z.string().optional(),
    base: z.string().optional(),
  }),
});

export const spaceSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string().optional() });

export const commentSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  pageId: z.string().optional(),
  version: z.looseObject({
    number: z.number().int(),
    authorId: z.string().optional(),
    createdAt: z.string().optional(),
  }),
  body: z.looseObject({ storage: z.looseObject({ value: z.string() }).optional() }),
  _links: z.looseObject({ webui: z.string().optional() }).optional(),
});

export const userSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  publicName: z.string().optional(),
});

const restrictionList = z.looseObject({
  results: z.array(z.unknown()).default([]),
  size: z.number().optional(),
});
export const readRestrictionSchema = z.looseObject({
  restrictions: z
    .looseObject({ user: restrictionList.optional(), group: restrictionList.optional() })
    .optional(),
});

const withReadRestrictions = {
  id: z.string(),
  restrictions: z.looseObject({ read: readRestrictionSchema.optional() }).optional(),
};

/** v1 content with ancestors and, where asked, the page's and the ancestors' read restrictions. */
export const contentWithRestrictionsSchema = z.looseObject({
  ...withReadRestrictions,
  ancestors: z.array(z.looseObject(withReadRestrictions)).default([]),
});

export const contentStateSchema = z.looseObject({
  contentState: z.looseObject({ name: z.string() }).nullable().default(null),
});

/** v1 CQL content search: `{results, _links.next}` with an opaque cursor in `next`. */
export const searchPageSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      id: z.string(),
      /**
       * With `expand=version`: the current version and when it was made. UNVERIFIED that this is the
       * date CQL's `lastmodified` orders and filters by (a change that makes no version may move it).
       */
      version: z.looseObject({ number: z.number().int(), when: z.string() }).optional(),
    }),
  ),
  _links: z.looseObject({ next: z.string().optional() }).optional(),
});

/** v1 site search (`/wiki/rest/api/search`): only the count of matches is read. */
export const searchCountSchema = z.looseObject({ totalSize: z.number().int().min(0) });

/** `GET /wiki/rest/api/content/{id}/notification/created`: watches of a page. */
export const watchersSchema = z.object({
  results: z.array(
    z.object({
      watcher: z.object({ accountId: z.string().optional(), email: z.string().optional() }).optional(),
    }),
  ),
});
