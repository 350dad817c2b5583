import { z } from 'zod';
import type { ConfluenceApi } from '../ports/confluence-api';

const operations = z.looseObject({
  operations: z.array(z.looseObject({ operation: z.string(), targetType: z.string() })).default([]),
});

async function permittedOperations(
  api: ConfluenceApi,
  path: string,
): Promise<Array<{ operation: string; targetType: string }>> {
  const res = await api.request(path);
  if (res.status !== 200) return [];
  const parsed = operations.safeParse(JSON.parse(await res.text()));
  return parsed.success ? parsed.data.operations : [];
}

/**
 * Server-side rights of the calling user (the api must act as the user). Default deny: any failure
 * to read the rights means no rights. The operation names used are UNVERIFIED against a live site
 * (reference/forge.md §5).
 */
export async function isConfluenceAdmin(asUser: ConfluenceApi): Promise<boolean> {
  const ops = await permittedOperations(asUser, '/wiki/rest/api/user/current?expand=operations');
  return ops.some((o) => o.operation === 'administer' && o.targetType === 'application');
}

export async function isSpaceAdmin(asUser: ConfluenceApi, spaceId: string): Promise<boolean> {
  const ops = await permittedOperations(
    asUser,
    `/wiki/api/v2/spaces/${encodeURIComponent(spaceId)}?include-operations=true`,
  );
  return ops.some((o) => o.operation === 'administer' && o.targetType === 'space');
}
