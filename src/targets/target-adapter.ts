import type { ConvertFormat, ConvertResult } from '../convert/convert-result';
import type { RelayEvent } from '../domain/relay-event';
import type { DeliveryOptions } from '../domain/selection';
import type { CommentSnapshot, PageSnapshot, Person } from '../domain/snapshots';
import type { Clock } from '../ports/clock';
import type { Http } from '../ports/http';
import type { Log } from '../ports/log';
import type { SecretStore } from '../ports/secret-store';
import type { Store } from '../ports/store';

export type Rendered = Partial<Record<ConvertFormat, ConvertResult>>;

/** What one target is asked to do for one event. */
export type DeliveryItem =
  | {
      action: 'upsert';
      event: RelayEvent;
      page: PageSnapshot;
      author: Person;
      firstDelivery: boolean;
      /** The body in each format a target of this event asked for, converted once. */
      rendered: Rendered;
      /** Choices of the mapping that admitted the page (e.g. who sees it in Halo). */
      options?: DeliveryOptions;
      remoteId?: string;
      remoteState?: Record<string, unknown>;
    }
  | {
      action: 'remove';
      event: RelayEvent;
      pageId: string;
      reason: string;
      remoteId?: string;
      remoteState?: Record<string, unknown>;
      title?: string;
    }
  | {
      action: 'notify';
      event: RelayEvent;
      page: PageSnapshot;
      comment: CommentSnapshot;
      author: Person;
      /** Choices of the mapping that admitted the page (e.g. its Bitrix24 task field). */
      options?: DeliveryOptions;
    };

export interface DeliveryAttempt {
  /** Deterministic: the same on every retry of this delivery. */
  deliveryId: string;
  attempt: number;
  /** Aborts before the function's timeout. */
  signal: AbortSignal;
}

/**
 * Expected outcomes are values, not exceptions: `failed` is recorded and not retried, `retryable`
 * carries its retry-after, `disable` switches the target off (e.g. 410 Gone). Adapters throw only
 * on bugs.
 */
export type TargetResult =
  | {
      kind: 'delivered';
      remoteId?: string;
      remoteState?: Record<string, unknown>;
      httpStatus?: number;
      note?: string;
      /** Delivered in part (e.g. images left for later): the pipeline continues in a new job. */
      more?: boolean;
    }
  /** Our own rate budget for the target is spent: try again later; not an attempt. */
  | { kind: 'throttled'; reason: string; retryAfterSeconds: number; httpStatus?: number }
  /** Left as it is on purpose (e.g. an article edited in Halo, kept by policy): logged, not retried. */
  | { kind: 'kept'; reason: string; httpStatus?: number }
  | { kind: 'retryable'; reason: string; retryAfterSeconds?: number; httpStatus?: number }
  | { kind: 'failed'; reason: string; httpStatus?: number }
  | { kind: 'disable'; reason: string; httpStatus?: number };

/**
 * "Test connection" for the settings page: ok with a short detail, or a reason an admin can act
 * on (bad URL, wrong secret, missing permission, host not allowed), never a secret.
 */
export type ConnectionTest = { ok: true; detail: string } | { ok: false; reason: string; field?: string };

/**
 * What a delivery would send, built by the adapter's own payload code without sending anything
 * (the dry-run preview): the request line, the exact body, and what is only decided at delivery
 * (signatures, ids the target assigns, uploads). Never a secret.
 */
export interface PayloadPreview {
  /** e.g. `POST /api/KBArticle`; a URL or path that carries a secret is never shown. */
  request: string;
  contentType?: string;
  /** Exactly the bytes the target would receive; absent when nothing would be sent. */
  body?: string;
  notes: string[];
}

export interface TargetAdapter {
  deliver(item: DeliveryItem, attempt: DeliveryAttempt): Promise<TargetResult>;
  /** The dry run of `deliver`: no target call and no write to storage. */
  preview?(item: DeliveryItem): Promise<PayloadPreview>;
  /** "Test connection" for the settings page, where the target kind has one. */
  testConnection?(signal?: AbortSignal): Promise<ConnectionTest>;
}

/** What targets may ask of Confluence beyond the item itself. */
export interface ConfluenceLookups {
  spaceName(spaceKey: string): Promise<string | undefined>;
  /** The page's attachments (filename, media type, absolute download URL). */
  attachments(pageId: string): Promise<Array<{ filename: string; mediaType: string; url: string }>>;
  /** An attachment's bytes (images to re-host); undefined when missing or too big. */
  download(pageId: string, filename: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
  /** The page's watchers, with the e-mail where Confluence reveals it (Bitrix24 personal messages). */
  watchers?(pageId: string): Promise<Array<{ accountId: string; email?: string }>>;
}

export interface TargetDeps {
  http: Http;
  secrets: SecretStore;
  store: Store;
  clock: Clock;
  log: Log;
  confluence?: ConfluenceLookups;
}
