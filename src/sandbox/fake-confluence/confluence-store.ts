import type { Clock } from '../../ports/clock';
import type {
  ConfluenceComment,
  ConfluencePage,
  ConfluenceSpace,
  ConfluenceUser,
  LabelPrefix,
} from './confluence-model';

const NUMERIC_ID = /^[1-9][0-9]{0,18}$/;

/**
 * Storage, id allocation and look-ups shared by the mutations (ConfluenceState) and the REST
 * server. Getters return the live objects: treat them as read-only and change state only through
 * ConfluenceState's mutation methods, which also produce the matching events.
 */
export class ConfluenceStore {
  protected readonly users = new Map<string, ConfluenceUser>();
  protected readonly spaces = new Map<string, ConfluenceSpace>();
  protected readonly pages = new Map<string, ConfluencePage>();
  protected readonly comments = new Map<string, ConfluenceComment>();
  private readonly labelIds = new Map<string, string>();
  private nextId = 100001;
  private base: string;
  /**
   * How the v1 CQL search's opaque cursor keeps its place (routes-v1-search.ts): after the last
   * result served (`keyset`), or as a count of results served, like `start` (`offset`: a result
   * that leaves the matches before the cursor shifts the rest up by one). UNVERIFIED which one
   * Confluence's cursor is; tests run the sweeps against both.
   */
  searchCursor: 'keyset' | 'offset' = 'keyset';

  constructor(
    readonly clock: Clock,
    siteBaseUrl = 'http://127.0.0.1/wiki',
  ) {
    this.base = siteBaseUrl;
  }

  /** `_links.base` of every response, e.g. `http://127.0.0.1:PORT/wiki` (contains `/wiki`). */
  get baseUrl(): string {
    return this.base;
  }

  setBaseUrl(url: string): void {
    if (!/^https?:\/\/[^/]+\/wiki$/.test(url))
      throw new Error(`baseUrl must look like http://host:port/wiki: ${url}`);
    this.base = url;
  }

  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** A fresh numeric id, or `given` after checking it is numeric and unused. */
  allocateId(given?: string): string {
    if (given !== undefined) {
      if (!NUMERIC_ID.test(given)) throw new Error(`id must be a numeric string: ${given}`);
      if (this.idTaken(given)) throw new Error(`id ${given} is already used`);
      return given;
    }
    while (this.idTaken(String(this.nextId))) this.nextId += 1;
    const id = String(this.nextId);
    this.nextId += 1;
    return id;
  }

  private idTaken(id: string): boolean {
    return (
      this.pages.has(id) ||
      this.comments.has(id) ||
      this.spaces.has(id) ||
      [...this.labelIds.values()].includes(id)
    );
  }

  /** Site-wide label id for (prefix, name): Confluence keeps one label object per name. */
  labelId(prefix: LabelPrefix, name: string): string {
    const key = `${prefix}:${name}`;
    const known = this.labelIds.get(key);
    if (known !== undefined) return known;
    const id = this.allocateId();
    this.labelIds.set(key, id);
    return id;
  }

  getUser(accountId: string): ConfluenceUser | undefined {
    return this.users.get(accountId);
  }

  getSpace(id: string): ConfluenceSpace | undefined {
    return this.spaces.get(id);
  }

  getSpaceByKey(key: string): ConfluenceSpace | undefined {
    return [...this.spaces.values()].find((space) => space.key === key);
  }

  /** Any page that exists (whatever its status); purged pages are gone. */
  getPage(id: string): ConfluencePage | undefined {
    return this.pages.get(id);
  }

  getComment(id: string): ConfluenceComment | undefined {
    return this.comments.get(id);
  }

  listSpaces(): ConfluenceSpace[] {
    return [...this.spaces.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  listPages(spaceId?: string): ConfluencePage[] {
    const all = [...this.pages.values()].filter((page) => spaceId === undefined || page.spaceId === spaceId);
    return all.sort((a, b) => Number(a.id) - Number(b.id));
  }

  listComments(pageId: string): ConfluenceComment[] {
    return [...this.comments.values()].filter((comment) => comment.pageId === pageId);
  }

  /** Ancestor pages, root first, nearest parent last. */
  ancestorsOf(pageId: string): ConfluencePage[] {
    const chain: ConfluencePage[] = [];
    let parentId = this.requirePage(pageId).parentId;
    while (parentId !== undefined) {
      const parent = this.requirePage(parentId);
      chain.unshift(parent);
      parentId = parent.parentId;
    }
    return chain;
  }

  /** Direct children with the given statuses, by position. */
  childrenOf(pageId: string, statuses: readonly string[] = ['current']): ConfluencePage[] {
    return [...this.pages.values()]
      .filter((page) => page.parentId === pageId && statuses.includes(page.status))
      .sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id));
  }

  /** @internal Writes used by the mutation modules; they keep events and state consistent. */
  putUser(user: ConfluenceUser): void {
    this.users.set(user.accountId, user);
  }

  /** @internal */
  putSpace(space: ConfluenceSpace): void {
    this.spaces.set(space.id, space);
  }

  /** @internal */
  putPage(page: ConfluencePage): void {
    this.pages.set(page.id, page);
  }

  /** @internal Purges a page: it disappears from every endpoint. */
  dropPage(id: string): void {
    this.pages.delete(id);
  }

  /** @internal */
  putComment(comment: ConfluenceComment): void {
    this.comments.set(comment.id, comment);
  }

  /** @internal */
  dropComment(id: string): void {
    this.comments.delete(id);
  }

  requireUser(accountId: string, what = 'user'): ConfluenceUser {
    const user = this.users.get(accountId);
    if (user === undefined) throw new Error(`Unknown ${what} accountId: ${accountId}`);
    return user;
  }

  requireSpace(id: string): ConfluenceSpace {
    const space = this.spaces.get(id);
    if (space === undefined) throw new Error(`Unknown space id: ${id}`);
    return space;
  }

  requirePage(id: string): ConfluencePage {
    const page = this.pages.get(id);
    if (page === undefined) throw new Error(`Unknown page id: ${id}`);
    return page;
  }

  requireComment(id: string): ConfluenceComment {
    const comment = this.comments.get(id);
    if (comment === undefined) throw new Error(`Unknown comment id: ${id}`);
    return comment;
  }
}
