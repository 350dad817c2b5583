import type { ConfluencePage } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { pageWebUi, tinyUi } from './v2-json';
import { v1Array, v1Operation, v1User } from './v1-json';

interface Expansion {
  value: () => unknown;
  /** What `_expandable` shows when not expanded. */
  link: string;
}

function expansions(store: ConfluenceStore, page: ConfluencePage): Record<string, Expansion> {
  const space = store.requireSpace(page.spaceId);
  const { version } = page;
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
    version: {
      value: () => ({
        by: v1User(store, store.requireUser(version.authorId)),
        when: version.createdAt,
        number: version.number,
        minorEdit: version.minorEdit,
        message: version.message,
      }),
      link: '',
    },
    ancestors: {
      value: () => store.ancestorsOf(page.id).map((a) => v1Content(store, a, new Set())),
      link: '',
    },
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

/** The page's own restrictions, per expanded operation; undefined when none was asked for. */
function restrictions(store: ConfluenceStore, page: ConfluencePage, expand: ReadonlySet<string>): unknown {
  const operations = (['read', 'update'] as const).filter((op) => expand.has(`restrictions.${op}`));
  if (operations.length === 0) return undefined;
  return Object.fromEntries(
    operations.map((op) => {
      const user = expand.has(`restrictions.${op}.restrictions.user`);
      const group = expand.has(`restrictions.${op}.restrictions.group`);
      return [op, v1Operation(store, page, op, { user, group })];
    }),
  );
}

/**
 * The v1 content object. `expand` holds normalised names (see parseExpand in routes-v1.ts):
 * space, version, ancestors, body, metadata, restrictions.<op>[.restrictions.<user|group>].
 * Ancestors are never expanded further. `topLevel` adds `_links.base` and `_links.context`.
 */
export function v1Content(
  store: ConfluenceStore,
  page: ConfluencePage,
  expand: ReadonlySet<string>,
  topLevel = false,
): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  const expandable: Record<string, string> = {};
  for (const [name, expansion] of Object.entries(expansions(store, page))) {
    if (expand.has(name)) expanded[name] = expansion.value();
    else expandable[name] = expansion.link;
  }
  const self = `/rest/api/content/${page.id}`;
  const restricted = restrictions(store, page, expand);
  if (restricted === undefined) expandable.restrictions = `${self}/restriction/byOperation`;
  else expanded.restrictions = restricted;
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
