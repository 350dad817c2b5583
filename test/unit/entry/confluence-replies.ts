/**
 * Answers for a mocked `requestConfluence` of @forge/api: exact path → fresh Response. A path the
 * test did not expect throws (ConfluenceClient turns that into a retry), and the path is recorded,
 * so a test that takes an unplanned route fails on its assertions and shows why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Reply = () => Response;

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

/** The `(route, init?)` implementation for `asApp()/asUser().requestConfluence`. */
export function confluenceRoutes(routes: Record<string, Reply>, seen: string[] = []) {
  return async (route: { value: string }): Promise<Response> => {
    seen.push(route.value);
    const answer = routes[route.value];
    if (!answer) throw new Error(`unexpected Confluence request ${route.value}`);
    return answer();
  };
}

const root = join(__dirname, '..', '..', '..');

/** The storage body of page 544112828 (same page as the v2 response fixture). */
export const STORAGE_BODY = readFileSync(join(root, 'static', 'demo', 'pages', 'user-agent.xml'), 'utf8');

/**
 * The real v2 PageSingle of page 544112828, as `?body-format=storage&include-labels=true` returns
 * it: the fixture's elided ADF body replaced by the storage body, plus the labels collection.
 */
export function pageV2Response(): Record<string, unknown> {
  const raw = JSON.parse(
    readFileSync(join(__dirname, 'fixtures', 'page-544112828.v2-response.json'), 'utf8'),
  ) as Record<string, unknown>;
  return {
    ...raw,
    body: { storage: { representation: 'storage', value: STORAGE_BODY } },
    labels: {
      results: [{ id: '98304', name: 'kb', prefix: 'global' }],
      meta: { hasMore: false, cursor: null },
      _links: { self: 'https://querypie.atlassian.net/wiki/api/v2/pages/544112828/labels' },
    },
  };
}
