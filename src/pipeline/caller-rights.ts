import { z } from 'zod';
import type { ConfluenceApi } from '../ports/confluence-api';

const operation = z.looseObject({ operation: z.string(), targetType: z.string() });
/** v1 lists operations as an array; v2 embeds them as `{results, meta, _links}`. */
const operationList = z
  .union([z.array(operation), z.looseObject({ results: z.array(operation) }).transform((o) => o.results)])
  .default([]);
const withOperations = z.looseObject({ key: z.string().optional(), operations: operationList });

type Answer = z.infer<typeof withOperations>;

/** GETs `path` as the api's principal with its operations; undefined unless Confluence answers 200. */
export async function readOperations(api: ConfluenceApi, path: string): Promise<Answer | undefined> {
  const res = await api.request(path);
  if (res.status !== 200) return undefined;
  const parsed = withOperations.safeParse(JSON.parse(await res.text()));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Server-side rights of the calling user (the api must act as the user). Default deny: any failure
 * to read the rights means no rights. The operation names used are UNVERIFIED against a live site
 * (reference/forge.md §5).
 */
export async function isConfluenceAdmin(asUser: ConfluenceApi): Promise<boolean> {
  const answer = await readOperations(asUser, '/wiki/rest/api/user/current?expand=operations');
  return (
    answer?.operations.some((o) => o.operation === 'administer' && o.targetType === 'application') ?? false
  );
}

/**
 * The key of the space when the caller administers it, else undefined. The key comes from
 * Confluence's answer, never from the invocation context, so id and key cannot disagree.
 */
export async function administeredSpaceKey(
  asUser: ConfluenceApi,
  spaceId: string,
): Promise<string | undefined> {
  const answer = await readOperations(
    asUser,
    `/wiki/api/v2/spaces/${encodeURIComponent(spaceId)}?include-operations=true`,
  );
  const admin = answer?.operations.some((o) => o.operation === 'administer' && o.targetType === 'space');
  return admin ? answer?.key : undefined;
}
