import { z } from 'zod';
import { badRequest } from './api-error';
import type { QueryReader } from './query-reader';
import type { RouteResult } from './route-types';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 250;

const CursorPayload = z.object({ scope: z.string(), offset: z.number().int().min(0) });

/** Opaque to clients (base64 of JSON, like the real ones); bound to the listing it came from. */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify(CursorPayload.parse({ scope, offset }))).toString('base64url');
}

function decodeCursor(cursor: string, scope: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw badRequest(`Invalid cursor: ${error instanceof Error ? error.message : String(error)}`);
  }
  const payload = CursorPayload.safeParse(parsed);
  if (!payload.success || payload.data.scope !== scope) {
    throw badRequest('Invalid cursor: it does not belong to this listing');
  }
  return payload.data.offset;
}

/**
 * One page of a cursor-paginated listing, as v2 returns it: `{results, _links:{next?, base}}` and
 * a `Link: <next>; rel="next", <base>; rel="base"` header. `_links.next` is relative to the SITE
 * (it starts with `/wiki/...`, like the real API), so `_links.base + next` would double `/wiki`.
 */
export function paginate<T>(
  items: readonly T[],
  opts: { query: QueryReader; scope: string; path: string; base: string; defaultLimit?: number },
): RouteResult {
  const limit = opts.query.int('limit', 1, MAX_LIMIT, opts.defaultLimit ?? DEFAULT_LIMIT);
  const cursor = opts.query.string('cursor');
  const offset = cursor === undefined ? 0 : decodeCursor(cursor, opts.scope);
  const results = items.slice(offset, offset + limit);
  const links: Record<string, string> = {};
  const headers: Record<string, string> = {};
  if (offset + limit < items.length) {
    const rest = new URLSearchParams([...opts.query.params].filter(([name]) => name !== 'cursor')).toString();
    const next = `${opts.path}?cursor=${encodeCursor(opts.scope, offset + limit)}${rest === '' ? '' : `&${rest}`}`;
    links.next = next;
    headers.Link = `<${next}>; rel="next", <${opts.base}>; rel="base"`;
  }
  links.base = opts.base;
  return { body: { results, _links: links }, headers };
}
