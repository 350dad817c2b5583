/**
 * Error bodies, in the shapes Halo clients parse (targets.md A.2, HAPI `New-HaloError.ps1`):
 * - `exception`: `{"ClassName":"System.Exception","Message":"…"}` — validation and business rules
 *   (the shape targets.md recommends for a fake; UNVERIFIED which class names Halo really uses).
 * - `message`: `{"Message":"…"}` — the ASP.NET pipeline (401, unknown route, wrong method, media
 *   type, size); the texts are ASP.NET Web API's stock messages. UNVERIFIED for Halo.
 * - `oauth`: `{"error":"invalid_client","error_description":"…"}` — the token endpoint (RFC 6749 §5.2).
 * - `plain`: `{"error":"…"}` — the rate limiter (see rateLimitBody).
 */
export type HaloErrorBody =
  | { kind: 'exception'; className: string; message: string }
  | { kind: 'message'; message: string }
  | { kind: 'oauth'; error: string; description: string }
  | { kind: 'plain'; error: string };

/** An expected HTTP error a handler throws; the pipeline renders it. */
export class HaloError extends Error {
  constructor(
    readonly status: number,
    readonly errorBody: HaloErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(errorBody.kind === 'oauth' || errorBody.kind === 'plain' ? errorBody.error : errorBody.message);
    this.name = 'HaloError';
  }
}

export function renderErrorBody(body: HaloErrorBody): unknown {
  switch (body.kind) {
    case 'exception':
      return { ClassName: body.className, Message: body.message };
    case 'message':
      return { Message: body.message };
    case 'oauth':
      return { error: body.error, error_description: body.description };
    case 'plain':
      return { error: body.error };
  }
}

/** 400: a validation or business-rule failure. */
export function invalid(message: string): HaloError {
  return new HaloError(400, { kind: 'exception', className: 'System.Exception', message });
}

/** 404 for an unknown or deleted record. UNVERIFIED: the exact body of Halo's 404. */
export function notFound(resource: string, id: number | string): HaloError {
  return new HaloError(404, {
    kind: 'exception',
    className: 'System.Exception',
    message: `${resource} with id ${id} not found`,
  });
}

export function pipelineError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): HaloError {
  return new HaloError(status, { kind: 'message', message }, headers);
}

export function oauthError(status: number, error: string, description: string): HaloError {
  return new HaloError(status, { kind: 'oauth', error, description }, { 'Cache-Control': 'no-store' });
}

/**
 * PWR#51 quotes HAPI's rendering of Halo's 429 as "The Halo API said Rate Limit Reached - 300
 * Requests per rolling 5 minute window. The API returned …429": HAPI renders `{"error": X}` as
 * "The Halo API said X." — this body reproduces exactly that. UNVERIFIED: `{"Message": "….'}` would
 * render the same with a trailing period in the text.
 */
export function rateLimitBody(requests: number, windowSeconds: number): HaloErrorBody {
  const span = windowSeconds % 60 === 0 ? `${windowSeconds / 60} minute` : `${windowSeconds} second`;
  return { kind: 'plain', error: `Rate Limit Reached - ${requests} Requests per rolling ${span} window` };
}
