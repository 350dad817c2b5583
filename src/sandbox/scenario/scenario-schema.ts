import { z } from 'zod';

/** The sandbox scenario format (YAML; documented in README.md, "Scenarios"). */
const ref = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');
const after = { after: z.number().min(0).max(86_400).optional() };
/** `lost`: Confluence makes the change but its event never reaches the trigger (for the reconcile). */
const on = { page: ref, lost: z.boolean().optional(), ...after };

const faultStep = z.union([
  z.object({
    status: z.number().int().min(100).max(599),
    retryAfterSeconds: z.number().int().min(0).optional(),
    times: z.number().int().min(1),
  }),
  z.object({ hang: z.literal(true), times: z.number().int().min(1) }),
  z.object({ downForSeconds: z.number().min(0), status: z.number().int().optional() }),
  z.object({ gone: z.literal(true) }),
]);

const pageSeed = z.object({
  ref,
  space: z.string(),
  title: z.string().min(1),
  parent: ref.optional(),
  /** A file relative to the scenario (`*.xml`) or inline storage XHTML. */
  body: z.string(),
  author: z.string(),
  labels: z.array(z.string()).default([]),
  state: z.string().optional(),
  restrictions: z
    .object({ read: z.array(z.string()).default([]), update: z.array(z.string()).default([]) })
    .optional(),
});

export const stepSchema = z.discriminatedUnion('do', [
  pageSeed.extend({ do: z.literal('create-page'), ...after }),
  z.object({
    do: z.literal('update-page'),
    ...on,
    title: z.string().optional(),
    body: z.string().optional(),
    minorEdit: z.boolean().optional(),
    by: z.string().optional(),
    suppressNotifications: z.boolean().optional(),
  }),
  z.object({
    do: z.enum(['trash-page', 'restore-page', 'delete-page', 'archive-page', 'unarchive-page']),
    ...on,
  }),
  z.object({ do: z.literal('move-page'), ...on, parent: ref.optional(), space: z.string().optional() }),
  z.object({ do: z.literal('copy-page'), ...on, ref, title: z.string().optional() }),
  z.object({
    do: z.literal('set-restrictions'),
    ...on,
    read: z.array(z.string()).default([]),
    update: z.array(z.string()).default([]),
  }),
  z.object({ do: z.enum(['add-label', 'remove-label']), ...on, label: z.string() }),
  z.object({ do: z.literal('set-state'), ...on, state: z.string().nullable() }),
  z.object({
    do: z.literal('add-comment'),
    ...on,
    ref,
    body: z.string(),
    author: z.string(),
    location: z.enum(['footer', 'inline']).default('footer'),
  }),
  z.object({ do: z.literal('update-comment'), comment: ref, body: z.string(), ...after }),
  z.object({ do: z.literal('delete-comment'), comment: ref, ...after }),
  z.object({ do: z.literal('set-faults'), target: z.string(), faults: z.array(faultStep), ...after }),
  z.object({ do: z.literal('wait'), seconds: z.number().min(0).max(86_400) }),
  z.object({ do: z.literal('raw-event'), payload: z.unknown(), ...after }),
  z.object({ do: z.literal('redeliver'), ...after }),
  z.object({ do: z.literal('reconcile'), ...after }),
  z.object({
    do: z.literal('backfill'),
    space: z.string(),
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-MM-dd')
      .optional(),
    ...after,
  }),
]);

const expectedPage = z.object({
  present: z.boolean(),
  version: z.number().int().optional(),
  title: z.string().optional(),
  labels: z.array(z.string()).optional(),
});

export const scenarioSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  seed: z.number().int().default(1),
  users: z.array(z.object({ accountId: z.string(), displayName: z.string(), email: z.string().optional() })),
  spaces: z.array(z.object({ key: z.string(), name: z.string() })),
  pages: z.array(pageSeed).default([]),
  targets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['webhook', 'halo', 'bitrix24']),
      secrets: z.number().int().min(1).max(3).default(1),
      /** Bitrix24 targets: the portal's chats and the tasks that link pages, before the scenario. */
      bitrix: z
        .object({
          chats: z.array(ref).default([]),
          tasks: z
            .array(
              z.object({
                ref,
                title: z.string().min(1),
                pages: z.array(ref).min(1),
                form: z.enum(['url', 'tiny', 'pageId']).default('url'),
                chatMember: z.boolean().optional(),
              }),
            )
            .default([]),
          /** Pages no message may ever name (e.g. read-restricted ones). */
          secretPages: z.array(ref).default([]),
        })
        .default({ chats: [], tasks: [], secretPages: [] }),
      faults: z.array(faultStep).default([]),
      settings: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
  mappings: z.array(
    z.object({
      space: z.string(),
      targets: z.array(
        z.union([
          z.string(),
          z.object({
            id: z.string(),
            pushRestricted: z.boolean().optional(),
            labels: z
              .object({
                include: z.array(z.string()).optional(),
                exclude: z.array(z.string()).optional(),
                match: z.enum(['any', 'all']).optional(),
              })
              .optional(),
            verifiedOnly: z.boolean().optional(),
            verifiedStates: z.array(z.string()).optional(),
            /** A page ref: only pages below it. */
            subtree: ref.optional(),
            haloVisibility: z.unknown().optional(),
            /** Bitrix24: a chat of the target (by name) told of new pages. */
            bitrixChat: ref.optional(),
            bitrixNotifyUpdates: z.boolean().optional(),
          }),
        ]),
      ),
    }),
  ),
  steps: z.array(stepSchema),
  expect: z.object({
    targets: z.record(
      z.string(),
      z.object({
        pages: z.record(ref, expectedPage).default({}),
        enabled: z.boolean().optional(),
        /** Bitrix24: messages per task ref and per chat, and personal messages in all. */
        tasks: z.record(ref, z.number().int().min(0)).optional(),
        chats: z.record(ref, z.number().int().min(0)).optional(),
        people: z.number().int().min(0).optional(),
      }),
    ),
    rejectedEvents: z.number().int().min(0).optional(),
  }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Step = z.infer<typeof stepSchema>;
export type FaultSpec = z.infer<typeof faultStep>;
