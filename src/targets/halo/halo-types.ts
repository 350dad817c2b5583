import { z } from 'zod';

/**
 * Halo's answers, parsed leniently: unknown fields are ignored, missing or odd optional fields get
 * defaults; only an `id` is required of a record (targets.md A.4/A.5 mark most shapes UNVERIFIED).
 */
const text = z.string().catch('');
const optionalText = z.string().optional().catch(undefined);
const flag = z.boolean().catch(false);

/** Keeps the elements that have an integer `id` (plus `name` when there is one). */
const refs = z
  .array(z.unknown())
  .catch([])
  .transform((items) =>
    items.flatMap((item) => {
      const ref = z.looseObject({ id: z.number().int(), name: optionalText }).safeParse(item).data;
      return ref === undefined
        ? []
        : [ref.name === undefined ? { id: ref.id } : { id: ref.id, name: ref.name }];
    }),
  );

/** `tag_string` as Halo sends it, or built from `tags: [{text}]` when only those come. */
function tagString(raw: string | undefined, tagObjects: unknown): string {
  if (raw !== undefined) return raw;
  const parsed = z.array(z.looseObject({ text: z.string() })).safeParse(tagObjects);
  return parsed.success ? parsed.data.map((tag) => tag.text).join(',') : '';
}

/** The tags of a `tag_string`, trimmed, without empty ones. */
export function splitTags(tagStringValue: string): string[] {
  return tagStringValue
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const summaryFields = {
  id: z.number().int(),
  name: text,
  tag_string: optionalText,
  tags: z.unknown().optional(),
  date_created: optionalText,
  date_edited: optionalText,
};

export const haloArticleSummarySchema = z.looseObject(summaryFields).transform((a) => ({
  id: a.id,
  name: a.name,
  tag_string: tagString(a.tag_string, a.tags),
  date_created: a.date_created,
  date_edited: a.date_edited,
}));

export const haloArticleSchema = z
  .looseObject({
    ...summaryFields,
    description: text,
    description_html: text,
    resolution: text,
    resolution_html: text,
    faqlists: refs,
    teams: refs,
    showforall: flag,
    attachments: z
      .array(z.unknown())
      .catch([])
      .transform((items) =>
        items.flatMap(
          (item) => z.looseObject({ id: z.number().int(), filename: text }).safeParse(item).data ?? [],
        ),
      ),
    editor_name: optionalText,
  })
  .transform((a) => ({
    id: a.id,
    name: a.name,
    description: a.description,
    description_html: a.description_html,
    resolution: a.resolution,
    resolution_html: a.resolution_html,
    tag_string: tagString(a.tag_string, a.tags),
    faqlists: a.faqlists,
    teams: a.teams.map((team) => ({ id: team.id })),
    showforall: a.showforall,
    attachments: a.attachments.map((x) => ({ id: x.id, filename: x.filename })),
    date_created: a.date_created,
    date_edited: a.date_edited,
    editor_name: a.editor_name,
  }));

export const haloFaqListSchema = z
  .looseObject({
    id: z.number().int(),
    name: text,
    showforall: flag,
    group_id: z.number().int().catch(0),
    article_count: z.number().int().optional().catch(undefined),
  })
  .transform((l) => ({
    id: l.id,
    name: l.name,
    showforall: l.showforall,
    group_id: l.group_id,
    article_count: l.article_count,
  }));

/** `GET /api/KBArticle` → `{record_count, articles: [...]}`; records without an id are dropped. */
export const haloArticlePageSchema = z.looseObject({
  record_count: z.number().int().optional().catch(undefined),
  articles: z
    .array(z.unknown())
    .catch([])
    .transform((items) => items.flatMap((item) => haloArticleSummarySchema.safeParse(item).data ?? [])),
});

/** `GET /api/FAQLists`: a bare array, or HAPI's `{FAQLists: [...]}` wrapper (targets.md A.5). */
export const haloFaqListsSchema = z
  .union([
    z.array(z.unknown()),
    z.looseObject({ FAQLists: z.array(z.unknown()) }).transform((w) => w.FAQLists),
  ])
  .transform((items) => items.flatMap((item) => haloFaqListSchema.safeParse(item).data ?? []));

export const haloImageLinkSchema = z.looseObject({ link: z.string().min(1) });

export const haloTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  /** Seconds; HALO-TS falls back to 55 minutes when it is missing. */
  expires_in: z.coerce.number().positive().catch(3300),
});

export const haloAuthInfoSchema = z.looseObject({
  auth_url: z.string().optional().catch(undefined),
  tenant_id: z.string().optional().catch(undefined),
});

export type HaloArticle = z.output<typeof haloArticleSchema>;
export type HaloArticleSummary = z.output<typeof haloArticleSummarySchema>;
export type HaloFaqList = z.output<typeof haloFaqListSchema>;

/**
 * An article to create (no `id`) or update (`id`: only the fields given change), in Halo's own
 * field names (targets.md A.4). `description_html` mirrors `description` unless given.
 */
export interface HaloArticleInput {
  id?: number;
  name: string;
  /** HTML. */
  description?: string;
  description_html?: string;
  resolution?: string;
  /** Comma-separated tags. */
  tag_string?: string;
  faqlists?: Array<{ id: number }>;
  showforall?: boolean;
  /** Agent teams that may see the article. */
  teams?: Array<{ id: number }>;
  /** Attachments to keep (`{id}`) and to add (base64); a given list replaces the set. */
  attachments?: Array<
    { id: number } | { filename: string; data_base64: string; desc?: string; showforusers?: boolean }
  >;
}

export interface HaloFaqListInput {
  id?: number;
  name: string;
  showforall?: boolean;
}

export type HaloConnectionTest = { ok: true; faqLists: number } | { ok: false; reason: string };
