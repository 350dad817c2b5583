export type HaloErrorKind = 'rate-limited' | 'unavailable' | 'rejected' | 'auth' | 'not-found' | 'egress';

export interface HaloErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  /** Halo's own words from the error body (never a secret, a token or an article body). */
  haloMessage?: string;
}

/**
 * Every failure of a Halo call. `rate-limited` and `unavailable` are retryable (with
 * `retryAfterSeconds` when known); the others are expected failures: record, do not retry.
 */
export class HaloError extends Error {
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly haloMessage?: string;

  constructor(
    readonly kind: HaloErrorKind,
    message: string,
    details: HaloErrorDetails = {},
  ) {
    super(message);
    this.name = 'HaloError';
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.haloMessage = details.haloMessage;
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable';
  }
}

/** What an error body says: the message and, where Halo gives one, a code or class name. */
export interface HaloErrorBody {
  message?: string;
  code?: string;
}

const MAX_MESSAGE = 300;

/** Whitespace collapsed, cut at 300; HTML tags dropped from plain-text bodies (a proxy's page). */
function clean(text: string, stripTags: boolean): string | undefined {
  const plain = (stripTags ? text.replace(/<[^>]*>/g, ' ') : text).replace(/\s+/g, ' ').trim();
  if (plain === '') return undefined;
  return plain.length > MAX_MESSAGE ? `${plain.slice(0, MAX_MESSAGE - 1)}…` : plain;
}

function field(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads Halo's error bodies (targets.md A.2, HAPI `New-HaloError.ps1`): `{ClassName, Message}`,
 * `{Message}`, `{resultCode, errorMessage}`, `{error, error_description}` (OAuth), `{error}`, or
 * plain text (HTML tags stripped). Messages are cut at 300 characters.
 */
export function parseHaloErrorBody(text: string): HaloErrorBody {
  const parsed = parseJson(text);
  if (typeof parsed === 'string') return { message: clean(parsed, parsed === text) };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const body = parsed as Record<string, unknown>;
  const code = field(body, 'ClassName', 'resultCode', 'error');
  const raw = field(body, 'Message', 'message', 'errorMessage', 'error_description', 'error');
  const message = raw === undefined ? undefined : clean(raw, false);
  return { ...(message === undefined ? {} : { message }), ...(code === undefined ? {} : { code }) };
}

function host(url: string): string {
  return new URL(url).host;
}

/** A request that got no answer: refused connection, DNS failure, timeout or abort. */
export function unreachable(error: unknown, url: string): HaloError {
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || name === 'TimeoutError')
    return new HaloError('unavailable', `Halo did not answer in time (${host(url)})`);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = [cause?.code, cause?.message, (error as Error).message].find(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return new HaloError('unavailable', `Halo unreachable: ${host(url)}${detail ? ` (${detail})` : ''}`);
}

/** Forge's egress proxy refused the host (a 403 that Halo never saw). */
export function egressDenied(url: string): HaloError {
  const name = host(url);
  return new HaloError(
    'egress',
    `egress to ${name} is not allowed: add it with \`npm run egress -- add https://${name}\` and redeploy, or approve it in the settings page`,
    { status: 403 },
  );
}

/** A non-2xx answer of the resource server (`/api/...`) other than 429, 5xx and egress. */
export function apiError(status: number, body: HaloErrorBody, what: string): HaloError {
  const said = body.message;
  const details = { status, ...(said === undefined ? {} : { haloMessage: said }) };
  const suffix = said === undefined ? '' : `: ${said}`;
  if (status === 400 || status === 409 || status === 422)
    return new HaloError('rejected', `Halo rejected ${what}${suffix}`, details);
  if (status === 401)
    return new HaloError('auth', `Halo refused the access token for ${what}${suffix}`, details);
  if (status === 403)
    return new HaloError(
      'auth',
      `the Halo application lacks knowledge-base permission (scope) for ${what}${suffix}`,
      details,
    );
  if (status === 404) return new HaloError('not-found', `Halo could not find ${what}${suffix}`, details);
  if (status >= 300 && status < 400)
    return new HaloError(
      'rejected',
      `Halo answered ${status} (a redirect) for ${what}: check the base URL`,
      details,
    );
  return new HaloError('rejected', `Halo answered ${status} for ${what}${suffix}`, details);
}

/**
 * A refused token request (targets.md A.1; OAuth error codes per RFC 6749 §5.2), named by cause:
 * bad tenant, bad client id or secret, scope not granted, no token endpoint.
 */
export function tokenError(
  status: number,
  body: HaloErrorBody,
  ctx: { tenant?: string; scope: string; url: string },
) {
  const code = (body.code ?? '').toLowerCase();
  const said = body.message;
  const details = { status, ...(said === undefined ? {} : { haloMessage: said }) };
  const because = said === undefined || said.toLowerCase() === code ? '' : ` (${said})`;
  if (code === 'invalid_scope')
    return new HaloError(
      'auth',
      `the Halo application lacks knowledge-base permission (scope '${ctx.scope}' refused${because}): grant it to the API application in Halo, or change the scope`,
      details,
    );
  if (code === 'invalid_tenant' || /tenant/i.test(said ?? '')) {
    const message =
      ctx.tenant === undefined
        ? `Halo needs the tenant of this hosted instance${because}: set the tenant in the target's settings`
        : `Halo refused the tenant '${ctx.tenant}'${because}: check the tenant in the target's settings`;
    return new HaloError('auth', message, details);
  }
  if (code === 'invalid_client' || status === 401)
    return new HaloError(
      'auth',
      `Halo rejected the client ID or client secret${because}: check both in the target's settings`,
      details,
    );
  if (code === 'unauthorized_client')
    return new HaloError('auth', `the Halo application may not use client credentials${because}`, details);
  if (status === 403)
    return new HaloError('auth', `the Halo application lacks permission to get a token${because}`, details);
  if (status === 404)
    return new HaloError(
      'auth',
      `Halo has no token endpoint at ${ctx.url.split('?')[0]}: check the base URL or the auth URL`,
      details,
    );
  return new HaloError(
    'auth',
    `Halo refused the token request (${status}${said ? `: ${said}` : ''})`,
    details,
  );
}
