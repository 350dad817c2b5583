import { z } from 'zod';
import type { HaloTargetSettings } from '../../domain/settings';
import { HaloApi } from './halo-api';
import type { HaloClientDeps } from './halo-api';
import { HaloError } from './halo-errors';
import { buildMultipart } from './halo-multipart';
import type {
  HaloArticle,
  HaloArticleInput,
  HaloArticleSummary,
  HaloConnectionTest,
  HaloFaqList,
  HaloFaqListInput,
} from './halo-types';
import {
  haloArticlePageSchema,
  haloArticleSchema,
  haloFaqListSchema,
  haloFaqListsSchema,
  haloImageLinkSchema,
  splitTags,
} from './halo-types';

export type { HaloClientDeps } from './halo-api';

const PAGE_SIZE = 50;
/** 5,000 search hits: beyond that a marker tag is not a marker any more. */
const MAX_PAGES = 100;

/**
 * The typed calls of Halo's API (targets.md Part A): KB articles, FAQ lists, inline images and
 * Test connection. Every request takes a slot of the target's shared rate window first and fails
 * with a HaloError whose `kind` says what to do (see halo-api.ts, halo-transport.ts).
 */
export class HaloClient {
  private readonly api: HaloApi;

  constructor(settings: HaloTargetSettings, deps: HaloClientDeps, signal?: AbortSignal) {
    this.api = new HaloApi(settings, deps, signal);
  }

  /** `GET /api/KBArticle/{id}?includedetails=true`; undefined when Halo has no such article. */
  getArticle(id: number): Promise<HaloArticle | undefined> {
    const path = `/KBArticle/${id}?includedetails=true`;
    return this.api.requestOrMissing({
      method: 'GET',
      path,
      what: `article ${id}`,
      schema: haloArticleSchema,
    });
  }

  /** Articles carrying exactly `tag` (case-insensitive): Halo's `search` is a substring match. */
  async findArticlesByTag(tag: string): Promise<HaloArticleSummary[]> {
    const wanted = tag.trim().toLowerCase();
    const what = `the search for tag '${tag}'`;
    const found = new Map<number, HaloArticleSummary>();
    for (let page = 1, seen = 0; page <= MAX_PAGES; page += 1) {
      const query = new URLSearchParams({
        search: tag,
        pageinate: 'true',
        page_size: `${PAGE_SIZE}`,
        page_no: `${page}`,
      });
      const path = `/KBArticle?${query}`;
      const result = await this.api.request({ method: 'GET', path, what, schema: haloArticlePageSchema });
      for (const article of result.articles)
        if (splitTags(article.tag_string).some((t) => t.toLowerCase() === wanted))
          found.set(article.id, article);
      seen += result.articles.length;
      if (result.articles.length < PAGE_SIZE || seen >= (result.record_count ?? Infinity))
        return [...found.values()];
    }
    throw new HaloError(
      'rejected',
      `Halo's search for tag '${tag}' matches over ${MAX_PAGES * PAGE_SIZE} articles`,
    );
  }

  /**
   * `POST /api/KBArticle` with a one-element array: no `id` creates, an `id` updates (only the
   * fields given change; a deleted article is `not-found`). `description_html` mirrors `description`.
   */
  saveArticle(input: HaloArticleInput): Promise<HaloArticle> {
    const html = input.description_html ?? input.description;
    const record = html === undefined ? input : { ...input, description_html: html };
    const what = input.id === undefined ? 'the article' : `article ${input.id}`;
    return this.api.request({
      method: 'POST',
      path: '/KBArticle',
      what,
      schema: haloArticleSchema,
      json: [record],
      single: true,
    });
  }

  /** `DELETE /api/KBArticle/{id}`: 'missing' when Halo had no such article (404). */
  async deleteArticle(id: number): Promise<'deleted' | 'missing'> {
    const schema = z.unknown().transform((): 'deleted' => 'deleted');
    const path = `/KBArticle/${id}`;
    const call = { method: 'DELETE', path, what: `article ${id}`, schema, ignoreBody: true } as const;
    return (await this.api.requestOrMissing(call)) ?? 'missing';
  }

  listFaqLists(): Promise<HaloFaqList[]> {
    return this.api.request({
      method: 'GET',
      path: '/FAQLists',
      what: 'the FAQ lists',
      schema: haloFaqListsSchema,
    });
  }

  /** `GET /api/FAQLists/{id}`; undefined when the list was deleted in Halo. */
  getFaqList(id: number): Promise<HaloFaqList | undefined> {
    const path = `/FAQLists/${id}?includedetails=true`;
    return this.api.requestOrMissing({
      method: 'GET',
      path,
      what: `FAQ list ${id}`,
      schema: haloFaqListSchema,
    });
  }

  saveFaqList(input: HaloFaqListInput): Promise<HaloFaqList> {
    const what = input.id === undefined ? `the FAQ list '${input.name}'` : `FAQ list ${input.id}`;
    return this.api.request({
      method: 'POST',
      path: '/FAQLists',
      what,
      schema: haloFaqListSchema,
      json: [input],
      single: true,
    });
  }

  /** `POST /api/attachment/image` (targets.md A.6) → the link, which serves the image without a token. */
  async uploadImage(filename: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const fields = { ticket_id: '', image_upload_id: '0', image_upload_key: '' };
    const form = buildMultipart(fields, { filename, contentType, bytes });
    const body = { contentType: form.contentType, bytes: form.body };
    const what = `the image '${filename}'`;
    const answer = await this.api.request({
      method: 'POST',
      path: '/attachment/image',
      what,
      schema: haloImageLinkSchema,
      body,
    });
    return answer.link;
  }

  /** Gets a new token and lists the FAQ lists; on failure, says why in the admin's words. */
  async testConnection(): Promise<HaloConnectionTest> {
    try {
      await this.api.auth.renew();
      return { ok: true, faqLists: (await this.listFaqLists()).length };
    } catch (error) {
      if (error instanceof HaloError) return { ok: false, reason: error.message };
      throw error;
    }
  }
}
