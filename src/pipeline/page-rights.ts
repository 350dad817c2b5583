import { z } from 'zod';
import type { ConfluenceApi } from '../ports/confluence-api';
import { readOperations } from './caller-rights';

/** What the calling user may do with a page: nothing, read it, or also edit it. */
export type PageAccess = { read: false } | { read: true; edit: boolean; version: number };

const versioned = z.looseObject({ version: z.looseObject({ number: z.number().int() }) });

/**
 * The caller's rights on a page, read as the caller (the api must act as the user): Confluence
 * answers 200 only to someone who may read the page, and lists `update` among its operations for
 * someone who may edit it. Default deny: any other answer means no rights. The v2 operation names
 * (`read`/`update` on `page`) are UNVERIFIED against a live site (reference/forge.md §5).
 */
export async function pageAccess(asUser: ConfluenceApi, pageId: string): Promise<PageAccess> {
  if (!/^\d+$/.test(pageId)) return { read: false };
  const answer = await readOperations(
    asUser,
    `/wiki/api/v2/pages/${encodeURIComponent(pageId)}?include-operations=true`,
  );
  const page = versioned.safeParse(answer);
  if (!answer || !page.success) return { read: false };
  const edit = answer.operations.some((o) => o.operation === 'update' && o.targetType === 'page');
  return { read: true, edit, version: page.data.version.number };
}
