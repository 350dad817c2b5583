import type { ConfluenceUser } from '../../../src/sandbox/fake-confluence/confluence-model';

/** Exact v1 JSON shapes the fake Confluence serves, for `toEqual` assertions in the tests. */

export function v1UserJson(base: string, user: ConfluenceUser): Record<string, unknown> {
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
    _links: { self: `${base}/rest/api/user?accountId=${encodeURIComponent(user.accountId)}` },
  };
}

export function v1List(results: unknown[]): Record<string, unknown> {
  return { results, start: 0, limit: 200, size: results.length };
}

/** One `restriction/byOperation` entry with both subject lists expanded. */
export function v1OperationJson(
  base: string,
  pageId: string,
  operation: 'read' | 'update',
  users: unknown[],
  groups: unknown[],
): Record<string, unknown> {
  return {
    operation,
    restrictions: { user: v1List(users), group: v1List(groups) },
    _expandable: { content: `/rest/api/content/${pageId}` },
    _links: { self: `${base}/rest/api/content/${pageId}/restriction/byOperation/${operation}` },
  };
}

/** The `_links` of a v1 content object that is not the top-level response. */
export function v1ContentLinks(base: string, id: string, webui: string): Record<string, unknown> {
  return {
    webui,
    edit: `/pages/resumedraft.action?draftId=${id}`,
    tinyui: expect.stringMatching(/^\/x\/[A-Za-z0-9_-]+$/),
    self: `${base}/rest/api/content/${id}`,
  };
}
