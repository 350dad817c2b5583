import { z } from 'zod';
import { parseSelector } from './label-expression';

/**
 * Settings: one stored item per target and one per space mapping, each with a `rev` for
 * compare-and-set. Later target kinds extend `targetSchema`; later filters extend the mapping.
 */
export const targetIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lowercase letters, digits and dashes');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** HTTPS only; plain http is accepted for loopback receivers (the offline sandbox) alone. */
export const webhookUrlSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      if (url.username || url.password) return false;
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
    } catch {
      return false;
    }
  },
  { message: 'must be an https:// URL without credentials' },
);

const labelName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s,{}]+$/, 'a label has no spaces, commas or braces');

/** A selector expression such as `MKT{marketing, pricing}, OPS`; errors give the position. */
export const selectorSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseSelector(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

const targetBase = {
  id: targetIdSchema,
  name: z.string().trim().min(1, 'must not be empty').max(80),
  enabled: z.boolean().default(true),
  /** Why Relay switched the target off (e.g. the receiver answered 410 Gone). */
  disabledReason: z.string().optional(),
  /** When set, this expression alone selects the target's pages (instead of space mappings). */
  selector: selectorSchema.optional(),
  /** With a selector: content-state names a page needs; unset: no verified gate. */
  selectorVerifiedStates: z.array(z.string().trim().min(1)).min(1).optional(),
  /** A page that stops being eligible is removed from the target, or kept there. */
  whenIneligible: z.enum(['remove', 'keep']).default('remove'),
  rev: z.number().int().min(0).default(0),
  updatedAt: z.number().int().min(0).default(0),
};

/** `storage` is the page's own XHTML; the others come from the converter. */
export const WEBHOOK_FORMATS = ['storage', 'html', 'markdown', 'bbcode', 'text'] as const;

export const webhookTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('webhook'),
  url: webhookUrlSchema,
  /** What happens at the receiver when a page leaves (trash, delete, unmapped): notify or not. */
  sendRemovals: z.boolean().default(true),
  sendComments: z.boolean().default(true),
  formats: z.array(z.enum(WEBHOOK_FORMATS)).default(['storage']),
  timeoutSeconds: z.number().int().min(1).max(60).default(15),
});

/** Who sees an article in Halo: Confluence restrictions do not carry over by themselves. */
export const haloVisibilitySchema = z.union([
  z.literal('everyone'),
  z.literal('agents'),
  z.object({ teams: z.array(z.number().int().positive()).min(1) }),
]);

/** A Halo FAQ list id, or `auto`: one list per space, named after it, created once and reused. */
const faqListChoice = z.union([z.number().int().positive(), z.literal('auto')]);

export const haloTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('halo'),
  /** The resource server, e.g. https://acme.halopsa.com (its API lives under /api). */
  baseUrl: webhookUrlSchema,
  /** The auth server; discovered through /api/authinfo when unset, else `{baseUrl}/auth`. */
  authUrl: webhookUrlSchema.optional(),
  /** Hosted Halo needs the tenant on the token request. */
  tenant: z.string().trim().min(1).optional(),
  clientId: z.string().trim().min(1, 'must not be empty'),
  /** OAuth scope asked for; `all` is what Halo's docs suggest. */
  scope: z.string().trim().min(1).default('all'),
  faqLists: z.record(z.string(), faqListChoice).default({}),
  defaultFaqList: faqListChoice.default('auto'),
  /** A configured FAQ list deleted in Halo: create it again, or report the failure. */
  onMissingFaqList: z.enum(['recreate', 'report']).default('recreate'),
  /** A change made in Halo since the last push: overwrite it (logged) or keep it (flagged). */
  handEdits: z.enum(['overwrite', 'keep']).default('overwrite'),
  /** Trashed or deleted pages: delete the article, or keep it. */
  onRemove: z.enum(['delete', 'keep']).default('delete'),
  /** Who sees the articles: everyone, agents only, or chosen Halo team ids. */
  visibility: haloVisibilitySchema.default('everyone'),
});

/** A Bitrix24 user field (`UF_…`) on tasks that holds Confluence page URLs. */
export const bitrixUserFieldSchema = z
  .string()
  .trim()
  .regex(/^UF_[A-Z0-9_]{1,50}$/, 'must be a task user field such as UF_CONFLUENCE_URL');

/** A Bitrix24 chat or person to message: `chat123`, or a user id. */
export const bitrixDialogIdSchema = z
  .string()
  .trim()
  .regex(/^(chat\d+|\d+)$/, 'must be a chat id such as chat42, or a user id');

/**
 * Bitrix24 through an inbound webhook: the webhook URL (`https://portal/rest/{user}/{code}/`) is a
 * secret (secret storage, `secretKeys.bitrixWebhookUrl`); the settings keep the portal's address
 * so the egress check and the page can name the host without the secret.
 */
export const bitrixTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('bitrix24'),
  /** The portal, e.g. https://acme.bitrix24.com; the webhook URL must be on this host. */
  portalUrl: webhookUrlSchema,
  /** The task field holding page URLs. */
  userField: bitrixUserFieldSchema.default('UF_CONFLUENCE_URL'),
  /** Language of the default message texts. */
  language: z.enum(['en', 'ru']).default('en'),
  /** Task comment on update; placeholders {title}, {author}, {date}, {url}. Unset: the default. */
  updateTemplate: z.string().trim().min(1).max(2000).optional(),
  /** Task comment when the page is trashed or deleted; same placeholders. */
  removeTemplate: z.string().trim().min(1).max(2000).optional(),
  /** Who hears of a new comment on a linked page: each task's author, or its responsible person. */
  commentRecipient: z.enum(['author', 'responsible']).default('author'),
  /** Message the page's watchers personally when it changes. */
  notifyWatchers: z.boolean().default(false),
  /** Confluence account id → Bitrix24 user id, for people whose e-mail is not visible. */
  userMap: z.record(z.string().min(1), z.number().int().positive()).default({}),
  /** Filter tasks by the user field on the portal (only where it is proven to work). */
  serverSideFilter: z.enum(['auto', 'off']).default('auto'),
});

export const targetSchema = z.discriminatedUnion('kind', [
  webhookTargetSchema,
  haloTargetSchema,
  bitrixTargetSchema,
]);

export const spaceMappingSchema = z.object({
  spaceKey: z.string().regex(/^~?[A-Za-z0-9]{1,255}$/, 'must be a Confluence space key'),
  targets: z
    .array(
      z.object({
        targetId: targetIdSchema,
        /** Opt-in: also push pages with read restrictions (default deny). */
        pushRestricted: z.boolean().default(false),
        /** No labels: the whole space. Global labels only. */
        labels: z
          .object({
            include: z.array(labelName).default([]),
            exclude: z.array(labelName).default([]),
            match: z.enum(['any', 'all']).default('any'),
          })
          .optional(),
        verifiedOnly: z.boolean().default(false),
        /** Halo targets: who sees this space's articles, instead of the target's default. */
        haloVisibility: haloVisibilitySchema.optional(),
        verifiedStates: z.array(z.string().trim().min(1)).min(1).default(['Verified']),
        /** Only pages below this page. */
        subtreeRootId: z.string().regex(/^\d+$/, 'must be a page id').optional(),
        /** Bitrix24 targets: the chat told of new pages in this space (DIALOG_ID). */
        bitrixDialogId: bitrixDialogIdSchema.optional(),
        /** Bitrix24 targets: tell that chat of updates too, not only new pages. */
        bitrixNotifyUpdates: z.boolean().default(false),
        /** Bitrix24 targets: this space's task field, instead of the target's. */
        bitrixUserField: bitrixUserFieldSchema.optional(),
      }),
    )
    .max(25),
  rev: z.number().int().min(0).default(0),
  updatedAt: z.number().int().min(0).default(0),
});

export type TargetSettings = z.infer<typeof targetSchema>;
export type WebhookTargetSettings = z.infer<typeof webhookTargetSchema>;
export type HaloTargetSettings = z.infer<typeof haloTargetSchema>;
export type BitrixTargetSettings = z.infer<typeof bitrixTargetSchema>;
export type HaloVisibility = z.infer<typeof haloVisibilitySchema>;
export type SpaceMapping = z.infer<typeof spaceMappingSchema>;
export type TargetKind = TargetSettings['kind'];

export interface Settings {
  targets: TargetSettings[];
  mappings: SpaceMapping[];
}

/** Validation errors that name the field, for resolvers and the CLI. */
export function describeIssues(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', message: issue.message }));
}
