/**
 * Confluence as one user sees it, for resolvers that read as the caller: the page (v2, with
 * `include-operations=true` for rights, with `body-format=storage&include-labels=true` for the
 * preview), its v1 context (ancestors and read restrictions) and the author's name. A user who may
 * not read the page gets what Confluence gives: 404 for every read of it. Real response shapes.
 */
import type { ConfluenceApi } from '../../../src/ports/confluence-api';
import { pageV2Response } from '../entry/confluence-replies';

export const PAGE = '544112828';
export type Viewer = 'editor' | 'reader' | 'stranger';

const notFound = () =>
  new Response(
    JSON.stringify({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] }),
    {
      status: 404,
      headers: { 'content-type': 'application/json' },
    },
  );
const ok = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

export function userSite(viewer: Viewer, seen: string[] = []): ConfluenceApi {
  const none = { user: { results: [], size: 0 }, group: { results: [], size: 0 } };
  return {
    async request(path: string) {
      seen.push(path);
      const url = new URL(path, 'https://querypie.atlassian.net');
      const readable = viewer !== 'stranger';
      switch (url.pathname) {
        case `/wiki/api/v2/pages/${PAGE}`: {
          if (!readable) return notFound();
          const page = pageV2Response();
          if (url.searchParams.get('include-operations') === 'true') {
            const operations = [{ operation: 'read', targetType: 'page' }];
            if (viewer === 'editor') operations.push({ operation: 'update', targetType: 'page' });
            const { body: _body, labels: _labels, ...rest } = page;
            return ok({ ...rest, operations: { results: operations, meta: { hasMore: false } } });
          }
          if (url.searchParams.get('body-format') === 'storage') return ok(page);
          break;
        }
        case `/wiki/rest/api/content/${PAGE}`:
          if (!readable) return notFound();
          return ok({
            id: PAGE,
            type: 'page',
            status: 'current',
            title: 'User Agent',
            ancestors: [
              {
                id: '544211126',
                type: 'page',
                status: 'current',
                title: 'User Manual',
                restrictions: { read: { operation: 'read', restrictions: none } },
              },
            ],
            restrictions: { read: { operation: 'read', restrictions: none } },
          });
        case `/wiki/api/v2/pages/${PAGE}/attachments`:
          if (!readable) return notFound();
          return ok({
            results: [
              {
                id: 'att544112901',
                status: 'current',
                title: 'relay-agent.pdf',
                mediaType: 'application/pdf',
                fileSize: 48213,
                pageId: PAGE,
                downloadLink: `/download/attachments/${PAGE}/relay-agent.pdf?version=1&api=v2`,
                version: { number: 1 },
              },
            ],
            _links: { base: 'https://querypie.atlassian.net/wiki' },
          });
        case '/wiki/api/v2/spaces/539099246':
          return ok({
            id: '539099246',
            key: 'QM',
            name: 'QueryPie Manual',
            type: 'global',
            status: 'current',
          });
        case '/wiki/rest/api/user':
          return ok({
            type: 'known',
            accountId: url.searchParams.get('accountId'),
            accountType: 'atlassian',
            displayName: 'Ada Lovelace',
          });
      }
      throw new Error(`unexpected Confluence request ${path}`);
    },
  };
}
