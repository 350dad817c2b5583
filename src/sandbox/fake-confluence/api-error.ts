import { STATUS_CODES } from 'node:http';

/** v1 (`/wiki/rest/api/...`) and v2 (`/wiki/api/v2/...`) report errors in different shapes. */
export type ApiFamily = 'v1' | 'v2';

/** An expected HTTP error a route handler throws; the server renders it in the API's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function notFound(message = 'Not Found'): ApiError {
  return new ApiError(404, message);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

export function familyOf(path: string): ApiFamily {
  return path.startsWith('/wiki/rest/api/') ? 'v1' : 'v2';
}

const V2_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST_PARAMETER',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * v2: `{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}` — the
 * title is the reason phrase, the detail carries our message when there is more to say.
 * v1: `{"statusCode":404,"data":{"authorized":true,"valid":false,"errors":[],"successful":false},"message":"…"}`.
 * UNVERIFIED: the codes other than NOT_FOUND, and the exact bodies of 401/429/5xx (those may come
 * from Atlassian's edge rather than from Confluence).
 */
export function errorBody(family: ApiFamily, status: number, message: string): unknown {
  if (family === 'v2') {
    const title = reason(status);
    const code = V2_CODES[status] ?? title.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
    return { errors: [{ status, code, title, detail: message === title ? null : message }] };
  }
  return {
    statusCode: status,
    data: {
      authorized: status !== 401,
      valid: status !== 400 && status !== 404,
      errors: [],
      successful: false,
    },
    message,
  };
}
