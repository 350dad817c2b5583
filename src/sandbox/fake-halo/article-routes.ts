import { listArticles } from './article-list';
import { parseArticleWrite } from './article-input';
import { notFound } from './halo-error';
import { articleJson } from './halo-json';
import { API_EDITOR } from './halo-records';
import { readJsonArray } from './json-body';
import { QueryParams, pathId } from './query-params';
import type { Reply, Route, RouteContext } from './route-types';

/**
 * `POST /api/KBArticle` with `[ {...}, … ]` (targets.md A.2/A.4): every element is validated before
 * any is applied (UNVERIFIED: Halo's behaviour when one element of several is invalid). Answers 200
 * with the saved article (details included) for a one-element array, an array of them otherwise.
 */
function upsertArticles({ req, env }: RouteContext): Reply {
  const writes = readJsonArray(req).map((record) => parseArticleWrite(record, env));
  const saved = writes.map((write) =>
    write.kind === 'create'
      ? env.store.createArticle(write.changes, API_EDITOR)
      : env.store.updateArticle(write.id, write.changes, API_EDITOR),
  );
  const rendered = saved.map((article) => articleJson(article, env.store, env.teams, true));
  return { status: 200, json: rendered.length === 1 ? rendered[0] : rendered };
}

/** `GET /api/KBArticle/{id}[?includedetails=true]`; 404 when unknown or deleted. */
function getArticle({ req, params, env }: RouteContext): Reply {
  const id = pathId(params.id);
  const details = new QueryParams(req.query).bool('includedetails', false);
  const article = env.store.article(id);
  if (article === undefined) throw notFound('KBArticle', id);
  return { status: 200, json: articleJson(article, env.store, env.teams, details) };
}

/** `DELETE /api/KBArticle/{id}` → 200 with an empty body (UNVERIFIED body, targets.md A.2); 404 when unknown. */
function deleteArticle({ params, env }: RouteContext): Reply {
  const id = pathId(params.id);
  if (!env.store.removeArticle(id)) throw notFound('KBArticle', id);
  return { status: 200 };
}

export const articleRoutes: Route[] = [
  { method: 'GET', template: '/api/KBArticle', access: 'kb-read', handle: listArticles },
  { method: 'POST', template: '/api/KBArticle', access: 'kb-write', handle: upsertArticles },
  { method: 'GET', template: '/api/KBArticle/{id}', access: 'kb-read', handle: getArticle },
  { method: 'DELETE', template: '/api/KBArticle/{id}', access: 'kb-write', handle: deleteArticle },
];
