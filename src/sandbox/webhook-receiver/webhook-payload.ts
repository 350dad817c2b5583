import { z } from 'zod';

const Label = z
  .union([z.string(), z.looseObject({ name: z.string() })])
  .transform((l) => (typeof l === 'string' ? l : l.name));

/** `{type, timestamp, data:{pageId, version, title, labels, ...}}` (Standard Webhooks' recommended envelope). */
export const WebhookPayload = z.object({
  type: z
    .string()
    .regex(/^[a-zA-Z0-9_]+(\.[a-zA-Z0-9_]+)*$/, 'type must be dot-separated [a-zA-Z0-9_] words'),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.looseObject({
    pageId: z.union([z.string().regex(/^[0-9]+$/), z.number().int().positive()]).transform(String),
    version: z.number().int().positive().optional(),
    title: z.string().optional(),
    labels: z.array(Label).optional(),
  }),
});

export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const PAGE_TYPES = ['page.created', 'page.updated', 'page.removed'] as const;
export const COMMENT_TYPES = ['comment.created', 'comment.updated', 'comment.deleted'] as const;

/** page.created/updated must say which version and title they carry. */
export function missingFields(payload: WebhookPayload): string[] {
  if (payload.type !== 'page.created' && payload.type !== 'page.updated') return [];
  const missing: string[] = [];
  if (payload.data.version === undefined) missing.push('data.version');
  if (payload.data.title === undefined) missing.push('data.title');
  return missing;
}
