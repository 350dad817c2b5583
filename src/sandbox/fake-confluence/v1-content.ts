import { notFound } from './api-error';
import type { ConfluencePage } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import type { ExpandSet } from './v1-expand';
import { ancestorExpand } from './v1-expand';
import { v1Restrictions } from './v1-restrictions';
import { pageWebUi, tinyUi } from './v2-json';
import { v1Array, v1User, v1Version } from './v1-json';

/**
 * CONFCLOUD-77618 / CONFCLOUD-76424: expanding the ancestors' restrictions fails the whole request
 * (a single content or a whole search batch) with 404 when an ancestor is not readable as current
 * content (draft, trashed or outdated). Public connectors match this message or "No content with
 * id" and fall back to `expand=ancestors` plus one `restriction/byOperation` per ancestor.
 * UNVERIFIED: that an archived ancestor triggers it too (the fake says yes: it is not current),
 * and the rest of the body (the fake sends its usual v1 error body with this message).
 */
export const UNREADABLE_ANCESTOR_MESSAGE =
  'Cannot find content. Outdated version/old_draft/trashed? Please provide valid ContentId.';

interface Expansion {
  value: () => unknown;
  /** What `_expandable` shows when not expanded. */
  link: string;
}

function history(store: ConfluenceStore, page: ConfluencePage, expand: ExpandSet): unknown {
  const lastUpdated = expand.has('history.lastUpdated');
  const collapsed: Record<string, string> = { previousVersion: '', contributors: '', nextVersion: '' };
  if (!lastUpdated) collapsed.lastUpdated = '';
  return {
    latest: true,
    createdBy: v1User(store, store.requireUser(page.authorId)),
    ownedBy: v1User(store, store.requireUser(page.ownerId)),
    createdDate: page.createdAt,
    ...(lastUpdated ? { lastUpdated: v1Version(store, page) } : {}),
    _expandable: collapsed,
    _links: { self: `${store.baseUrl}/rest/api/content/${page.id}/history` },
  };
}

/** Root first. Expanding their restrictions needs every ancestor current (see the message above). */
function ancestors(store: ConfluenceStore, page: ConfluencePage, expand: ExpandSet): unknown[] {
  const nested = ancestorExpand(expand);
  const chain = store.ancestorsOf(page.id);
  if (nested.has('restrictions') && chain.some((ancestor) => ancestor.status !== 'current')) {
    throw notFound(UNREADABLE_ANCESTOR_MESSAGE);
  }
  return chain.map((ancestor) => v1Content(store, ancestor, nested));
}

function expansions(
  store: ConfluenceStore,
  page: ConfluencePage,
  expand: ExpandSet,
): Record<string, Expansion> {
  const space = store.requireSpace(page.spaceId);
  return {
    space: {
      value: () => ({
        id: Number(space.id),
        key: space.key,
        name: space.name,
        type: space.type,
        status: space.status,
      }),
      link: `/rest/api/space/${space.key}`,
    },
    version: { value: () => v1Version(store, page), link: '' },
    history: {
      value: () => history(store, page, expand),
      link: `/rest/api/content/${page.id}/history`,
    },
    ancestors: { value: () => ancestors(store, page, expand), link: '' },
    body: { value: () => ({ storage: { value: page.body, representation: 'storage' } }), link: '' },
    metadata: {
      value: () => ({
        labels: v1Array(
          page.labels.map((l) => ({ prefix: l.prefix, name: l.name, id: l.id, label: l.name })),
        ),
      }),
      link: '',
    },
  };
}

/**
 * The v1 content object. `expand` holds normalised names (see v1-expand.ts); an expansion not
 * asked for stays in `_expandable`. `topLevel` adds `_links.base` and `_links.context` (a single
 * content response; search results and ancestors do not carry them).
 */
export function v1Content(
  store: ConfluenceStore,
  page: ConfluencePage,
  expand: ExpandSet,
  topLevel = false,
): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  for (const [name, expansion] of Object.entries(expansions(store, page, expand))) {
    if (expand.has(name)) expanded[name] = expansion.value();
    else expandable[name] = expansion.link;
  }
  const self = `/rest/api/content/${page.id}`;
  const restrictions = v1Restrictions(store, page, expand);
  if (restrictions === undefined) expandable.restrictions = `${self}/restriction/byOperation`;
  else expanded.restrictions = restrictions;
  return {
    id: page.id,
    type: 'page',
    status: page.status,
    title: page.title,
    ...expanded,
    extensions: { position: page.position },
    _expandable: expandable,
    _links: {
      webui: pageWebUi(store, page),
      edit: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: tinyUi(page.id),
      self: `${store.baseUrl}${self}`,
      ...(topLevel ? { base: store.baseUrl, context: '/wiki' } : {}),
    },
  };
}
