import type { z } from 'zod';
import type { ConfluenceApi } from '../../ports/confluence-api';
import type { HttpResponse } from '../../ports/http';
import { parseRetryAfter } from '../../domain/retry-schedule';
import { ExpectedError, RetryableError } from '../errors';
import {
  commentSchema,
  contentWithRestrictionsSchema,
  labelsPageSchema,
  pageSchema,
  readRestrictionSchema,
  spaceSchema,
  userSchema,
} from './confluence-schemas';
import type { PageSnapshot } from '../../domain/snapshots';
import { toSnapshot } from './to-snapshot';

export type PageFetch = { kind: 'found'; page: PageSnapshot } | { kind: 'gone'; reason: string };
export type CommentFetch =
  { kind: 'found'; comment: z.infer<typeof commentSchema> } | { kind: 'gone'; reason: string };

const enc = encodeURIComponent;

/** Typed Confluence REST calls over the ConfluenceApi port, the same on Forge and in Node. */
export class ConfluenceClient {
  constructor(
    private readonly api: ConfluenceApi,
    private readonly now: () => number,
  ) {}

  /** One request in the common case: body (storage), labels and version together. */
  async getPage(pageId: string): Promise<PageFetch> {
    const res = await this.call(`/wiki/api/v2/pages/${enc(pageId)}?body-format=storage&include-labels=true`);
    // A current-status read 404s for trashed, archived, draft and purged pages alike: all leave.
    if (res.status === 404) return { kind: 'gone', reason: 'page is trashed, archived or deleted' };
    const raw = pageSchema.parse(await this.json(res, `page ${pageId}`));
    const labels = raw.labels?.results ?? [];
    if (raw.labels?.meta?.hasMore)
      labels.push(...(await this.remainingLabels(pageId, raw.labels.meta.cursor)));
    return { kind: 'found', page: toSnapshot(raw, labels) };
  }

  private async remainingLabels(pageId: string, cursor: string | null | undefined) {
    const out: Array<{ name: string; prefix: string }> = [];
    let path: string | undefined =
      `/wiki/api/v2/pages/${enc(pageId)}/labels?limit=250${cursor ? `&cursor=${enc(cursor)}` : ''}`;
    while (path) {
      const page = labelsPageSchema.parse(await this.json(await this.call(path), `labels of ${pageId}`));
      out.push(...page.results);
      path = page._links?.next?.replace(/^.*?(\/wiki\/)/, '/wiki/');
    }
    return out;
  }

  async getComment(commentId: string, location: 'footer' | 'inline'): Promise<CommentFetch> {
    const res = await this.call(`/wiki/api/v2/${location}-comments/${enc(commentId)}?body-format=storage`);
    if (res.status === 404) return { kind: 'gone', reason: 'comment was deleted' };
    return { kind: 'found', comment: commentSchema.parse(await this.json(res, `comment ${commentId}`)) };
  }

  async getSpaceKey(spaceId: string): Promise<string> {
    const res = await this.call(`/wiki/api/v2/spaces/${enc(spaceId)}`);
    return spaceSchema.parse(await this.json(res, `space ${spaceId}`)).key;
  }

  async getUserName(accountId: string): Promise<string | undefined> {
    const res = await this.call(`/wiki/rest/api/user?accountId=${enc(accountId)}`);
    if (res.status === 404) return undefined;
    const user = userSchema.parse(await this.json(res, `user ${accountId}`));
    return user.displayName ?? user.publicName;
  }

  /**
   * Default deny: a read restriction on the page or on any ancestor blocks it. The v1 content
   * expand returns the page's own read restrictions and its ancestors, but not the ancestors'
   * restrictions, so each ancestor costs one more request (cached by the caller per invocation).
   */
  async readRestriction(pageId: string): Promise<{ restricted: boolean; where?: string }> {
    const expand = 'ancestors,restrictions.read.restrictions.user,restrictions.read.restrictions.group';
    const res = await this.call(`/wiki/rest/api/content/${enc(pageId)}?expand=${enc(expand)}`);
    const content = contentWithRestrictionsSchema.parse(await this.json(res, `restrictions of ${pageId}`));
    if (hasReadRestriction(content.restrictions?.read)) return { restricted: true, where: pageId };
    for (const ancestor of [...content.ancestors].reverse()) {
      const r = await this.call(`/wiki/rest/api/content/${enc(ancestor.id)}/restriction/byOperation`);
      const body = (await this.json(r, `restrictions of ${ancestor.id}`)) as { read?: unknown };
      if (hasReadRestriction(readRestrictionSchema.parse(body.read ?? {})))
        return { restricted: true, where: ancestor.id };
    }
    return { restricted: false };
  }

  private async call(path: string): Promise<HttpResponse> {
    try {
      return await this.api.request(path);
    } catch (error) {
      throw new RetryableError(`Confluence unreachable: ${(error as Error).message}`);
    }
  }

  private async json(res: HttpResponse, what: string): Promise<unknown> {
    if (res.status === 429 || res.status >= 500) {
      const after = parseRetryAfter(res.headers.get('retry-after'), this.now());
      throw new RetryableError(`Confluence answered ${res.status} for ${what}`, after);
    }
    if (res.status < 200 || res.status >= 300) {
      throw new ExpectedError(
        `Confluence answered ${res.status} for ${what}: ${(await res.text()).slice(0, 200)}`,
      );
    }
    return JSON.parse(await res.text());
  }
}

function hasReadRestriction(read: z.infer<typeof readRestrictionSchema> | undefined): boolean {
  const r = read?.restrictions;
  return (r?.user?.results.length ?? 0) > 0 || (r?.group?.results.length ?? 0) > 0;
}
