import type { ConfluencePage } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import type { ExpandSet } from './v1-expand';
import type { Operation } from './v1-json';
import { v1Operation } from './v1-json';

const OPERATIONS: readonly Operation[] = ['read', 'update'];

/**
 * A content's `restrictions` expansion (its own restrictions only — never inherited ones), or
 * undefined when not asked for. Each expanded operation has the shape of a `restriction/byOperation`
 * entry; an operation not asked for stays in `restrictions._expandable` (UNVERIFIED link values).
 */
export function v1Restrictions(
  store: ConfluenceStore,
  page: ConfluencePage,
  expand: ExpandSet,
): Record<string, unknown> | undefined {
  if (!expand.has('restrictions')) return undefined;
  const self = `/rest/api/content/${page.id}/restriction/byOperation`;
  const expanded: Record<string, unknown> = {};
  const collapsed: Record<string, string> = {};
  for (const operation of OPERATIONS) {
    if (!expand.has(`restrictions.${operation}`)) {
      collapsed[operation] = `${self}/${operation}`;
      continue;
    }
    const user = expand.has(`restrictions.${operation}.restrictions.user`);
    const group = expand.has(`restrictions.${operation}.restrictions.group`);
    expanded[operation] = v1Operation(store, page, operation, { user, group });
  }
  return {
    ...expanded,
    ...(Object.keys(collapsed).length === 0 ? {} : { _expandable: collapsed }),
    _links: { self: `${store.baseUrl}${self}` },
  };
}
