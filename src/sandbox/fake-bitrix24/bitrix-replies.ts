import type { Clock } from '../../ports/clock';

/** A method's refusal: classic `{error, error_description}` or, for REST 3.0, `{error:{code,message}}`. */
export class MethodError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Classic bodies end descriptions in a literal `<br>`, as the portal does (B.1). */
export function classicError(error: MethodError): Record<string, unknown> {
  return { error: error.code, error_description: `${error.description}<br>` };
}

export function v3Error(error: MethodError): Record<string, unknown> {
  return { error: { code: error.code, message: error.description, validation: [] } };
}

export interface MethodResult {
  result: unknown;
  total?: number;
  next?: number;
}

/** `[]` instead of `{}`: PHP's json_encode of an empty array (B.2), as real portals answer. */
export function phpMap(map: Record<string, unknown>): unknown {
  return Object.keys(map).length === 0 ? [] : map;
}

/** Portal dates: ISO 8601 with the portal's offset (Moscow, +03:00). */
export function portalDate(ms: number): string {
  const shifted = new Date(ms + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${shifted}+03:00`;
}

/** The `time` object every answer carries (B.1). */
export function timing(clock: Clock, operatingResetAt: number): Record<string, unknown> {
  const now = clock.now();
  return {
    start: now / 1000,
    finish: now / 1000 + 0.01,
    duration: 0.01,
    processing: 0.009,
    date_start: portalDate(now),
    date_finish: portalDate(now),
    operating_reset_at: Math.floor(operatingResetAt / 1000),
    operating: 0,
  };
}
