import type { Clock } from '../../ports/clock';

/** An API application registered in Halo (Configuration → Integrations → Halo API). */
export interface HaloClientApp {
  clientId: string;
  clientSecret: string;
  /** Scopes granted to the application, e.g. `['all']` (default) or `['read:kb', 'edit:kb']`. */
  scopes?: string[];
}

export interface FakeHaloOptions {
  clock: Clock;
  /** The hosted tenant name: the token endpoint requires `?tenant=` to equal it. */
  tenant: string;
  clients: HaloClientApp[];
  /** `expires_in` of issued tokens, default 3600. */
  tokenLifetimeSeconds?: number;
  /**
   * Rolling window on `clock`, default 300 requests per 300 s. Every request counts, token and
   * authinfo calls included; refused (429) and injected-fault answers do not. `sendRetryAfter`
   * adds a Retry-After header to 429s (default false: targets.md A.3 could not confirm Halo sends one).
   */
  rateLimit?: { requests: number; windowSeconds: number; sendRetryAfter?: boolean };
  /** Longest accepted HTML field (description, description_html, resolution, resolution_html); default 1,000,000 chars. */
  maxArticleBodyChars?: number;
  /** Agent teams an article can be restricted to (`teams: [{id}]`); default 1st and 2nd Line Support. */
  teams?: Array<{ id: number; name: string }>;
  port?: number;
}

export interface FaultRule {
  /** Any method when omitted. */
  method?: string;
  /** Matched case-insensitively against the path, e.g. `/api/KBArticle`. */
  pathPrefix: string;
  status: number;
  /** JSON body; a string is sent as text/plain. Default: Halo's `{ClassName, Message}`. */
  body?: unknown;
  /** How many matching requests get this answer. */
  times: number;
  retryAfterSeconds?: number;
}

/** What an admin may change by hand in Halo's agent UI. */
export interface HandEdit {
  name?: string;
  description?: string;
  description_html?: string;
  resolution?: string;
  tag_string?: string;
  showforall?: boolean;
  faqlistIds?: number[];
}

export interface FaqListSnapshot {
  id: number;
  name: string;
  showforall: boolean;
  /** 0 for a top-level list. */
  group_id: number;
  article_count: number;
}

export interface ArticleSnapshot {
  id: number;
  name: string;
  description: string;
  description_html: string;
  resolution: string;
  resolution_html: string;
  tags: string[];
  faqlistIds: number[];
  showforall: boolean;
  teamIds: number[];
  attachments: Array<{ id: number; filename: string; filesize: number; desc: string; showforusers: boolean }>;
  /** ISO-8601, from the injected clock. */
  date_created: string;
  date_edited: string;
  editor_name: string;
}

export interface ImageSnapshot {
  token: string;
  link: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface HaloSnapshot {
  faqLists: FaqListSnapshot[];
  articles: ArticleSnapshot[];
  images: ImageSnapshot[];
}

export interface HaloStats {
  /** Every request received, faults and 429s included. */
  requests: number;
  /** Per `METHOD template`, e.g. `POST /api/KBArticle`; unknown paths: `GET (no route)`. */
  byRoute: Record<string, number>;
  tokensIssued: number;
}

export interface FakeHalo {
  /** Resource server base, e.g. `http://127.0.0.1:PORT`; the API is under `/api/...`. */
  url: string;
  /** Authorisation server, `{url}/auth`; the token endpoint is `{authUrl}/token?tenant=…`. */
  authUrl: string;
  close(): Promise<void>;
  stats(): HaloStats;
  resetStats(): void;
  state(): HaloSnapshot;
  injectFaults(rules: FaultRule[]): void;
  /** Every token issued so far is expired from now on. */
  expireTokens(): void;
  /** As an admin deleting in Halo; throws for an unknown id. */
  deleteArticle(id: number): void;
  deleteFaqList(id: number): void;
  /** As an admin editing in Halo: applies `patch`, bumps date_edited and sets the editor. */
  editArticleByHand(id: number, patch: HandEdit): void;
}
