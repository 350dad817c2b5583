import type { z } from 'zod';
import { ExpectedError } from '../errors';
import type { readRestrictionSchema } from './confluence-schemas';
import { contentWithRestrictionsSchema } from './confluence-schemas';

export type ReadRestrictions = z.infer<typeof readRestrictionSchema>;

export function hasReadRestriction(read: ReadRestrictions | undefined): boolean {
  const r = read?.restrictions;
  return (r?.user?.results.length ?? 0) > 0 || (r?.group?.results.length ?? 0) > 0;
}

const OWN = 'restrictions.read.restrictions.user,restrictions.read.restrictions.group';
const INHERITED =
  'ancestors.restrictions.read.restrictions.user,ancestors.restrictions.read.restrictions.group';

/**
 * The v1 content request: `expand=ancestors` plus, when restrictions matter, the page's and its
 * ancestors' read restrictions in the same request. Real Confluence Cloud serves the nested
 * ancestor expansion, but fails it with 404 when an ancestor is a draft, trashed or outdated
 * (CONFCLOUD-77618 / CONFCLOUD-76424); `isAncestorExpandBug` recognises that answer so the caller
 * falls back to one `restriction/byOperation` request per ancestor.
 */
export function contextPath(pageId: string, restrictions: 'none' | 'all' | 'own'): string {
  const expand = [
    'ancestors',
    ...(restrictions === 'none' ? [] : [OWN]),
    ...(restrictions === 'all' ? [INHERITED] : []),
  ];
  return `/wiki/rest/api/content/${encodeURIComponent(pageId)}?expand=${encodeURIComponent(expand.join(','))}`;
}

export function isAncestorExpandBug(status: number, body: string): boolean {
  return (
    status === 404 &&
    /Cannot find content\. Outdated version\/old_draft\/trashed|No content with id/.test(body)
  );
}

export interface PageContext {
  ancestors: string[];
  restriction?: { restricted: boolean; where?: string };
  /** Ancestors whose read restrictions the answer did not carry: each must be asked for. */
  unchecked: string[];
}

const expanded = (read: ReadRestrictions | undefined) =>
  read?.restrictions?.user !== undefined && read.restrictions.group !== undefined;

/** Reads the context from a v1 content answer; `inherited` when ancestors carry their restrictions. */
export function toPageContext(raw: unknown, inherited: boolean, withRestrictions: boolean): PageContext {
  const parsed = contentWithRestrictionsSchema.safeParse(raw);
  if (!parsed.success)
    throw new ExpectedError(`unexpected v1 content answer: ${parsed.error.issues[0]?.message}`);
  const content = parsed.data;
  const ancestors = content.ancestors.map((a) => a.id);
  if (!withRestrictions) return { ancestors, unchecked: [] };
  if (!expanded(content.restrictions?.read)) {
    throw new ExpectedError(`the read restrictions of page ${content.id} were not returned`);
  }
  if (hasReadRestriction(content.restrictions?.read)) {
    return { ancestors, restriction: { restricted: true, where: content.id }, unchecked: [] };
  }
  // Fail closed: an ancestor whose restrictions are missing from the answer is checked on its own.
  const unchecked = inherited
    ? content.ancestors.filter((a) => !expanded(a.restrictions?.read)).map((a) => a.id)
    : ancestors;
  const restrictedAncestor = [...content.ancestors]
    .reverse()
    .find((a) => hasReadRestriction(a.restrictions?.read));
  return {
    ancestors,
    restriction: { restricted: restrictedAncestor !== undefined, where: restrictedAncestor?.id },
    unchecked,
  };
}
