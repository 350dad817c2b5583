import type { z } from 'zod';
import type { ConfluenceApi } from '../../ports/confluence-api';
import type { Http, HttpResponse } from '../../ports/http';
import {
  downloadAttachment,
  listAttachments,
  type AttachmentLink,
  type Download,
} from './attachment-download';
import { parseRetryAfter } from '../../domain/retry-schedule';
import { ExpectedError, RetryableError } from '../errors';
import {
  commentSchema,
  contentStateSchema,
  searchCountSchema,
  searchPageSchema,
  labelsPageSchema,
  pageSchema,
  readRestrictionSchema,
  spaceSchema,
  userSchema,
  watchersSchema,
} from './confluence-schemas';
import type { PageSnapshot } from '../../domain/snapshots';
import {
  contextPath,
  hasReadRestriction,
  isAncestorExpandBug,
  toPageContext,
  type PageContext,
} from './page-context';
import { toSnapshot } from './to-snapshot';

/** A page a search found, with its version when the search expanded it. */
export interface FoundPage {
  id: string;
  version?: number;
  modifiedAt?: number;
}
export interface SearchBatch {
  pages: FoundPage[];
  nextCursor?: string;
}

export type PageFetch = { kind: 'found'; page: PageSnapshot } | { kind: 'gone'; reason: string };
export type CommentFetch =
  { kind: 'found'; comment: z.infer<typeof commentSchema> } | { kind: 'gone'; reason: string };

const enc = encodeURIComponent;

/** Typed Confluence REST calls over the ConfluenceApi port, the same on Forge and in Node. */
export class ConfluenceClient {
  private readonly ancestorCache = new Map<string, Promise<boolean>>();

  constructor(
    private readonly api: ConfluenceApi,
    private readonly now: () => number,
    /** For the media service Confluence redirects attachment downloads to. */
    private readonly http?: Http,
  ) {}

  /** The page's attachments with absolute download URLs. */
  attachments(pageId: string): Promise<AttachmentLink[]> {
    return listAttachments(this.api, pageId, undefined);
  }

  /** An attachment of a page as bytes; undefined when it is missing or too big. */
  download(pageId: string, filename: string): Promise<Download | undefined> {
    return downloadAttachment(this.api, this.http, pageId, filename);
  }

  /**
   * The page's watchers (v1 `notification/created`, up to 200), with the e-mail where the user's
   * profile reveals it; none when the page is gone.
   */
  async watchers(pageId: string): Promise<Array<{ accountId: string; email?: string }>> {
    const res = await this.call(`/wiki/rest/api/content/${enc(pageId)}/notification/created?limit=200`);
    if (res.status === 404) return [];
    const body = watchersSchema.parse(await this.json(res, `watchers of page ${pageId}`));
    return body.results.flatMap(({ watcher }) =>
      watcher?.accountId
        ? [{ accountId: watcher.accountId, ...(watcher.email ? { email: watcher.email } : {}) }]
        : [],
    );
  }

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

  /** The space's name (e.g. to name a Halo FAQ list after it); undefined when unknown. */
  async spaceName(spaceKey: string): Promise<string | undefined> {
    const res = await this.call(`/wiki/api/v2/spaces?keys=${enc(spaceKey)}`);
    const body = (await this.json(res, `space ${spaceKey}`)) as { results?: unknown[] };
    const space = spaceSchema.safeParse(body.results?.[0]);
    return space.success ? space.data.name : undefined;
  }

  async getUserName(accountId: string): Promise<string | undefined> {
    const res = await this.call(`/wiki/rest/api/user?accountId=${enc(accountId)}`);
    if (res.status === 404) return undefined;
    const user = userSchema.parse(await this.json(res, `user ${accountId}`));
    return user.displayName ?? user.publicName;
  }

  /**
   * Ancestors (root first) and, when asked, whether a read restriction on the page or any ancestor
   * blocks it (default deny; edit-only restrictions do not count). One request in the common case;
   * one more per ancestor when Confluence refuses the nested expansion (see page-context.ts).
   */
  async pageContext(pageId: string, withRestrictions: boolean): Promise<PageContext> {
    const res = await this.call(contextPath(pageId, withRestrictions ? 'all' : 'none'));
    let context: PageContext;
    if (res.status !== 404 || !withRestrictions) {
      context = toPageContext(await this.json(res, `page ${pageId}`), true, withRestrictions);
    } else {
      const body = await res.text();
      if (!isAncestorExpandBug(res.status, body)) {
        throw new ExpectedError(`Confluence answered 404 for the context of page ${pageId}`);
      }
      const own = await this.json(await this.call(contextPath(pageId, 'own')), `page ${pageId}`);
      context = toPageContext(own, false, true);
    }
    if (context.restriction?.restricted) return context;
    for (const ancestorId of [...context.unchecked].reverse()) {
      if (await this.ancestorRestricted(ancestorId)) {
        return { ...context, restriction: { restricted: true, where: ancestorId } };
      }
    }
    return context;
  }

  /** Cached per invocation: siblings share ancestors. */
  private ancestorRestricted(ancestorId: string): Promise<boolean> {
    let known = this.ancestorCache.get(ancestorId);
    if (!known) {
      known = this.call(`/wiki/rest/api/content/${enc(ancestorId)}/restriction/byOperation/read`)
        .then((r) => this.json(r, `restrictions of ${ancestorId}`))
        .then((body) => hasReadRestriction(readRestrictionSchema.parse(body)));
      this.ancestorCache.set(ancestorId, known);
    }
    return known;
  }

  /** Current pages at any depth below `rootId`, one CQL page at a time. */
  async descendants(
    rootId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ ids: string[]; nextCursor?: string }> {
    const page = await this.searchPages(`ancestor = ${rootId} and type = page`, limit, cursor);
    return { ids: page.pages.map((p) => p.id), nextCursor: page.nextCursor };
  }

  /**
   * One batch of a v1 CQL content search with each page's current version (number and date); the
   * next batch is read with the opaque cursor of `_links.next`, never built by hand. Scopes: the
   * docs name `search:confluence` (classic) or `read:content-details:confluence` (granular) for
   * `/wiki/rest/api/search`; manifest.yml declares the former. UNVERIFIED that the same suffices
   * for `/wiki/rest/api/content/search` as the app (`read:confluence-content.summary` is declared too).
   */
  async searchPages(cql: string, limit: number, cursor?: string): Promise<SearchBatch> {
    const query = `cql=${enc(cql)}&limit=${limit}&expand=version${cursor ? `&cursor=${enc(cursor)}` : ''}`;
    const res = await this.call(`/wiki/rest/api/content/search?${query}`);
    const page = searchPageSchema.parse(await this.json(res, `search ${cql}`));
    const next = page._links?.next;
    const nextCursor = next ? (new URL(next, 'http://x').searchParams.get('cursor') ?? undefined) : undefined;
    const pages = page.results.map((r) => ({
      id: r.id,
      ...(r.version && { version: r.version.number, modifiedAt: Date.parse(r.version.when) }),
    }));
    return { pages, ...(nextCursor !== undefined && { nextCursor }) };
  }

  /**
   * How many pages a CQL query matches now (v1 site search's `totalSize`): an estimate for progress.
   * UNVERIFIED how exact `totalSize` is on large sites and whether Confluence caps it (the search
   * may stop counting past some number): it is only ever shown as "~N".
   */
  async countPages(cql: string): Promise<number> {
    const res = await this.call(`/wiki/rest/api/search?cql=${enc(cql)}&limit=1`);
    return searchCountSchema.parse(await this.json(res, `count of ${cql}`)).totalSize;
  }

  /** The page's content state (v1; no v2 equivalent); null when it has none. */
  async getContentState(pageId: string): Promise<{ name: string } | null> {
    const res = await this.call(`/wiki/rest/api/content/${enc(pageId)}/state?status=current`);
    return contentStateSchema.parse(await this.json(res, `content state of ${pageId}`)).contentState;
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
