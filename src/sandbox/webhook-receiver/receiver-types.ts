import type { Clock } from '../../ports/clock';

/** One step of the receiver's fault schedule, applied in order to successive requests. */
export type FaultStep =
  /** Answer `status` (with Retry-After when given) to the next `times` requests. */
  | { status: number; retryAfterSeconds?: number; times: number }
  /** Never answer the next `times` requests: hold each socket until the client aborts. */
  | { hang: true; times: number }
  /** Answer `status` (default 503) to every request until `downUntil` (epoch ms, injected clock). */
  | { downUntil: number; status?: number }
  /** 410 Gone to every request from then on. */
  | { gone: true };

export interface ReceivedMessage {
  /** `webhook-id` header, null when missing. */
  id: string | null;
  /** `webhook-timestamp` header (unix seconds), null when missing or not an integer. */
  timestamp: number | null;
  /** `type` from the JSON body, null when the body was not a valid payload. */
  type: string | null;
  pageId: string | null;
  version: number | null;
  verified: boolean;
  /** The status answered; null when the request was held (hang) and never answered. */
  status: number | null;
  /** Injected clock, epoch ms. */
  receivedAt: number;
  /** An earlier request with the same webhook-id was already accepted (2xx). */
  duplicate: boolean;
  /** Applied to state(); false for faults, rejections and duplicates. */
  applied: boolean;
  method: string;
  path: string;
  body: string;
}

export interface PageState {
  present: boolean;
  version: number;
  title: string;
  labels: string[];
  lastMessageId: string;
  lastType: string;
}

export interface WebhookReceiverOptions {
  clock: Clock;
  /** Accepted signing secrets (`whsec_…`); a request is verified when any signature matches any. */
  secrets: string[];
  faults?: FaultStep[];
  port?: number;
  /** Maximum |now − webhook-timestamp|, default 300 (the reference library's 5 minutes). */
  toleranceSeconds?: number;
}

export interface WebhookReceiver {
  /** e.g. `http://127.0.0.1:PORT`; any path is accepted. */
  url: string;
  close(): Promise<void>;
  messages(): ReceivedMessage[];
  state(): Record<string, PageState>;
  violations(): string[];
  /** Replaces the remaining fault schedule. */
  setFaults(faults: FaultStep[]): void;
}
