import { articleSummaryJson } from './halo-json';
import type { ArticleRecord } from './halo-records';
import { QueryParams } from './query-params';
import type { Reply, RouteContext } from './route-types';

const ORDER_KEYS: Record<string, (a: ArticleRecord) => number | string> = {
  id: (a) => a.id,
  name: (a) => a.name.toLowerCase(),
  date_created: (a) => a.createdAt,
  date_edited: (a) => a.editedAt,
};

/**
 * `search`: case-insensitive substring of the name, the raw description HTML or tag_string.
 * UNVERIFIED (targets.md A.4): whether Halo's search covers tags. Being a substring search,
 * `confluence-12` also finds `confluence-123`: callers must check the exact tag in the results.
 */
function matches(article: ArticleRecord, search: string | undefined): boolean {
  if (search === undefined || search === '') return true;
  const needle = search.toLowerCase();
  return [article.name, article.description, article.tags.join(',')].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

/**
 * `GET /api/KBArticle` (targets.md A.2/A.4) →
 * `{"record_count": <all matches>, "articles": [summary…]}`, plus `page_no` and `page_size` when
 * `pageinate=true` (or `paginate=true`); `page_size` defaults to 50 (UNVERIFIED), `page_no` to 1.
 * Without pagination, `count` caps the number returned. `order` (id, name, date_created,
 * date_edited; others ignored) and `orderdesc`; default order id ascending (UNVERIFIED). Unknown
 * parameters (e.g. `tag`, `advanced_search`) are ignored, as ASP.NET ignores them.
 */
export function listArticles({ req, env }: RouteContext): Reply {
  const query = new QueryParams(req.query);
  const paginate = query.bool('pageinate', false) || query.bool('paginate', false);
  const pageSize = query.int('page_size', 1, 50);
  const pageNo = query.int('page_no', 1, 1);
  const count = query.int('count', 0, Number.MAX_SAFE_INTEGER);
  const orderKey = ORDER_KEYS[(query.string('order') ?? 'id').toLowerCase()] ?? ORDER_KEYS.id;
  const direction = query.bool('orderdesc', false) ? -1 : 1;
  const search = query.string('search');
  const found = env.store
    .articles()
    .filter((article) => matches(article, search))
    .sort((a, b) => {
      const [x, y] = [orderKey?.(a) ?? a.id, orderKey?.(b) ?? b.id];
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * direction;
    });
  const shown = paginate ? found.slice((pageNo - 1) * pageSize, pageNo * pageSize) : found.slice(0, count);
  return {
    status: 200,
    json: {
      record_count: found.length,
      ...(paginate ? { page_no: pageNo, page_size: pageSize } : {}),
      articles: shown.map(articleSummaryJson),
    },
  };
}
