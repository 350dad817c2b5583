import { invalid, notFound } from './halo-error';
import type { ArticleChanges, AttachmentInput } from './halo-records';
import type { JsonObject } from './json-body';
import { optBool, optIdList, optObjectList, optString, recordId } from './json-body';
import type { HaloEnv } from './route-types';

export type ArticleWrite =
  { kind: 'create'; changes: ArticleChanges } | { kind: 'update'; id: number; changes: ArticleChanges };

const HTML_FIELDS = ['description', 'description_html', 'resolution', 'resolution_html'] as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A body Halo refuses, simulated: any `<script` (case-insensitive) in an HTML field, or a field
 * longer than `maxArticleBodyChars`. UNVERIFIED: Halo's real rules (it may sanitise instead); the
 * message mimics ASP.NET request validation.
 */
function htmlField(record: JsonObject, key: (typeof HTML_FIELDS)[number], max: number): string | undefined {
  const value = optString(record, key);
  if (value === undefined) return undefined;
  if (/<script/i.test(value))
    throw invalid(`A potentially dangerous value was detected in '${key}' (<script>)`);
  if (value.length > max) throw invalid(`'${key}' is longer than the maximum of ${max} characters`);
  return value;
}

/** `tag_string` (comma-separated) wins over `tags: [{text}]`; trimmed, empty and repeated tags dropped. */
function readTags(record: JsonObject): string[] | undefined {
  const tagString = optString(record, 'tag_string');
  const texts =
    tagString?.split(',') ??
    optObjectList(record, 'tags')?.map((tag) => {
      if (typeof tag.text !== 'string') throw invalid("Every entry of 'tags' needs a string 'text'");
      return tag.text;
    });
  if (texts === undefined) return undefined;
  const tags: string[] = [];
  for (const text of texts.map((t) => t.trim())) {
    if (text !== '' && !tags.some((tag) => tag.toLowerCase() === text.toLowerCase())) tags.push(text);
  }
  return tags;
}

function readAttachments(record: JsonObject, existing: number[]): AttachmentInput[] | undefined {
  return optObjectList(record, 'attachments')?.map((item): AttachmentInput => {
    const id = recordId(item);
    if (id > 0) {
      if (!existing.includes(id)) throw invalid(`Attachment ${id} does not belong to this article`);
      return { kind: 'keep', id };
    }
    const filename = optString(item, 'filename');
    const data = optString(item, 'data_base64');
    if (filename === undefined || filename.trim() === '') throw invalid('An attachment needs a filename');
    if (data === undefined || data === '' || !BASE64.test(data))
      throw invalid(`Attachment '${filename}' needs its content in data_base64`);
    return {
      kind: 'new',
      filename,
      data: Buffer.from(data, 'base64'),
      desc: optString(item, 'desc') ?? '',
      showforusers: optBool(item, 'showforusers') ?? true,
    };
  });
}

function checkKnown(ids: number[] | undefined, known: (id: number) => boolean, what: string): void {
  const unknown = ids?.find((id) => !known(id));
  if (unknown !== undefined) throw invalid(`${what} ${unknown} does not exist`);
}

/**
 * One element of `POST /api/KBArticle`: `id` absent or 0 creates, an existing id updates (only the
 * fields sent change), an unknown or deleted id is a 404 (HAPI checks existence before updating;
 * UNVERIFIED what Halo itself does). `name` is required on create and cannot be blanked
 * (targets.md A.4: the safe assumption). FAQ lists and teams must exist (400).
 */
export function parseArticleWrite(record: JsonObject, env: HaloEnv): ArticleWrite {
  const id = recordId(record);
  const current = id === 0 ? undefined : env.store.article(id);
  if (id !== 0 && current === undefined) throw notFound('KBArticle', id);
  const name = optString(record, 'name');
  if ((id === 0 || name !== undefined) && (name ?? '').trim() === '')
    throw invalid('Please enter a name for the article');
  const changes: ArticleChanges = {
    name,
    tags: readTags(record),
    faqlistIds: optIdList(record, 'faqlists'),
    showforall: optBool(record, 'showforall'),
    teamIds: optIdList(record, 'teams'),
    attachments: readAttachments(record, current?.attachments.map((a) => a.id) ?? []),
  };
  for (const key of HTML_FIELDS) changes[key] = htmlField(record, key, env.maxArticleBodyChars);
  checkKnown(changes.faqlistIds, (f) => env.store.faqList(f) !== undefined, 'FAQ list');
  checkKnown(changes.teamIds, (t) => env.teams.has(t), 'Team');
  if (changes.faqlistIds !== undefined) changes.faqlistIds = [...new Set(changes.faqlistIds)];
  if (changes.teamIds !== undefined) changes.teamIds = [...new Set(changes.teamIds)];
  return id === 0 ? { kind: 'create', changes } : { kind: 'update', id, changes };
}
