import { z } from 'zod';

/**
 * The Confluence product-event payloads Relay subscribes to (reference/forge.md §1), parsed
 * leniently: only the fields Relay reads are required, everything else passes through.
 */
const id = z.union([z.string(), z.number()]).transform(String);

const space = z.looseObject({ id: id.optional(), key: z.string() });

const version = z.looseObject({
  number: z.number().int().nonnegative(),
  // Not in the documented Version type; real payloads carry it (UNVERIFIED) — default false.
  minorEdit: z.boolean().optional(),
});

const content = z.looseObject({
  id,
  type: z.string(),
  subType: z.string().optional(),
  status: z.string().optional(),
  title: z.string().optional(),
  space: space.optional(),
  version: version.optional(),
});

const base = {
  eventType: z.string(),
  atlassianId: z.string().optional(),
  eventCreatedDate: z.string().optional(),
  suppressNotifications: z.boolean().optional(),
  selfGenerated: z.boolean().optional(),
  updateTrigger: z.string().optional(),
};

export const pageEventSchema = z.looseObject({
  ...base,
  content,
  prevContent: content.optional(),
  originContentId: id.optional(),
});

export const commentEventSchema = z.looseObject({
  ...base,
  content: content.extend({
    container: z.looseObject({ id, type: z.string() }),
    extensions: z.looseObject({ location: z.string().optional() }).optional(),
  }),
});

export const labelEventSchema = z.looseObject({
  ...base,
  label: z.looseObject({ id: id.optional(), name: z.string(), prefix: z.string().optional() }),
  content: content.optional(),
});

export type PageEventPayload = z.infer<typeof pageEventSchema>;
export type CommentEventPayload = z.infer<typeof commentEventSchema>;
export type LabelEventPayload = z.infer<typeof labelEventSchema>;
