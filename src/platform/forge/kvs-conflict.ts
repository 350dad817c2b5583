import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * Codes that name a failed condition or an existing key. UNVERIFIED: @forge/kvs 1.6.5 does not map
 * these cases itself. `utils/error-handling.js` (checkResponseError) turns every non-2xx response
 * into a ForgeKvsAPIError carrying the server's `{code, message}` and `responseDetails.status`;
 * neither the package, its tests nor the docs we have name the code for a FAIL_IF_EXISTS collision
 * or a failed transaction condition. Third-party Forge code and simulators use HTTP 409 and codes
 * such as KEY_ALREADY_EXISTS / KEY_CONFLICT / CONDITIONAL_CHECK_FAILED; nothing authoritative.
 */
const CONFLICT_CODE = /CONDITION|CONFLICT|CANCEL|ALREADY_EXISTS|KEY_EXISTS/;
/** Codes that look like the above but describe a malformed request: never a conflict. */
const NOT_A_CONFLICT_CODE = /INVALID|BAD_REQUEST|LIMIT|TOO_MANY/;

/**
 * True when kvs reports that a write lost a race: a FAIL_IF_EXISTS key that already existed, or a
 * transaction whose condition did not hold. Rule (UNVERIFIED, see above): a ForgeKvsAPIError with
 * HTTP 409 or 412, or whose code matches CONFLICT_CODE, except rate limits (429) and codes that
 * describe a malformed request. Everything else is not a conflict and must be rethrown unchanged.
 */
export function isKvsConflict(error: unknown): error is ForgeKvsAPIError {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  const status = error.responseDetails?.status;
  if (status === 429) return false;
  if (status === 409 || status === 412) return true;
  const code = String(error.code ?? '').toUpperCase();
  return CONFLICT_CODE.test(code) && !NOT_A_CONFLICT_CODE.test(code);
}
