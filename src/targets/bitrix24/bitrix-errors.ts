export type BitrixErrorKind =
  'rate-limited' | 'unavailable' | 'auth' | 'scope' | 'denied' | 'rejected' | 'no-method' | 'egress';

export interface BitrixErrorDetails {
  status?: number;
  /** The portal's stable error code (`QUERY_LIMIT_EXCEEDED`, `ERROR_CORE`, `"0"`, a v3 class code). */
  code?: string;
  retryAfterSeconds?: number;
}

/**
 * Every failure of a Bitrix24 call. `rate-limited` and `unavailable` are retryable; the others are
 * expected failures (bad webhook, missing scope, refused command): record, do not retry.
 */
export class BitrixError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: BitrixErrorKind,
    message: string,
    details: BitrixErrorDetails = {},
  ) {
    super(message);
    this.name = 'BitrixError';
    this.status = details.status;
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable';
  }
}

/** A portal's error in either shape, reduced to a code and a message. */
export interface BitrixErrorBody {
  code?: string;
  message?: string;
}

const MAX_MESSAGE = 300;

function clean(text: unknown): string | undefined {
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const plain = String(text)
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return undefined;
  return plain.length > MAX_MESSAGE ? `${plain.slice(0, MAX_MESSAGE - 1)}…` : plain;
}

/**
 * Reads both error shapes (targets.md B.1): classic `{"error":"CODE","error_description":"…<br>"}`
 * (the code may be digits such as `"0"`) and REST 3.0 `{"error":{"code","message","validation"}}`.
 * A body that is no JSON object yields nothing.
 */
export function readErrorBody(body: unknown): BitrixErrorBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const error = (body as Record<string, unknown>).error;
  if (typeof error === 'string' || typeof error === 'number') {
    const message = clean((body as Record<string, unknown>).error_description);
    return { code: String(error), ...(message === undefined ? {} : { message }) };
  }
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const v3 = error as Record<string, unknown>;
    const fields = Array.isArray(v3.validation)
      ? v3.validation
          .map((v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}))
          .map((v) => [v.field, v.message].filter((p) => typeof p === 'string').join(': '))
          .filter((s) => s !== '')
      : [];
    const message = clean([v3.message, ...fields].filter((p) => typeof p === 'string').join('; '));
    const code = typeof v3.code === 'string' ? v3.code : undefined;
    return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
  }
  return {};
}

/** Parses a response text; not JSON gives undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const said = (body: BitrixErrorBody) =>
  [body.code, body.message].filter((p) => p !== undefined).join(': ') || 'no details';

/**
 * A non-2xx answer (other than the rate limits and 5xx, which the transport handles) or an error
 * of one batch command (`status` undefined), as an error an admin can act on.
 */
export function apiError(status: number | undefined, body: BitrixErrorBody, what: string): BitrixError {
  const details = { status, code: body.code };
  const code = body.code ?? '';
  if (code === 'NO_AUTH_FOUND' || code === 'expired_token' || code === 'INVALID_TOKEN' || status === 401)
    return new BitrixError(
      'auth',
      `Bitrix24 refused the webhook for ${what} (${said(body)}): check the webhook URL, it may have been deleted or have expired`,
      details,
    );
  if (code === 'insufficient_scope')
    return new BitrixError(
      'scope',
      `the Bitrix24 webhook lacks a permission (scope) for ${what}: ${said(body)}`,
      details,
    );
  if (code === 'ERROR_METHOD_NOT_FOUND' || code === 'METHOD_NOT_FOUND')
    return new BitrixError('no-method', `this Bitrix24 portal has no method for ${what}`, details);
  if (status === 403 || /ACCESS/.test(code) || code === 'INVALID_CREDENTIALS')
    return new BitrixError('denied', `Bitrix24 denied ${what}: ${said(body)}`, details);
  return new BitrixError('rejected', `Bitrix24 rejected ${what}: ${said(body)}`, details);
}
