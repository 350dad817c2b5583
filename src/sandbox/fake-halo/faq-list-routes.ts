import { invalid, notFound } from './halo-error';
import { faqListJson } from './halo-json';
import type { FaqListRecord } from './halo-records';
import type { HaloStore } from './halo-store';
import type { JsonObject } from './json-body';
import { optBool, optString, readJsonArray, recordId } from './json-body';
import { QueryParams, pathId } from './query-params';
import type { Reply, Route, RouteContext } from './route-types';

interface FaqListWrite {
  id: number | undefined;
  fields: Omit<FaqListRecord, 'id'>;
}

function isDescendant(store: HaloStore, candidate: number, of: number): boolean {
  const seen = new Set<number>();
  for (let list = store.faqList(candidate); list !== undefined; list = store.faqList(list.groupId)) {
    if (list.id === of) return true;
    if (seen.has(list.id)) return false;
    seen.add(list.id);
  }
  return false;
}

/**
 * One element of `POST /api/FAQLists` (targets.md A.5): `[{"name", "showforall", "group_id"}]`,
 * with `id` to update (404 when unknown). `name` required on create; `group_id` (the parent,
 * 0 = top level; UNVERIFIED nesting model) must exist and must not make a cycle.
 */
function parseFaqListWrite(record: JsonObject, store: HaloStore): FaqListWrite {
  const id = recordId(record);
  const current = id === 0 ? undefined : store.faqList(id);
  if (id !== 0 && current === undefined) throw notFound('FAQList', id);
  const name = optString(record, 'name') ?? current?.name ?? '';
  if (name.trim() === '') throw invalid('Please enter a name for the FAQ list');
  const group = record.group_id ?? current?.groupId ?? 0;
  if (typeof group !== 'number' || !Number.isSafeInteger(group) || group < 0)
    throw invalid("Error converting value for 'group_id': expected a non-negative integer");
  if (group !== 0 && store.faqList(group) === undefined) throw invalid(`FAQ list ${group} does not exist`);
  if (group !== 0 && id !== 0 && isDescendant(store, group, id))
    throw invalid('A FAQ list cannot be placed inside itself');
  return {
    id: current?.id,
    // UNVERIFIED: the default of `showforall` for a new list.
    fields: {
      name,
      showforall: optBool(record, 'showforall') ?? current?.showforall ?? false,
      groupId: group,
    },
  };
}

function upsertFaqLists({ req, env }: RouteContext): Reply {
  const writes = readJsonArray(req).map((record) => parseFaqListWrite(record, env.store));
  const rendered = writes.map((w) => faqListJson(env.store.saveFaqList(w.id, w.fields), env.store));
  return { status: 200, json: rendered.length === 1 ? rendered[0] : rendered };
}

/**
 * `GET /api/FAQLists` → a bare array (targets.md A.5: the safest shape for HAPI-style clients).
 * `type` and `showall` are accepted and ignored (UNVERIFIED semantics).
 */
function listFaqLists({ env }: RouteContext): Reply {
  return { status: 200, json: env.store.faqLists().map((list) => faqListJson(list, env.store)) };
}

/** `GET /api/FAQLists/{id}[?includedetails=true]`; 404 when unknown or deleted. */
function getFaqList({ req, params, env }: RouteContext): Reply {
  const id = pathId(params.id);
  // Validated like the real binder; the fake has no further details to add to a FAQ list.
  new QueryParams(req.query).bool('includedetails', false);
  const list = env.store.faqList(id);
  if (list === undefined) throw notFound('FAQList', id);
  return { status: 200, json: faqListJson(list, env.store) };
}

/** `DELETE /api/FAQLists/{id}` → 200, empty. UNVERIFIED: targets.md documents no FAQ list delete. */
function deleteFaqList({ params, env }: RouteContext): Reply {
  const id = pathId(params.id);
  if (!env.store.removeFaqList(id)) throw notFound('FAQList', id);
  return { status: 200 };
}

export const faqListRoutes: Route[] = [
  { method: 'GET', template: '/api/FAQLists', access: 'kb-read', handle: listFaqLists },
  { method: 'POST', template: '/api/FAQLists', access: 'kb-write', handle: upsertFaqLists },
  { method: 'GET', template: '/api/FAQLists/{id}', access: 'kb-read', handle: getFaqList },
  { method: 'DELETE', template: '/api/FAQLists/{id}', access: 'kb-write', handle: deleteFaqList },
];
