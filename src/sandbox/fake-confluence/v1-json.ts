import { createHash } from 'node:crypto';
import type { ConfluencePage, ConfluenceUser } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';

export type Operation = 'read' | 'update';

/** A v1 `User` (GET /wiki/rest/api/user and restriction lists); email only when known. */
export function v1User(store: ConfluenceStore, user: ConfluenceUser): Record<string, unknown> {
  return {
    type: 'known',
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(user.email === undefined ? {} : { email: user.email }),
    publicName: user.displayName,
    profilePicture: { path: '/wiki/aa-avatar/default.png', width: 48, height: 48, isDefault: true },
    displayName: user.displayName,
    isExternalCollaborator: false,
    _expandable: { operations: '', personalSpace: '' },
    _links: { self: `${store.baseUrl}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` },
  };
}

/** Groups are known by name here; their id is a stable UUID-shaped hash of the name. */
function groupJson(name: string): Record<string, unknown> {
  const hex = createHash('sha1').update(name).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return { type: 'group', name, id };
}

export function v1Array(results: unknown[]): Record<string, unknown> {
  return { results, start: 0, limit: 200, size: results.length };
}

/**
 * One operation of `restriction/byOperation`, and of a content's `restrictions.<op>` expansion
 * (the same shape). A subject list not asked for stays in `restrictions._expandable`; with neither
 * asked for, `restrictions` itself stays in `_expandable` (ContentRestriction in the v1 OpenAPI
 * spec; UNVERIFIED: the exact `_expandable` link values). `read` and `update` are separate lists:
 * an edit-only restriction never shows up under `read`.
 */
export function v1Operation(
  store: ConfluenceStore,
  page: ConfluencePage,
  operation: Operation,
  expand: { user: boolean; group: boolean },
): Record<string, unknown> {
  const entries = page.restrictions[operation];
  const self = `/rest/api/content/${page.id}/restriction/byOperation/${operation}`;
  const subjects: Record<string, unknown> = {};
  const collapsed: Record<string, string> = {};
  if (expand.user) subjects.user = v1Array(entries.users.map((id) => v1User(store, store.requireUser(id))));
  else collapsed.user = `${self}/user`;
  if (expand.group) subjects.group = v1Array(entries.groups.map(groupJson));
  else collapsed.group = `${self}/group`;
  const any = expand.user || expand.group;
  const unexpanded = Object.keys(collapsed).length === 0 ? {} : { _expandable: collapsed };
  return {
    operation,
    ...(any ? { restrictions: { ...subjects, ...unexpanded } } : {}),
    _expandable: { ...(any ? {} : { restrictions: '' }), content: `/rest/api/content/${page.id}` },
    _links: { self: `${store.baseUrl}${self}` },
  };
}

/** A v1 `Version` of a page (`version` and `history.lastUpdated` expansions). */
export function v1Version(store: ConfluenceStore, page: ConfluencePage): Record<string, unknown> {
  const { version } = page;
  return {
    by: v1User(store, store.requireUser(version.authorId)),
    when: version.createdAt,
    number: version.number,
    minorEdit: version.minorEdit,
    message: version.message,
    _expandable: { collaborators: '', content: `/rest/api/content/${page.id}` },
    _links: { self: `${store.baseUrl}/rest/api/content/${page.id}/version/${version.number}` },
  };
}
